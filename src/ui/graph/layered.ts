/**
 * A layered (Sugiyama-style) layout for large graphs, left to right: for 1,000 nodes 3 ms warm, 20–30 ms
 * the first time (before the JIT has warmed up).
 *
 * Why our own: every d3-dag operator that still draws layers costs too much at 1,000 nodes (measured in
 * Node, warm: sugiyama with longest-path layering, no decrossing and centred coordinates 45–70 ms, with
 * decrossDfs and greedy coordinates 190–290 ms; in the page, cold, about twice that), and the fast ones
 * (zherebko, grid) put one node per layer: a thousand-node graph becomes a single line. The phases are
 * the classic ones, each about linear, one file each: ranking (layeredRanks.ts: longest-path layering
 * with sources pulled next to their first consumer, dummy vertices on edges spanning several layers),
 * ordering (layeredOrder.ts: barycentre sweeps), coordinates (layeredPlace.ts: isotonic regression;
 * layeredClusters.ts then gives each cluster a band of its own) and edge routing (layeredRoutes.ts).
 */
import { keepClustersTogether, type ClusterInput } from './layeredClusters';
import { orderLayers } from './layeredOrder';
import { placeLayers } from './layeredPlace';
import { layeredVertices, type Adjacency } from './layeredRanks';
import { alignTop, edgePoints, layerColumns } from './layeredRoutes';

export interface LayeredInput {
  /** Node widths (the layers run left to right, so the width is along the layering). */
  readonly widths: Float64Array;
  /** Each node's parents, by index (see layeredRanks.ts's `adjacencyOf`); the graph must be acyclic. */
  readonly parents: Adjacency;
  readonly nodeHeight: number;
  /** Space between two nodes of a layer, and between two layers. */
  readonly gap: readonly [number, number];
  /** Clusters whose nodes are kept together (layeredClusters.ts), if any. */
  readonly clusters?: ClusterInput;
}

export interface LayeredResult {
  /** Node centres. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /**
   * Every edge's points (x, y pairs), parent centre first: edges node by node and parent by parent, in
   * the input's order; edge `e`'s points run from pair `pointStart[e]` to pair `pointStart[e + 1]`.
   */
  readonly points: Float64Array;
  readonly pointStart: Int32Array;
  readonly width: number;
  readonly height: number;
}

/** Room a long edge takes in a layer it crosses (its dummy vertex's extent plus gap). */
const LANE = 14;

export function layered({ widths, parents, nodeHeight, gap, clusters }: LayeredInput): LayeredResult {
  const vertices = layeredVertices(parents);
  const { n, layer } = vertices;
  const layers = orderLayers(vertices);
  const extent = new Float64Array(layer.length).fill(LANE).fill(nodeHeight + gap[0], 0, n);
  const y = placeLayers(vertices, layers, extent);
  if (clusters) keepClustersTogether(vertices, layers, y, extent, clusters);
  const { columnX, width } = layerColumns(vertices, widths, gap[1]);
  const height = alignTop(y, n, nodeHeight);
  const xs = new Float64Array(n);
  for (let v = 0; v < n; v++) xs[v] = columnX[layer[v]];
  return { x: xs, y: y.slice(0, n), ...edgePoints(vertices, columnX, y), width, height };
}
