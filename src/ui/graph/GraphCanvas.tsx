import {
  memo,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3-zoom';
import type { GraphDescription } from 'hamilton';
import type { Lineage } from '../state/lineage';
import type { NodeRun } from '../state/session';
import { edgePath } from './edgePath';
import { GraphNode } from './GraphNode';
import type { GraphLayout, PlacedNode } from './layout';
import { markDrawn } from './timing';

export interface GraphCanvasHandle {
  /** Fits the whole graph, however small that makes it (the user asked for it). */
  fit(): void;
  zoomBy(factor: number): void;
  /** The drawn SVG (for export). */
  svg(): SVGSVGElement | null;
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
/** Graphs this big are first drawn without labels (they start out fitted far below FAR_SCALE). */
const BIG_GRAPH = 300;
/**
 * A resize refits only when the labels stay at least this big; and the automatic fit never zooms out
 * further unless the graph is big: a wide graph squeezed into a phone or a narrow pane is a row of
 * unreadable boxes. It then shows the graph's right end: the outputs a run computes, and where a
 * function just typed lands. Fit (or F) shows the whole.
 */
const READABLE_SCALE = 0.7;
/** Fit does not zoom in past life size: a two-node graph blown up looks broken, not readable. */
const MAX_FIT_SCALE = 1;
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
  // Semantic zoom: labels too small to read are not drawn at all (big graphs draw and pan much faster).
  // A big graph starts without them; the first fit decides.
  const [far, setFar] = useState(() => graph.nodes.length > BIG_GRAPH);
  const farRef = useRef(far);

  useEffect(() => {
    const svg = svgRef.current!;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', (event) => {
        // A pan or zoom by the user ends "fitted": resizing the pane then keeps their view.
        if (event.sourceEvent) fitted.current = false;
        viewport.current?.setAttribute('transform', event.transform.toString());
        // Semantic zoom: text too small to read is not drawn (big graphs draw and pan much faster).
        const isFar = event.transform.k < FAR_SCALE;
        if (isFar !== farRef.current) {
          farRef.current = isFar;
          setFar(isFar);
        }
      });
    zoomRef.current = behavior;
    select(svg).call(behavior).on('dblclick.zoom', null);
    return () => void select(svg).on('.zoom', null);
  }, []);

  // The pane's size, kept by a ResizeObserver: reading it on demand would force a synchronous layout
  // of the whole drawing right after React adds it (for 1,000 nodes, most of the time to first frame).
  const size = useRef<{ width: number; height: number } | null>(null);
  const fitPending = useRef(false);
  const fitted = useRef(true);
  /** `whole`: the user asked to see everything; otherwise (a new graph, a resize) labels stay legible. */
  const fit = (whole = false) => {
    const svg = svgRef.current;
    if (!svg || !zoomRef.current || !size.current || !layout.width) {
      fitPending.current = true;
      return;
    }
    fitPending.current = false;
    fitted.current = true;
    const { width, height } = size.current;
    const scale = whole || graph.nodes.length > BIG_GRAPH ? fitScale() : Math.max(READABLE_SCALE, fitScale());
    const x = width - layout.width * scale;
    const t = zoomIdentity
      .translate(x < 2 * PAD ? x - PAD : x / 2, Math.max(PAD, (height - layout.height * scale) / 2))
      .scale(scale);
    select(svg).call(zoomRef.current.transform, t);
  };
  function fitScale(): number {
    const { width, height } = size.current!;
    return Math.min(MAX_FIT_SCALE, (width - 2 * PAD) / layout.width, (height - 2 * PAD) / layout.height);
  }
  /** Pans (at the current zoom) so the selected node is in view, when it is not. */
  function showSelected() {
    const svg = svgRef.current;
    const place = selected ? layout.nodes.get(selected) : undefined;
    if (!svg || !place || !zoomRef.current || !size.current) return;
    const t = zoomTransform(svg);
    const [x, y] = t.apply([place.x, place.y]);
    const margin = (place.width / 2) * t.k;
    if (x - margin < 0 || x + margin > size.current.width || y < 0 || y > size.current.height) {
      select(svg).call(zoomRef.current.translateTo, place.x, place.y);
    }
  }
  const onResize = () => {
    // Still fitted (the window or the details panel changed the pane): fit again while labels stay
    // readable; otherwise keep the zoom and bring the selected node into view.
    if (fitPending.current || (fitted.current && layout.width && fitScale() >= READABLE_SCALE)) fit();
    else showSelected();
  };
  const onResizeRef = useRef(onResize);
  onResizeRef.current = onResize;
  useEffect(() => {
    const svg = svgRef.current!;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      size.current = width && height ? { width, height } : null;
      if (size.current) onResizeRef.current();
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);
  // A new layout is fitted; the same layout (an edit that did not change the graph) keeps the view.
  useEffect(() => {
    fit();
    markDrawn();
  }, [layout]);
  useImperativeHandle(handle, () => ({
    fit: () => fit(true),
    zoomBy: (factor) =>
      svgRef.current && zoomRef.current && select(svgRef.current).call(zoomRef.current.scaleBy, factor),
    svg: () => svgRef.current,
  }));

  const highlight = useMemo(() => {
    if (!selected || !layout.nodes.has(selected)) return null;
    return { up: lineage.upstream(selected), down: lineage.downstream(selected) };
  }, [selected, lineage, layout]);
  const lit = (name: string) =>
    !highlight || name === selected || highlight.up.has(name) || highlight.down.has(name);
  const edgeLit = (from: string, to: string) =>
    !!highlight &&
    (((from === selected || highlight.up.has(from)) && (to === selected || highlight.up.has(to))) ||
      ((from === selected || highlight.down.has(from)) && (to === selected || highlight.down.has(to))));

  const paths = useMemo(
    () =>
      layout.edges.map((edge) => edgePath(edge, layout.nodes.get(edge.from)!, layout.nodes.get(edge.to)!)),
    [layout],
  );

  const plainPaths = useMemo(
    () =>
      far
        ? paths
            .filter((_, i) => !layout.edges[i].back && !edgeLit(layout.edges[i].from, layout.edges[i].to))
            .join(' ')
        : '',
    // edgeLit follows `highlight`.
    [far, paths, layout, highlight],
  );

  const focusName = focus && layout.nodes.has(focus) ? focus : (selected ?? graph.nodes[0]?.name ?? null);

  const moveFocus = (name: string) => {
    setFocus(name);
    const element = svgRef.current?.querySelector<SVGGElement>(`[data-node="${CSS.escape(name)}"]`);
    element?.focus();
    // Keep the focused node in view.
    const svg = svgRef.current;
    const box = element?.getBoundingClientRect();
    const view = svg?.getBoundingClientRect();
    if (
      svg &&
      box &&
      view &&
      zoomRef.current &&
      (box.left < view.left || box.right > view.right || box.top < view.top || box.bottom > view.bottom)
    ) {
      const place = layout.nodes.get(name)!;
      fitted.current = false;
      select(svg).call(zoomRef.current.translateTo, place.x, place.y);
    }
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
              {layout.edges.map((edge, i) =>
                edge.back || edgeLit(edge.from, edge.to) ? (
                  <path
                    key={i}
                    className={`edge${edge.back ? ' back' : ''}${edgeLit(edge.from, edge.to) ? ' lit' : ''}`}
                    d={paths[i]}
                  />
                ) : null,
              )}
            </>
          ) : (
            layout.edges.map((edge, i) => {
              const isLit = edgeLit(edge.from, edge.to);
              return (
                <path
                  key={i}
                  className={`edge${isLit ? ' lit' : ''}${highlight && !isLit ? ' dim' : ''}${edge.back ? ' back' : ''}`}
                  d={paths[i]}
                  markerEnd={isLit ? 'url(#arrow-lit)' : 'url(#arrow)'}
                />
              );
            })
          )}
        </g>
        <g className="nodes">
          {graph.nodes.map((node) => {
            const place = layout.nodes.get(node.name);
            if (!place) return null;
            const run = runs[node.name];
            return (
              <GraphNode
                key={node.name}
                node={node}
                place={place}
                state={run?.state ?? 'idle'}
                durationMs={run?.durationMs}
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
