/**
 * Lays a GraphDescription out left to right (or top to bottom, for a pane taller than wide), choosing the algorithm by size (d3-dag's default sugiyama
 * takes 0.3 s at 100 nodes and never finishes at 300, measured): d3-dag's sugiyama with cheap
 * operators up to 200 nodes, our own fast layered layout beyond (layered.ts says why), and caching by
 * the graph's signature so an edit that does not change the graph does not move a single node.
 */
import {
  coordGreedy,
  decrossDfs,
  decrossTwoLayer,
  graphStratify,
  layeringLongestPath,
  sugiyama,
  twolayerAgg,
  type Graph,
  type GraphNode,
} from 'd3-dag';
import type { DescribedNode, GraphDescription } from 'hamilton';
import { layered, type LayeredInput, type LayeredResult } from './layered';
import { adjacencyOf } from './layeredRanks';
import { charWidth } from './textAdvance';

export interface PlacedNode {
  readonly name: string;
  /** Centre. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly points: readonly (readonly [number, number])[];
  /**
   * An edge that closes a cycle (left out of the layering): its points run from the producer's side
   * across the layers, outside the drawing, back to the consumer's side, so it crosses no node.
   */
  readonly back: boolean;
}

/** Which way the layers run: left to right (wide panes), or top to bottom (phones, narrow embeds). */
export type Direction = 'LR' | 'TB';

export interface GraphLayout {
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
  /** Which algorithm laid it out (shown in the bench and the graph's status line). */
  readonly algorithm: 'sugiyama-two-layer' | 'sugiyama-dfs' | 'layered';
  readonly direction: Direction;
}

export const NODE_HEIGHT = 48;
export const MAX_NODE_WIDTH = 300;
/** The text's distance from the box's sides, and the room of the state mark after the name. */
export const NODE_TEXT_INSET = 10;
export const STATE_MARK_ROOM = 18;
/** An open cluster's frame: its room around its nodes, and above them for its label. */
export const CLUSTER_FRAME_PAD = 8;
export const CLUSTER_LABEL_ROOM = 20;
/** Between two nodes of a layer, and between two layers. */
const GAP: Record<Direction, readonly [number, number]> = { LR: [16, 36], TB: [20, 36] };
/** How far outside the drawing a back edge runs. */
const BACK_EDGE_MARGIN = 28;

/** The text a node shows on its second line. */
export function nodeSubtitle(node: DescribedNode): string {
  return node.kind === 'config' ? `= ${node.value ?? ''}` : node.type;
}

/** Room for the name and the state mark beside it, and for the type (a run's duration finds a place in it). */
export function nodeWidth(node: DescribedNode): number {
  const text = Math.max(
    node.name.length * charWidth('name') + STATE_MARK_ROOM,
    nodeSubtitle(node).length * charWidth('type'),
  );
  // Rounded up, with a pixel to spare: the text is cut to whole characters.
  return Math.ceil(Math.min(MAX_NODE_WIDTH, Math.max(90, text + 2 * NODE_TEXT_INSET + 1)));
}

/** Each node's open cluster (grouping.ts's `clusterOf`): a big graph keeps a cluster's nodes together. */
export type ClusterOf = ReadonlyMap<string, string>;
const NO_CLUSTERS: ClusterOf = new Map();

/**
 * What the layout depends on: names, kinds, label texts, clusters and edges. (One string joined from
 * flat parts: a 10,000-node graph's signature is made on the page's thread as the graph arrives.)
 */
export function graphSignature(graph: GraphDescription, clusterOf: ClusterOf = NO_CLUSTERS): string {
  const parts: (string | number)[] = [];
  for (const n of graph.nodes) parts.push(n.name, nodeWidth(n), clusterOf.get(n.name) ?? '');
  parts.push('');
  for (const e of graph.edges) parts.push(e.from, e.to);
  return parts.join('\u0000');
}

/**
 * The graph by node index, as the layouts take it: each node's width, its parents along the edges that
 * do not close a cycle (each once), and the edges that do, as `[from, to]`.
 */
export interface IndexedGraph {
  readonly ids: readonly string[];
  readonly widths: Float64Array;
  readonly parents: readonly (readonly number[])[];
  readonly back: readonly (readonly [number, number])[];
}

export function indexGraph(graph: GraphDescription): IndexedGraph {
  const ids = graph.nodes.map((n) => n.name);
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
  const widths = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) widths[i] = nodeWidth(graph.nodes[i]);
  const out: number[][] = ids.map(() => []);
  const edges: [number, number][] = [];
  for (const e of graph.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined) continue;
    out[from].push(to);
    edges.push([from, to]);
  }
  const back = backEdges(out);
  const parents: number[][] = ids.map(() => []);
  const seen = new Set<number>();
  for (const [from, to] of edges) {
    const key = from * ids.length + to;
    if (back.has(key) || seen.has(key)) continue;
    seen.add(key);
    parents[to].push(from);
  }
  return {
    ids,
    widths,
    parents,
    back: [...back].map((key) => [Math.floor(key / ids.length), key % ids.length]),
  };
}

