/**
 * What the canvas draws: the nodes and edges of the drawn region (region.ts; all of a small graph, all
 * of any graph for an export), which are hidden (folded by the opening view, or out of focus), which are
 * lit by the selection's lineage, and each edge's path, made when first drawn.
 */
import { useMemo } from 'react';
import type { GraphDescription } from 'hamilton';
import type { Lineage } from '../state/lineage';
import { edgePath } from './edgePath';
import { parallelEdgesOf } from './GraphEdges';
import type { GraphLayout, PlacedEdge, PlacedNode } from './layout';
import { edgeBoxes, edgesIn, nodeIn, type Rect, type Region } from './region';

const NOTHING: Rect = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
const NONE: ReadonlySet<string> = new Set();

/** The graph on the canvas, its layout and lineage, and the selected node. */
export interface Scene {
  readonly graph: GraphDescription;
  readonly layout: GraphLayout;
  readonly lineage: Lineage;
  readonly selected: string | null;
}

interface DrawingOptions {
  /** Whether the graph draws only the region around the view. */
  readonly big: boolean;
  /** Drawing everything, labels included (an export). */
  readonly whole: boolean;
  readonly region: Region | null;
  readonly inFocus: ReadonlySet<string> | null;
  /** The opening view's folded nodes. */
  readonly folded: ReadonlySet<string>;
}

export function useDrawing(
  { graph, layout, lineage, selected }: Scene,
  { big, whole, region, inFocus, folded }: DrawingOptions,
) {
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
  const pathOf = useEdgePaths(layout);
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
  const draws = (place: PlacedNode) => !hidden.has(place.name) && (!drawn || nodeIn(place, drawn));
  const edges = useMemo(() => edgesIn(layout.edges.length, boxes, drawn), [layout, boxes, drawn]);
  const far = !whole && (current ? current.far : big);
  return { highlight, parallelEdges, lit, edgeLit, pathOf, hidden, draws, edges, far };
}

/** Edge paths are made when first drawn: a big graph draws few of them. */
function useEdgePaths(layout: GraphLayout): (i: number) => string {
  return useMemo(() => {
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
}
