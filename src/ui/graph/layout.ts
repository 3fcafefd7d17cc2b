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
import { layered } from './layered';

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
/** Average advance of the name (13 px, semibold) and of the type (12 px monospace), in px. */
export const NAME_CHAR_WIDTH = 7.6;
export const TYPE_CHAR_WIDTH = 7.3;
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
    node.name.length * NAME_CHAR_WIDTH + STATE_MARK_ROOM,
    nodeSubtitle(node).length * TYPE_CHAR_WIDTH,
  );
  // Rounded up, with a pixel to spare: the text is cut to whole characters.
  return Math.ceil(Math.min(MAX_NODE_WIDTH, Math.max(90, text + 2 * NODE_TEXT_INSET + 1)));
}

/** Each node's open cluster (grouping.ts's `clusterOf`): a big graph keeps a cluster's nodes together. */
export type ClusterOf = ReadonlyMap<string, string>;
const NO_CLUSTERS: ClusterOf = new Map();

/** What the layout depends on: names, kinds, label texts, clusters and edges. */
export function graphSignature(graph: GraphDescription, clusterOf: ClusterOf = NO_CLUSTERS): string {
  return JSON.stringify([
    graph.nodes.map((n) => [n.name, nodeWidth(n), clusterOf.get(n.name) ?? 0]),
    graph.edges.map((e) => [e.from, e.to]),
  ]);
}

/** Edges that close a cycle, found by a depth-first search in definition order. */
function backEdges(graph: GraphDescription): Set<string> {
  const out = new Map<string, string[]>(graph.nodes.map((n) => [n.name, []]));
  for (const e of graph.edges) out.get(e.from)?.push(e.to);
  const state = new Map<string, 1 | 2>();
  const back = new Set<string>();
  for (const root of graph.nodes) {
    if (state.has(root.name)) continue;
    const stack: [string, number][] = [[root.name, 0]];
    state.set(root.name, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])?.[top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        stack.pop();
      } else if (state.get(next) === 1) back.add(`${top[0]}\u0000${next}`);
      else if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, 0]);
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
function clusterIndices(ids: readonly string[], clusterOf: ClusterOf): number[] {
  const index = new Map<string, number>();
  return ids.map((id) => {
    const cluster = clusterOf.get(id);
    if (cluster === undefined) return -1;
    return index.get(cluster) ?? index.set(cluster, index.size).get(cluster)!;
  });
}

/** A big graph's layout by layered.ts (same conventions as d3-dag's, already left to right). */
function layeredLayout(
  rows: ReadonlyMap<string, Row>,
  widths: ReadonlyMap<string, number>,
  clusterOf: ClusterOf,
): Placement {
  const ids = [...rows.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const parents = ids.map((id) => rows.get(id)!.parentIds.map((p) => index.get(p)!));
  const result = layered({
    widths: ids.map((id) => widths.get(id)!),
    parents,
    nodeHeight: NODE_HEIGHT,
    gap: GAP.LR,
    clusters: clusterOf.size
      ? {
          clusterOf: clusterIndices(ids, clusterOf),
          pad: [CLUSTER_FRAME_PAD + CLUSTER_LABEL_ROOM, CLUSTER_FRAME_PAD],
        }
      : undefined,
  });
  const nodes = new Map<string, PlacedNode>();
  ids.forEach((id, i) =>
    nodes.set(id, { name: id, x: result.x[i], y: result.y[i], width: widths.get(id)!, height: NODE_HEIGHT }),
  );
  const edges: PlacedEdge[] = [];
  parents.forEach((ps, i) =>
    ps.forEach((p, k) => edges.push({ from: ids[p], to: ids[i], points: result.points[i][k], back: false })),
  );
  return { nodes, edges, width: result.width, height: result.height };
}

/** A small graph's layout by d3-dag. */
function sugiyamaLayout(
  rows: ReadonlyMap<string, Row>,
  widths: ReadonlyMap<string, number>,
  direction: Direction,
): Placement & Pick<GraphLayout, 'algorithm'> {
  const nodes = new Map<string, PlacedNode>();
  const edges: PlacedEdge[] = [];
  const dag: Graph<Row, undefined> = graphStratify()([...rows.values()]);
  // d3-dag lays layers top to bottom; left to right, sizes go in transposed and come out swapped.
  const across = direction === 'TB';
  const size: Size = (node) =>
    across ? [widths.get(node.data.id)!, NODE_HEIGHT] : [NODE_HEIGHT, widths.get(node.data.id)!];
  const { name, run } = operator(rows.size, size, direction);
  const { width, height } = run(dag);
  const turn = (x: number, y: number) => (across ? ([x, y] as const) : ([y, x] as const));
  for (const node of dag.nodes()) {
    const id = node.data.id;
    const [x, y] = turn(node.x, node.y);
    nodes.set(id, { name: id, x, y, width: widths.get(id)!, height: NODE_HEIGHT });
  }
  for (const link of dag.links()) {
    edges.push({
      from: link.source.data.id,
      to: link.target.data.id,
      points: link.points.map(([x, y]) => turn(x, y)),
      back: false,
    });
  }
  const [w, h] = turn(width, height);
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
  const widths = new Map(graph.nodes.map((n) => [n.name, nodeWidth(n)]));
  const back = backEdges(graph);
  const rows = new Map<string, Row>(graph.nodes.map((n) => [n.name, { id: n.name, parentIds: [] }]));
  for (const e of graph.edges) {
    if (
      !back.has(`${e.from}\u0000${e.to}`) &&
      rows.has(e.from) &&
      !rows.get(e.to)?.parentIds.includes(e.from)
    ) {
      rows.get(e.to)?.parentIds.push(e.from);
    }
  }
  const direction = rows.size > LAYERED_ABOVE ? 'LR' : wanted;
  if (rows.size === 0)
    return { nodes: new Map(), edges: [], width: 0, height: 0, algorithm: 'sugiyama-two-layer', direction };
  const { nodes, edges, algorithm, ...size } =
    rows.size > LAYERED_ABOVE
      ? { ...layeredLayout(rows, widths, clusterOf), algorithm: 'layered' as const }
      : sugiyamaLayout(rows, widths, direction);
  let { width, height } = size;
  if (back.size) {
    const extent = direction === 'LR' ? height : width;
    for (const key of back) {
      const [from, to] = key.split('\u0000');
      const points = backRoute(nodes.get(from)!, nodes.get(to)!, direction, extent);
      edges.push({ from, to, points, back: true });
    }
    if (direction === 'LR') height += 2 * BACK_EDGE_MARGIN;
    else width += 2 * BACK_EDGE_MARGIN;
  }
  return { nodes, edges, width, height, algorithm, direction };
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