/**
 * Edges that close a cycle, found by a depth-first search in definition order, as `from * n + to` in
 * the order found.
 */
function backEdges(out: readonly (readonly number[])[]): Set<number> {
  const n = out.length;
  // 0: not reached, 1: on the search's path, 2: done.
  const state = new Uint8Array(n);
  const next = new Int32Array(n);
  const stack = new Int32Array(n);
  const back = new Set<number>();
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    let top = 0;
    stack[top++] = root;
    state[root] = 1;
    while (top) {
      const u = stack[top - 1];
      if (next[u] === out[u].length) {
        state[u] = 2;
        top--;
        continue;
      }
      const v = out[u][next[u]++];
      if (state[v] === 1) back.add(u * n + v);
      else if (!state[v]) {
        state[v] = 1;
        stack[top++] = v;
      }
    }
  }
  return back;
}

interface Row {
  readonly id: string;
  readonly parentIds: string[];
}

type Size = (node: GraphNode<Row, undefined>) => readonly [number, number];

/** A layout while it is being made. */
interface Placement {
  readonly nodes: Map<string, PlacedNode>;
  readonly edges: PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

/** Above this many nodes, d3-dag's decrossing and coordinates take too long: layered.ts lays them out. */
const LAYERED_ABOVE = 200;

/** The d3-dag sugiyama for a graph of `size` nodes (see the module comment for why it depends on size). */
function operator(
  size: number,
  nodeSize: Size,
  direction: Direction,
): {
  name: GraphLayout['algorithm'];
  run: (dag: Graph<Row, undefined>) => { width: number; height: number };
} {
  const base = sugiyama()
    .nodeSize(nodeSize)
    .gap(GAP[direction])
    .layering(layeringLongestPath())
    .coord(coordGreedy());
  return size <= 50
    ? { name: 'sugiyama-two-layer', run: base.decross(decrossTwoLayer().order(twolayerAgg()).passes(2)) }
    : { name: 'sugiyama-dfs', run: base.decross(decrossDfs()) };
}

/** Each node's cluster as an index (-1: none), for layered.ts. */
function clusterIndices(ids: readonly string[], clusterOf: ClusterOf): Int32Array {
  const index = new Map<string, number>();
  const of = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const cluster = clusterOf.get(ids[i]);
    if (cluster === undefined) of[i] = -1;
    else of[i] = index.get(cluster) ?? index.set(cluster, index.size).get(cluster)!;
  }
  return of;
}

/** What layered.ts takes for a big graph (what the page sends the layout worker: typed arrays only). */
export function layeredInput(
  { ids, widths, parents }: IndexedGraph,
  clusterOf: ClusterOf = NO_CLUSTERS,
): LayeredInput {
  return {
    widths,
    parents: adjacencyOf(parents),
    nodeHeight: NODE_HEIGHT,
    gap: GAP.LR,
    clusters: clusterOf.size
      ? {
          clusterOf: clusterIndices(ids, clusterOf),
          pad: [CLUSTER_FRAME_PAD + CLUSTER_LABEL_ROOM, CLUSTER_FRAME_PAD],
        }
      : undefined,
  };
}

/** A big graph's layout from layered.ts's result (same conventions as d3-dag's, already left to right). */
export function layeredLayout(graph: IndexedGraph, result: LayeredResult): GraphLayout {
  const { ids, widths, parents } = graph;
  const nodes = new Map<string, PlacedNode>();
  for (let i = 0; i < ids.length; i++)
    nodes.set(ids[i], {
      name: ids[i],
      x: result.x[i],
      y: result.y[i],
      width: widths[i],
      height: NODE_HEIGHT,
    });
  const edges: PlacedEdge[] = [];
  const { points, pointStart } = result;
  let e = 0;
  for (let v = 0; v < ids.length; v++) {
    for (let k = 0; k < parents[v].length; k++, e++) {
      const line: (readonly [number, number])[] = [];
      for (let i = pointStart[e]; i < pointStart[e + 1]; i++) line.push([points[2 * i], points[2 * i + 1]]);
      edges.push({ from: ids[parents[v][k]], to: ids[v], points: line, back: false });
    }
  }
  const placement = { nodes, edges, width: result.width, height: result.height };
  return { ...withBackEdges(placement, graph, 'LR'), algorithm: 'layered', direction: 'LR' };
}

