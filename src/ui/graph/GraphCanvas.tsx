import {
  memo,
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
import { withinHops } from './focus';
import { GraphDefs, GraphEdges, parallelEdgesOf } from './GraphEdges';
import { FoldedButton } from './FoldedButton';
import { ClusterFrames } from './GraphClusters';
import { GraphNodes } from './GraphNodes';
import { clusterOfKey, type Clusters } from './grouping';
import { useClusterAnchor } from './useClusterAnchor';
import { arrowTarget, drawnNode, nodeAt, type ArrowKey } from './keyboard';
import { Minimap, placeViewRect } from './Minimap';
import type { GraphLayout, PlacedEdge, PlacedNode } from './layout';
import {
  centreOn,
  fitScale,
  LEGIBLE_SCALE,
  lineageView,
  openingView,
  type Size,
  type Transform,
} from './openingView';
import { edgeBoxes, edgesIn, nodeIn, viewOf, type Rect } from './region';
import { useDrawnRegion } from './useDrawnRegion';

export interface GraphCanvasHandle {
  /** Fits the whole graph, however small that makes it (the user asked for it), unfolding what was folded. */
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
  /** Focus mode: with a node selected, only the nodes this many hops from it are drawn (null: off). */
  readonly focusHops: number | null;
  /** The clusters (grouping.ts): `graph` has the folded ones as a stand-in node each. */
  readonly clusters: Clusters;
  readonly foldedClusters: ReadonlySet<string>;
  /** Folds or unfolds a cluster (its frame's label, or its folded box, was pressed). */
  readonly onToggleCluster: (cluster: string) => void;
  /** The whole graph's size, for its accessible name (`graph` may have folded clusters). */
  readonly counts: { readonly nodes: number; readonly edges: number };
}

/** Graphs this big draw only the nodes and edges in and around the view (region.ts). */
const BIG_GRAPH = 200;
const NOTHING: Rect = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
const NONE: ReadonlySet<string> = new Set();

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
  focusHops,
  clusters,
  foldedClusters,
  onToggleCluster,
  counts,
}: GraphCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const viewport = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const big = graph.nodes.length > BIG_GRAPH;
  // Export draws everything, labels included, whatever the view.
  const [whole, setWhole] = useState(false);
  // The opening view's folded nodes (those that do not fit legibly), until the user moves the view.
  const [folded, setFolded] = useState<ReadonlySet<string>>(NONE);
  // The minimap shows while the graph does not fit the pane legibly; its view rectangle follows the zoom.
  const [minimap, setMinimap] = useState(false);
  // Not over the opening view (it would hide nodes there): it appears once the user moves the view.
  const [moved, setMoved] = useState(false);
  const movedRef = useRef(false);
  const markMoved = (value: boolean) => {
    if (movedRef.current === value) return;
    movedRef.current = value;
    setMoved(value);
  };
  const minimapView = useRef<SVGRectElement>(null);
  const followMinimap = (transform: ZoomTransform) => {
    if (minimapView.current && size.current)
      placeViewRect(minimapView.current, viewOf(transform, size.current));
  };
  const followMinimapRef = useRef(followMinimap);
  followMinimapRef.current = followMinimap;
  const markMovedRef = useRef(markMoved);
  markMovedRef.current = markMoved;
  const inFocus = useMemo(
    () =>
      focusHops !== null && selected && layout.nodes.has(selected)
        ? withinHops(lineage, selected, focusHops)
        : null,
    [focusHops, selected, layout, lineage],
  );

  // The pane's size, kept by a ResizeObserver (read once when the first graph arrives): reading it on
  // demand would force a synchronous layout of the whole drawing right after React adds it.
  const size = useRef<Size | null>(null);
  const { toggle: toggleCluster, keptView } = useClusterAnchor(svgRef, layout, clusters, onToggleCluster);
  // What is drawn: the region around the view (all of it for a small graph), with or without labels.
  const { region, trackRef } = useDrawnRegion(layout, big, size, svgRef);

  // Before the first fit, which is a layout effect too.
  useLayoutEffect(() => {
    const svg = svgRef.current!;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
        // A pan or zoom by the user ends the opening view: resizing the pane then keeps their view,
        // and the folded nodes come back as the view reaches them.
        if (event.sourceEvent) {
          fitted.current = null;
          setFolded(NONE);
          markMovedRef.current(true);
        }
        viewport.current?.setAttribute('transform', event.transform.toString());
        followMinimapRef.current(event.transform);
        trackRef.current(event.transform, !!event.sourceEvent);
      });
    zoomRef.current = behavior;
    select(svg).call(behavior).on('dblclick.zoom', null);
    return () => void select(svg).on('.zoom', null);
  }, []);

  const fitPending = useRef(false);
  /** Which fit the view shows (a resize fits it again), or null once the user or a selection moved it. */
  const fitted = useRef<'opening' | 'whole' | null>('opening');
  const moveTo = (t: Transform) => {
    select(svgRef.current!).call(zoomRef.current!.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  };
  /** `all`: the user asked to see everything; otherwise (a new graph, a resize) the opening view. */
  const fit = (all = false) => {
    if (!svgRef.current || !zoomRef.current || !size.current || !layout.width) {
      fitPending.current = true;
      return;
    }
    fitPending.current = false;
    fitted.current = all ? 'whole' : 'opening';
    const pane = size.current;
    if (all) {
      setFolded(NONE);
      const box = { x0: 0, y0: 0, x1: layout.width, y1: layout.height };
      moveTo(centreOn(box, pane, fitScale(layout, pane)));
      return;
    }
    const outputs = graph.nodes.filter((n) => n.isOutput).map((n) => n.name);
    const opening = openingView(layout, pane, outputs);
    markMoved(false);
    setFolded(opening.folded);
    moveTo(opening.transform);
  };
  /**
   * Pans (at the current zoom) so the node is in view, when it is not; says whether it panned.
   */
  function show(name: string | null): boolean {
    const svg = svgRef.current;
    const place = name ? layout.nodes.get(name) : undefined;
    if (!svg || !place || !zoomRef.current || !size.current) return false;
    const t = zoomTransform(svg);
    const [x, y] = t.apply([place.x, place.y]);
    const margin = (place.width / 2) * t.k;
    if (x - margin >= 0 && x + margin <= size.current.width && y >= 0 && y <= size.current.height)
      return false;
    select(svg).call(zoomRef.current.translateTo, place.x, place.y);
    return true;
  }
  /** Brings the selected node's lineage into view (see {@link lineageView}). */
  function showLineage(name: string) {
    if (!layout.nodes.has(name) || !svgRef.current || !zoomRef.current || !size.current) return;
    const near = [...lineage.parents(name), ...lineage.children(name)];
    const all = inFocus ? [...inFocus] : [...lineage.upstream(name), ...lineage.downstream(name)];
    fitted.current = null;
    setFolded(NONE);
    moveTo(lineageView(layout, size.current, zoomTransform(svgRef.current).k, name, near, all));
  }
  const previousSize = useRef<Size | null>(null);
  const onResize = () => {
    const before = previousSize.current;
    previousSize.current = size.current;
    if (size.current) setMinimap(fitScale(layout, size.current) < LEGIBLE_SCALE);
    // The details sheet opened or closed beside the graph: the lineage goes where there is room.
    if (selected && layout.nodes.has(selected)) showLineage(selected);
    // Still the opening view (the window, a run's results or a panel changed the pane): open it again.
    else if (fitPending.current || fitted.current) fit(fitted.current === 'whole');
    // Otherwise the point at the pane's centre stays there: a resize never jumps the view.
    else if (before && size.current) {
      const t = zoomTransform(svgRef.current!);
      const dx = (size.current.width - before.width) / 2;
      const dy = (size.current.height - before.height) / 2;
      moveTo({ x: t.x + dx, y: t.y + dy, k: t.k });
    }
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
  // A new layout gets its opening view (before it is painted); the same layout (an edit that did not
  // change the graph, a run) keeps the view.
  useLayoutEffect(() => {
    // A big graph's first view, and so what it draws, is known in this task rather than a frame later
    // from the ResizeObserver: it has drawn nothing yet, so measuring costs little. (A small one is
    // drawn whole at once; measuring would only force the page's first layout early.)
    if (!size.current && big) {
      const { width, height } = svgRef.current!.getBoundingClientRect();
      if (width && height) size.current = { width, height };
    }
    previousSize.current = size.current;
    if (size.current) setMinimap(fitScale(layout, size.current) < LEGIBLE_SCALE);
    const kept = keptView(layout);
    if (!kept) return fit();
    fitted.current = null;
    setFolded(NONE);
    moveTo(kept);
  }, [layout]);
  // A minimap just shown draws the view's rectangle at once.
  useLayoutEffect(() => {
    if (minimap && moved && svgRef.current) followMinimap(zoomTransform(svgRef.current));
  }, [minimap, moved, layout]);
  // A newly selected node shows its lineage (a node picked in the details' lists, or by Enter).
  useLayoutEffect(() => {
    if (selected) showLineage(selected);
  }, [selected, focusHops]);
  const zoomBy = (factor: number) => {
    if (!svgRef.current || !zoomRef.current) return;
    fitted.current = null;
    setFolded(NONE);
    markMoved(true);
    select(svgRef.current).call(zoomRef.current.scaleBy, factor);
  };
  useImperativeHandle(handle, () => ({
    fit: () => fit(true),
    zoomBy,
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
  const parallelEdges = useMemo(() => parallelEdgesOf(graph), [graph]);
  const lit = (name: string) =>
    !highlight || name === selected || highlight.up.has(name) || highlight.down.has(name);
  const edgeLit = ({ from, to }: PlacedEdge) =>
    !!highlight &&
    (((from === selected || highlight.up.has(from)) && (to === selected || highlight.up.has(to))) ||
      ((from === selected || highlight.down.has(from)) && (to === selected || highlight.down.has(to))));

  // Edge paths are made when first drawn: a big graph draws few of them.
  const pathOf = useMemo(() => {
    const paths: string[] = [];
    return (i: number) => {
      const edge = layout.edges[i];
      return (paths[i] ??= edgePath(
        edge,
        layout.nodes.get(edge.from)!,
        layout.nodes.get(edge.to)!,
        layout.direction,
      ));
    };
  }, [layout]);
  const boxes = useMemo(() => (big ? edgeBoxes(layout) : null), [big, layout]);
  // A big graph draws its region (nothing before it knows its view); a small one, all of it.
  const current = region?.layout === layout ? region : null;
  const drawn = !big || whole ? null : (current ?? NOTHING);
  const hidden = useMemo(
    () =>
      whole
        ? NONE
        : inFocus
          ? new Set(graph.nodes.map((n) => n.name).filter((n) => !inFocus.has(n)))
          : folded,
    [whole, inFocus, folded, graph],
  );
  const drawsNode = (place: PlacedNode) => !hidden.has(place.name) && (!drawn || nodeIn(place, drawn));
  const edges = useMemo(() => edgesIn(layout.edges.length, boxes, drawn), [layout, boxes, drawn]);
  const far = !whole && (current ? current.far : big);

  const focusName =
    focus && layout.nodes.has(focus)
      ? focus
      : (selected ??
        graph.nodes.find((n) => {
          const place = layout.nodes.get(n.name);
          return place && drawsNode(place);
        })?.name ??
        null);

  const nodeElement = (name: string) => drawnNode(svgRef.current, name);
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
    if (hidden.has(name)) setFolded(NONE);
    // Keep the focused node in view.
    if (show(name)) fitted.current = null;
    const element = nodeElement(name);
    if (element) element.focus({ preventScroll: true });
    else focusWanted.current = name;
  };

  /** A node pressed (clicked, Enter) is selected, or unselected; a folded cluster's box unfolds. */
  const press = (name: string) => {
    const cluster = clusterOfKey(name);
    if (cluster !== null) toggleCluster(cluster);
    else onSelect(name === selected ? null : name);
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const target = nodeAt(event.target);
    const fold = (event.target as Element).getAttribute('data-fold');
    if (fold !== null && (event.key === 'Enter' || event.key === ' ')) toggleCluster(fold);
    else if (event.key === 'f' || event.key === 'F') fit(true);
    else if (event.key === '+' || event.key === '=') zoomBy(1.25);
    else if (event.key === '-') zoomBy(0.8);
    else if (event.key === 'Escape') onSelect(null);
    else if (target && (event.key === 'Enter' || event.key === ' ')) press(target);
    else if (target && event.key.startsWith('Arrow')) {
      const next = arrowTarget(target, event.key as ArrowKey, layout, lineage);
      if (next) moveFocus(next);
    } else return;
    event.preventDefault();
  };

  return (
    // The folded nodes' button sits above the drawing, never over a node.
    <div className="graph-view">
      {hidden.size > 0 && !inFocus && (
        <FoldedButton folded={hidden} graph={graph} lineage={lineage} onShowAll={() => fit(true)} />
      )}
      <svg
        ref={svgRef}
        className="graph-svg"
        role="group"
        aria-label={`Dataflow graph: ${counts.nodes} nodes, ${counts.edges} edges. Arrow keys move between nodes, Enter selects.`}
        onKeyDown={onKeyDown}
        onClick={(event) => {
          const fold = (event.target as Element).closest?.('[data-fold]')?.getAttribute('data-fold');
          if (fold) return toggleCluster(fold);
          const name = nodeAt(event.target);
          if (name) press(name);
          else onSelect(null);
          if (name) setFocus(name);
        }}
        onPointerOver={(event) => {
          if (event.buttons) return; // panning
          const name = nodeAt(event.target);
          onHover(name ? { name, x: event.clientX, y: event.clientY } : null);
        }}
        onPointerLeave={() => onHover(null)}
      >
        <GraphDefs />
        <g ref={viewport}>
          <ClusterFrames layout={layout} clusters={clusters} folded={foldedClusters} hidden={hidden} />
          <GraphEdges
            edges={layout.edges}
            shown={edges}
            pathOf={pathOf}
            lit={edgeLit}
            highlighting={!!highlight}
            parallel={parallelEdges}
            folded={hidden}
            far={far}
          />
          <GraphNodes
            nodes={graph.nodes}
            layout={layout}
            clusters={clusters}
            runs={runs}
            errorNodes={errorNodes}
            selected={selected}
            focusName={focusName}
            draws={drawsNode}
            lit={lit}
            labels={!far}
          />
        </g>
      </svg>
      {minimap && moved && (
        <Minimap
          layout={layout}
          viewRect={minimapView}
          onPan={(x, y) => {
            fitted.current = null;
            setFolded(NONE);
            select(svgRef.current!).call(zoomRef.current!.translateTo, x, y);
          }}
        />
      )}
    </div>
  );
});
