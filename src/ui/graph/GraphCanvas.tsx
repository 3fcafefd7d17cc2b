import {
  memo,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { flushSync } from 'react-dom';
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
import { arrowTarget, drawnNode, nodeAt, type ArrowKey } from './keyboard';
import { Minimap } from './Minimap';
import type { GraphLayout, PlacedEdge, PlacedNode } from './layout';
import { edgeBoxes, edgesIn, nodeIn, type Rect } from './region';
import { useViewport } from './useViewport';

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
  const [focus, setFocus] = useState<string | null>(null);
  const big = graph.nodes.length > BIG_GRAPH;
  // Export draws everything, labels included, whatever the view.
  const [whole, setWhole] = useState(false);
  const inFocus = useMemo(
    () =>
      focusHops !== null && selected && layout.nodes.has(selected)
        ? withinHops(lineage, selected, focusHops)
        : null,
    [focusHops, selected, layout, lineage],
  );
  const view = useViewport({
    graph,
    layout,
    lineage,
    selected,
    focusHops,
    inFocus,
    big,
    clusters,
    onToggleCluster,
  });
  useImperativeHandle(handle, () => ({
    fit: () => view.fit(true),
    zoomBy: view.zoomBy,
    drawWhole(use) {
      flushSync(() => setWhole(true));
      try {
        return view.svgRef.current && use(view.svgRef.current);
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
  const current = view.region?.layout === layout ? view.region : null;
  const drawn = !big || whole ? null : (current ?? NOTHING);
  const hidden = useMemo(
    () =>
      whole
        ? NONE
        : inFocus
          ? new Set(graph.nodes.map((n) => n.name).filter((n) => !inFocus.has(n)))
          : view.folded,
    [whole, inFocus, view.folded, graph],
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

  const nodeElement = (name: string) => drawnNode(view.svgRef.current, name);
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
    if (hidden.has(name)) view.setFolded(NONE);
    // Keep the focused node in view.
    view.show(name);
    const element = nodeElement(name);
    if (element) element.focus({ preventScroll: true });
    else focusWanted.current = name;
  };

  /** A node pressed (clicked, Enter) is selected, or unselected; a folded cluster's box unfolds. */
  const press = (name: string) => {
    const cluster = clusterOfKey(name);
    if (cluster !== null) view.toggleCluster(cluster);
    else onSelect(name === selected ? null : name);
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const target = nodeAt(event.target);
    const fold = (event.target as Element).getAttribute('data-fold');
    if (fold !== null && (event.key === 'Enter' || event.key === ' ')) view.toggleCluster(fold);
    else if (event.key === 'f' || event.key === 'F') view.fit(true);
    else if (event.key === '+' || event.key === '=') view.zoomBy(1.25);
    else if (event.key === '-') view.zoomBy(0.8);
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
        <FoldedButton folded={hidden} graph={graph} lineage={lineage} onShowAll={() => view.fit(true)} />
      )}
      <svg
        ref={view.svgRef}
        className="graph-svg"
        role="group"
        aria-label={`Dataflow graph: ${counts.nodes} nodes, ${counts.edges} edges. Arrow keys move between nodes, Enter selects.`}
        onKeyDown={onKeyDown}
        onClick={(event) => {
          const fold = (event.target as Element).closest?.('[data-fold]')?.getAttribute('data-fold');
          if (fold) return view.toggleCluster(fold);
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
        <g ref={view.viewport}>
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
      {view.minimap && view.moved && (
        <Minimap layout={layout} viewRect={view.minimapView} onPan={view.panTo} />
      )}
    </div>
  );
});