/** A small graph's layout by d3-dag. */
function sugiyamaLayout(
  { ids, widths, parents }: IndexedGraph,
  direction: Direction,
): Placement & Pick<GraphLayout, 'algorithm'> {
  const nodes = new Map<string, PlacedNode>();
  const edges: PlacedEdge[] = [];
  const rows = ids.map((id, i): Row => ({ id, parentIds: parents[i].map((p) => ids[p]) }));
  const width = new Map(ids.map((id, i) => [id, widths[i]]));
  const dag: Graph<Row, undefined> = graphStratify()(rows);
  // d3-dag lays layers top to bottom; left to right, sizes go in transposed and come out swapped.
  const across = direction === 'TB';
  const size: Size = (node) =>
    across ? [width.get(node.data.id)!, NODE_HEIGHT] : [NODE_HEIGHT, width.get(node.data.id)!];
  const { name, run } = operator(rows.length, size, direction);
  const extent = run(dag);
  const turn = (x: number, y: number) => (across ? ([x, y] as const) : ([y, x] as const));
  for (const node of dag.nodes()) {
    const id = node.data.id;
    const [x, y] = turn(node.x, node.y);
    nodes.set(id, { name: id, x, y, width: width.get(id)!, height: NODE_HEIGHT });
  }
  for (const link of dag.links()) {
    edges.push({
      from: link.source.data.id,
      to: link.target.data.id,
      points: link.points.map(([x, y]) => turn(x, y)),
      back: false,
    });
  }
  const [w, h] = turn(extent.width, extent.height);
  return { nodes, edges, width: w, height: h, algorithm: name };
}

/**
 * A back edge's route: out of the producer's far side (below it, left to right; right of it, top to
 * bottom), along the outside of the drawing, and into the consumer's same side, so it never runs
 * through a node or along a forward edge.
 */
function backRoute(
  from: PlacedNode,
  to: PlacedNode,
  direction: Direction,
  extent: number,
): (readonly [number, number])[] {
  if (direction === 'LR') {
    const y = extent + BACK_EDGE_MARGIN;
    return [
      [from.x, from.y + from.height / 2],
      [from.x, y],
      [to.x, y],
      [to.x, to.y + to.height / 2],
    ];
  }
  const x = extent + BACK_EDGE_MARGIN;
  return [
    [from.x + from.width / 2, from.y],
    [x, from.y],
    [x, to.y],
    [to.x + to.width / 2, to.y],
  ];
}

/** The placement with the graph's back edges routed around it (and room made for them). */
function withBackEdges(
  { nodes, edges, width, height }: Placement,
  { ids, back }: IndexedGraph,
  direction: Direction,
): Placement {
  if (!back.length) return { nodes, edges, width, height };
  const extent = direction === 'LR' ? height : width;
  for (const [from, to] of back) {
    const points = backRoute(nodes.get(ids[from])!, nodes.get(ids[to])!, direction, extent);
    edges.push({ from: ids[from], to: ids[to], points, back: true });
  }
  return direction === 'LR'
    ? { nodes, edges, width, height: height + 2 * BACK_EDGE_MARGIN }
    : { nodes, edges, width: width + 2 * BACK_EDGE_MARGIN, height };
}

/** Whether a graph of this many nodes is laid out by layered.ts (always left to right). */
export const isLayered = (size: number) => size > LAYERED_ABOVE;

/**
 * Lays the graph out (uncached). Top to bottom only up to {@link LAYERED_ABOVE} nodes: layered.ts
 * assumes one node height across its layers, which holds only left to right. Over that size, the open
 * clusters' nodes are kept together, each cluster in a band of its own.
 */
export function computeLayout(
  graph: GraphDescription,
  wanted: Direction = 'LR',
  clusterOf: ClusterOf = NO_CLUSTERS,
): GraphLayout {
  const indexed = indexGraph(graph);
  const size = indexed.ids.length;
  if (isLayered(size)) return layeredLayout(indexed, layered(layeredInput(indexed, clusterOf)));
  if (size === 0)
    return {
      nodes: new Map(),
      edges: [],
      width: 0,
      height: 0,
      algorithm: 'sugiyama-two-layer',
      direction: wanted,
    };
  const { algorithm, ...placement } = sugiyamaLayout(indexed, wanted);
  return { ...withBackEdges(placement, indexed, wanted), algorithm, direction: wanted };
}

const cache = new Map<string, GraphLayout>();
const CACHE_SIZE = 16;

/** The cache key of a graph laid out one way. */
export function layoutKey(graph: GraphDescription, direction: Direction, clusterOf?: ClusterOf): string {
  return `${direction}${graphSignature(graph, clusterOf)}`;
}

/** The cached layout under `key` (and marks it recently used), if any. */
export function cachedLayout(key: string): GraphLayout | undefined {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

/** Keeps a layout for later identical graphs, the least recently used one making room. */
export function rememberLayout(key: string, layout: GraphLayout): GraphLayout {
  cache.set(key, layout);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return layout;
}

/** Lays the graph out, reusing the layout of an identical graph (so nodes never jump). */
export function layoutGraph(
  graph: GraphDescription,
  direction: Direction = 'LR',
  clusterOf?: ClusterOf,
): GraphLayout {
  const key = layoutKey(graph, direction, clusterOf);
  return cachedLayout(key) ?? rememberLayout(key, computeLayout(graph, direction, clusterOf));
}

/**
 * Graphs this big are laid out off the main thread when a worker can be had (layoutWorker.ts). Below it
 * layered.ts takes tens of milliseconds in the page, less than a cold worker takes to start.
 */
export const OFF_THREAD_ABOVE = 2000;
