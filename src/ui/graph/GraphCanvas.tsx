import { memo, useMemo, type Ref } from 'react';
import type { GraphDescription } from 'hamilton';
import type { Lineage } from '../state/lineage';
import { withinHops } from './focus';
import { GraphDefs, GraphEdges } from './GraphEdges';
import { FoldedButton } from './FoldedButton';
import { ClusterFrames } from './GraphClusters';
import { GraphNodes } from './GraphNodes';
import type { Clusters } from './grouping';
import { nodeAt } from './keyboard';
import { Minimap } from './Minimap';
import type { GraphLayout } from './layout';
import { useCanvasHandle, type GraphCanvasHandle } from './useCanvasHandle';
import { useDrawing, type Scene } from './useDrawing';
import { useGraphKeys } from './useGraphKeys';
import { useViewport } from './useViewport';

interface GraphCanvasProps {
  readonly graph: GraphDescription;
  readonly layout: GraphLayout;
  readonly lineage: Lineage;
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

/**
 * The graph drawn as SVG, with pan and zoom (useViewport), the drawn region (useDrawing), selection,
 * hover and keyboard navigation (useGraphKeys), and the whole drawing for export (useCanvasHandle). Its
 * nodes follow the run by themselves (GraphNodes): a run's frames do not draw the canvas again.
 */
export const GraphCanvas = memo(function GraphCanvas({
  graph,
  layout,
  lineage,
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
  const big = graph.nodes.length > BIG_GRAPH;
  const inFocus = useMemo(
    () =>
      focusHops !== null && selected && layout.nodes.has(selected)
        ? withinHops(lineage, selected, focusHops)
        : null,
    [focusHops, selected, layout, lineage],
  );
  // What every part of the drawing reads.
  const scene: Scene = { graph, layout, lineage, selected };
  const view = useViewport(scene, { focusHops, inFocus, big, clusters, onToggleCluster });
  const whole = useCanvasHandle(handle, view);
  const drawing = useDrawing(scene, { big, whole, region: view.region, inFocus, folded: view.folded });
  const { hidden } = drawing;
  const keys = useGraphKeys(scene, { onSelect, view, hidden });

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
        onKeyDown={keys.onKeyDown}
        onClick={keys.onClick}
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
            shown={drawing.edges}
            pathOf={drawing.pathOf}
            lit={drawing.edgeLit}
            highlighting={!!drawing.highlight}
            parallel={drawing.parallelEdges}
            folded={hidden}
            far={drawing.far}
          />
          <GraphNodes
            {...{ layout, clusters, errorNodes, selected }}
            nodes={graph.nodes}
            focusName={keys.focusName}
            draws={drawing.draws}
            lit={drawing.lit}
            labels={!drawing.far}
          />
        </g>
      </svg>
      {view.minimap && view.moved && (
        <Minimap layout={layout} viewRect={view.minimapView} onPan={view.panTo} />
      )}
    </div>
  );
});
