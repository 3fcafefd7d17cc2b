import {
  memo,
  startTransition,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { flushSync } from 'react-dom';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { GraphDescription } from 'hamilton';
import type { Lineage } from '../state/lineage';
import type { NodeRun } from '../state/session';
import { edgePath } from './edgePath';
import { GraphNode } from './GraphNode';
import type { GraphLayout, PlacedNode } from './layout';
import { around, edgeBoxes, edgeIn, nodeIn, serves, viewOf, type Rect, type Region } from './region';
import { markDrawn } from './timing';

export interface GraphCanvasHandle {
  /** Fits the whole graph, however small that makes it (the user asked for it). */
  fit(): void;
  zoomBy(factor: number): void;
  /** Calls `use` with the SVG while it draws the whole graph, labels included (for export). */
  drawWhole<T>(use: (svg: SVGSVGElement) => T): T | null;
}

interface GraphCanvasProps {
  readonly graph: GraphDescription;
  readonly layout: GraphLayout;
  readonly lineage: Lineage;
  readonly runs: Readonly<Record<string, NodeRun>>;
  readonly errorNodes: ReadonlySet<string>;
  readonly selected: string | null;
  readonly onSelect: (name: string | null) => void;
  readonly onHover: (hover: { name: string; x: number; y: number } | null) => void;
  readonly handle: Ref<GraphCanvasHandle>;
}

const PAD = 24;
/** Below this zoom a node's 12 px label is under 5 px: unreadable, so not drawn. */
const FAR_SCALE = 0.4;
/** Graphs this big draw only the nodes and edges in and around the view (region.ts). */
const BIG_GRAPH = 200;
/**
 * The automatic fit (a new graph, a resize) shows the whole graph when it fits at this zoom or more:
 * an example in the desktop pane, a docs embed. Below it, a wide graph squeezed into a phone or a
 * narrow pane would be a row of unreadable boxes: the view then opens at {@link READABLE_SCALE} on the
 * graph's right end (the outputs a run computes, and where a function just typed lands). Fit (or F)
 * always shows the whole.
 */
const OVERVIEW_SCALE = 0.5;
const READABLE_SCALE = 0.7;
/** Fit does not zoom in past life size: a two-node graph blown up looks broken, not readable. */
const MAX_FIT_SCALE = 1;
const NOTHING: Rect = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/** The nearest node from `from` in a direction (its neighbours along edges first for left and right). */
function nearest(
  from: PlacedNode,
  direction: Direction,
  candidates: Iterable<PlacedNode>,
): PlacedNode | null {
  let best: PlacedNode | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === from) continue;
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const [ahead, aside] =
      direction === 'ArrowRight'
        ? [dx, dy]
        : direction === 'ArrowLeft'
          ? [-dx, dy]
          : direction === 'ArrowDown'
            ? [dy, dx]
            : [-dy, dx];
    if (ahead <= 0.5) continue;
    const score = ahead + 3 * Math.abs(aside);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/** The graph drawn as SVG, with pan and zoom (d3-zoom), selection, hover and keyboard navigation. */
export const GraphCanvas = memo(function GraphCanvas({
  graph,
  layout,
  lineage,
  runs,
  errorNodes,
  selected,
  onSelect,
  onHover,
  handle,
}: GraphCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const viewport = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const big = graph.nodes.length > BIG_GRAPH;
  // What is drawn: the region around the view (all of it for a small graph), with or without labels.
  const [region, setRegion] = useState<Region | null>(null);
  const regionRef = useRef(region);
  // Export draws everything, labels included, whatever the view.
  const [whole, setWhole] = useState(false);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  // The pane's size, kept by a ResizeObserver (read once when the first graph arrives): reading it on
  // demand would force a synchronous layout of the whole drawing right after React adds it.
  const size = useRef<{ width: number; height: number } | null>(null);

  /** Follows the view: a new region when the view leaves the drawn one (or the layout or detail changes). */
  const track = (transform: ZoomTransform, gesture: boolean) => {
    if (!size.current) return;
    const view = viewOf(transform, size.current);
    // Semantic zoom: text too small to read is not drawn (big graphs draw and pan much faster).
    const far = transform.k < FAR_SCALE;
    const current = regionRef.current;
    if (current && current.layout === layoutRef.current && current.far === far && serves(current, view))
      return;
    // A pan or zoom draws the region around the view between frames; anything else (a new graph, a
    // resize, a key) draws just the view at once, and the margin once that is painted (see below).
    const wide = gesture || !big;
    const next: Region = { ...(wide ? around(view) : view), layout: layoutRef.current, far, wide };
    regionRef.current = next;
    if (gesture) startTransition(() => setRegion(next));
    else setRegion(next);
  };
  const widen = () => {
    const current = regionRef.current;
    if (!current || current.wide || !size.current) return;
    const next = { ...current, ...around(viewOf(zoomTransform(svgRef.current!), size.current)), wide: true };
    regionRef.current = next;
    startTransition(() => setRegion(next));
  };
  const trackRef = useRef(track);
  trackRef.current = track;

  // Before the first fit, which is a layout effect too.
  useLayoutEffect(() => {
    const svg = svgRef.current!;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
        // A pan or zoom by the user ends "fitted": resizing the pane then keeps their view.
        if (event.sourceEvent) fitted.current = false;
        viewport.current?.setAttribute('transform', event.transform.toString());
        trackRef.current(event.transform, !!event.sourceEvent);
      });
    zoomRef.current = behavior;
    select(svg).call(behavior).on('dblclick.zoom', null);
    return () => void select(svg).on('.zoom', null);
  }, []);

  const fitPending = useRef(false);
  const fitted = useRef(true);
  /** `all`: the user asked to see everything; otherwise (a new graph, a resize) labels stay legible. */
  const fit = (all = false) => {
    const svg = svgRef.current;
    if (!svg || !zoomRef.current || !size.current || !layout.width) {
      fitPending.current = true;
      return;
    }
    fitPending.current = false;
    fitted.current = true;
    const { width, height } = size.current;
    const scale = all || fitScale() >= OVERVIEW_SCALE ? fitScale() : READABLE_SCALE;
    const x = width - layout.width * scale;
    // Taller than the pane: centred on the right end, like the width.
    const drawnHeight = layout.height * scale;
    const y =
      drawnHeight <= height - 2 * PAD
        ? (height - drawnHeight) / 2
        : Math.min(PAD, Math.max(height - PAD - drawnHeight, height / 2 - rightEnd(layout) * scale));
    const t = zoomIdentity.translate(x < 2 * PAD ? x - PAD : x / 2, y).scale(scale);
    select(svg).call(zoomRef.current.transform, t);
  };
  function fitScale(): number {
    const { width, height } = size.current!;
    return Math.min(MAX_FIT_SCALE, (width - 2 * PAD) / layout.width, (height - 2 * PAD) / layout.height);
  }
  /**
   * Pans (at the current zoom) so the node is in view, when it is not (or, with `centre`, to put it in
   * the middle); says whether it panned.
   */
  function show(name: string | null, centre = false): boolean {
    const svg = svgRef.current;
    const place = name ? layout.nodes.get(name) : undefined;
    if (!svg || !place || !zoomRef.current || !size.current) return false;
    const t = zoomTransform(svg);
    const [x, y] = t.apply([place.x, place.y]);
    const margin = (place.width / 2) * t.k;
    if (!centre && x - margin >= 0 && x + margin <= size.current.width && y >= 0 && y <= size.current.height)
      return false;
    select(svg).call(zoomRef.current.translateTo, place.x, place.y);
    return true;
  }
  const onResize = () => {
    // Still fitted (the window or the details panel changed the pane): fit again while labels stay
    // readable; otherwise keep the zoom and centre the selected node.
    if (fitPending.current || (fitted.current && layout.width && fitScale() >= OVERVIEW_SCALE)) fit();
    // The selected node goes to the middle: the details panel opening beside it must not hide its
    // downstream and upstream neighbours.
    else if (!show(selected, true)) track(zoomTransform(svgRef.current!), false);
  };
  const onResizeRef = useRef(onResize);
  onResizeRef.current = onResize;
  useEffect(() => {
    const svg = svgRef.current!;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      size.current = width && height ? { width, height } : null;
      // Drawn before this frame is painted: a first graph does not flash empty.
      if (size.current) flushSync(() => onResizeRef.current());
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);
  // A new layout is fitted (before it is painted); the same layout (an edit that did not change the
  // graph) keeps the view.
  useLayoutEffect(() => {
    // A big graph's first view, and so what it draws, is known in this task rather than a frame later
    // from the ResizeObserver: it has drawn nothing yet, so measuring costs little. (A small one is
    // drawn whole at once; measuring would only force the page's first layout early.)
    if (!size.current && big) {
      const { width, height } = svgRef.current!.getBoundingClientRect();
      if (width && height) size.current = { width, height };
    }
    fit();
  }, [layout]);
  // The drawing of a layout is timed once it is committed for the view that shows it.
  const timed = useRef<GraphLayout | null>(null);
  useEffect(() => {
    if (region?.layout !== layout || timed.current === layout) return;
    timed.current = layout;
    markDrawn();
  }, [region, layout]);
  // Once the view is painted, the margin around it is drawn too, so that a pan finds its nodes there.
  useEffect(() => {
    if (!region || region.wide) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(widen)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [region]);
  useImperativeHandle(handle, () => ({
    fit: () => fit(true),
    zoomBy: (factor) =>
      svgRef.current && zoomRef.current && select(svgRef.current).call(zoomRef.current.scaleBy, factor),
    drawWhole(use) {
      flushSync(() => setWhole(true));
      try {
        return svgRef.current && use(svgRef.current);
      } finally {
        setWhole(false);
      }
    },
  }));

  const highlight = useMemo(() => {
    if (!selected || !layout.nodes.has(selected)) return null;
    return { up: lineage.upstream(selected), down: lineage.downstream(selected) };
  }, [selected, lineage, layout]);
  // Edges into a Collect and out of a Parallelizable: drawn with Hamilton's crow's foot.
  const parallelEdges = useMemo(
    () =>
      new Map(
        graph.edges.flatMap((e) => (e.parallel ? [[`${e.from}\u0000${e.to}`, e.parallel] as const] : [])),
      ),
    [graph],
  );
  const lit = (name: string) =>
    !highlight || name === selected || highlight.up.has(name) || highlight.down.has(name);
  const edgeLit = (from: string, to: string) =>
    !!highlight &&
    (((from === selected || highlight.up.has(from)) && (to === selected || highlight.up.has(to))) ||
      ((from === selected || highlight.down.has(from)) && (to === selected || highlight.down.has(to))));

  // Edge paths are made when first drawn: a big graph draws few of them.
  const pathOf = useMemo(() => {
    const paths: string[] = [];
    return (i: number) => {
      const edge = layout.edges[i];
      return (paths[i] ??= edgePath(edge, layout.nodes.get(edge.from)!, layout.nodes.get(edge.to)!));
    };
  }, [layout]);
  const boxes = useMemo(() => (big ? edgeBoxes(layout) : null), [big, layout]);
  // A big graph draws its region (nothing before it knows its view); a small one, all of it.
  const current = region?.layout === layout ? region : null;
  const drawn = !big || whole ? null : (current ?? NOTHING);
  const drawsNode = (place: PlacedNode) => !drawn || nodeIn(place, drawn);
  const edges = useMemo(() => {
    const shown: number[] = [];
    for (let i = 0; i < layout.edges.length; i++)
      if (!boxes || !drawn || edgeIn(boxes, i, drawn)) shown.push(i);
    return shown;
  }, [layout, boxes, drawn]);
  const far = !whole && (current ? current.far : big);

  const plainPaths = useMemo(
    () =>
      far
        ? edges
            .filter((i) => !layout.edges[i].back && !edgeLit(layout.edges[i].from, layout.edges[i].to))
            .map(pathOf)
            .join(' ')
        : '',
    // edgeLit follows `highlight`.
    [far, edges, pathOf, layout, highlight],
  );

  const focusName =
    focus && layout.nodes.has(focus)
      ? focus
      : (selected ??
        graph.nodes.find((n) => {
          const place = layout.nodes.get(n.name);
          return place && drawsNode(place);
        })?.name ??
        null);

  const nodeElement = (name: string) =>
    svgRef.current?.querySelector<SVGGElement>(`[data-node="${CSS.escape(name)}"]`) ?? null;
  // A node moved to by the keyboard may only be drawn once the view has panned to it.
  const focusWanted = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = focusWanted.current && nodeElement(focusWanted.current);
    if (!element) return;
    focusWanted.current = null;
    element.focus({ preventScroll: true });
  });

  const moveFocus = (name: string) => {
    setFocus(name);
    // Keep the focused node in view.
    if (show(name)) fitted.current = false;
    const element = nodeElement(name);
    if (element) element.focus({ preventScroll: true });
    else focusWanted.current = name;
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const target = (event.target as Element).closest('[data-node]')?.getAttribute('data-node');
    if (event.key === 'f' || event.key === 'F') fit(true);
    else if (event.key === '+' || event.key === '=') handleZoom(1.25);
    else if (event.key === '-') handleZoom(0.8);
    else if (event.key === 'Escape') onSelect(null);
    else if (target && (event.key === 'Enter' || event.key === ' '))
      onSelect(target === selected ? null : target);
    else if (target && event.key.startsWith('Arrow')) {
      const from = layout.nodes.get(target)!;
      const direction = event.key as Direction;
      // Left and right follow edges (upstream, downstream) when there are some; otherwise geometry.
      const along =
        direction === 'ArrowRight'
          ? lineage.children(target)
          : direction === 'ArrowLeft'
            ? lineage.parents(target)
            : [];
      const neighbours = along.map((n) => layout.nodes.get(n)!).filter(Boolean);
      const next = nearest(from, direction, neighbours.length ? neighbours : layout.nodes.values());
      if (next) moveFocus(next.name);
    } else return;
    event.preventDefault();
  };
  const handleZoom = (factor: number) =>
    svgRef.current && zoomRef.current && select(svgRef.current).call(zoomRef.current.scaleBy, factor);

  const nodeAt = (element: EventTarget) =>
    (element as Element).closest?.('[data-node]')?.getAttribute('data-node') ?? null;

  return (
    <svg
      ref={svgRef}
      className="graph-svg"
      role="group"
      aria-label={`Dataflow graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges. Arrow keys move between nodes, Enter selects.`}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        const name = nodeAt(event.target);
        onSelect(name === selected ? null : name);
        if (name) setFocus(name);
      }}
      onPointerOver={(event) => {
        if (event.buttons) return; // panning
        const name = nodeAt(event.target);
        onHover(name ? { name, x: event.clientX, y: event.clientY } : null);
      }}
      onPointerLeave={() => onHover(null)}
    >
      <defs>
        <ArrowHead id="arrow" className="arrow-head" />
        <ArrowHead id="arrow-lit" className="arrow-head lit" />
        <CrowsFoot />
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line className="hatch-line" x1="0" y1="0" x2="0" y2="6" />
        </pattern>
      </defs>
      <g ref={viewport}>
        <g className="edges">
          {far ? (
            // Zoomed far out, the plain edges are one path (thousands of elements cost more than they show).
            <>
              <path className={`edge${highlight ? ' dim' : ''}`} d={plainPaths} />
              {edges.map((i) => {
                const edge = layout.edges[i];
                const isLit = edgeLit(edge.from, edge.to);
                return edge.back || isLit ? (
                  <path
                    key={i}
                    className={`edge${edge.back ? ' back' : ''}${isLit ? ' lit' : ''}`}
                    d={pathOf(i)}
                  />
                ) : null;
              })}
            </>
          ) : (
            edges.map((i) => {
              const edge = layout.edges[i];
              const isLit = edgeLit(edge.from, edge.to);
              const role = parallelEdges.get(`${edge.from}\u0000${edge.to}`);
              return (
                <path
                  key={i}
                  className={`edge${isLit ? ' lit' : ''}${highlight && !isLit ? ' dim' : ''}${edge.back ? ' back' : ''}${role ? ` ${role}` : ''}`}
                  d={pathOf(i)}
                  markerEnd={role === 'expand' ? 'url(#crow)' : isLit ? 'url(#arrow-lit)' : 'url(#arrow)'}
                  markerStart={role === 'collect' ? 'url(#crow)' : undefined}
                  data-parallel={role}
                />
              );
            })
          )}
        </g>
        <g className="nodes">
          {graph.nodes.map((node) => {
            const place = layout.nodes.get(node.name);
            // The focusable and the selected node are always drawn: Tab and the details panel reach them.
            if (!place || !(drawsNode(place) || node.name === focusName || node.name === selected))
              return null;
            const run = runs[node.name];
            return (
              <GraphNode
                key={node.name}
                node={node}
                place={place}
                state={run?.state ?? 'idle'}
                durationMs={run?.durationMs}
                items={run?.items}
                selected={node.name === selected}
                dimmed={!lit(node.name)}
                focusable={node.name === focusName}
                hasError={errorNodes.has(node.name)}
                labels={!far}
              />
            );
          })}
        </g>
      </g>
    </svg>
  );
});

/** Where the graph's right end sits vertically: the middle of its last column. */
function rightEnd(layout: GraphLayout): number {
  let right = -Infinity;
  let top = 0;
  let bottom = 0;
  for (const place of layout.nodes.values()) {
    if (place.x > right) {
      right = place.x;
      top = bottom = place.y;
    } else if (place.x === right) {
      top = Math.min(top, place.y);
      bottom = Math.max(bottom, place.y);
    }
  }
  return (top + bottom) / 2;
}

/**
 * Hamilton's crow's foot: at the consumer of a Parallelizable (one value becomes many) and at the
 * producer of a Collect (many become one).
 */
function CrowsFoot() {
  return (
    <marker
      id="crow"
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth="9"
      markerHeight="9"
      orient="auto-start-reverse"
    >
      <path className="crow-foot" d="M0,5 L10,5 M10,0 L0,5 L10,10" />
    </marker>
  );
}

/** An edge's arrow head; the highlighted lineage uses a second one with its own colour. */
function ArrowHead({ id, className }: { readonly id: string; readonly className: string }) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth="7"
      markerHeight="7"
      orient="auto-start-reverse"
    >
      <path className={className} d="M0,0 L10,5 L0,10 z" />
    </marker>
  );
}
