/**
 * Lays a GraphDescription out left to right, choosing the algorithm by size (d3-dag's default sugiyama
 * takes 0.3 s at 100 nodes and never finishes at 300 on this class of machine): d3-dag's sugiyama with cheap
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
  /** An edge that closes a cycle (drawn, but left out of the layering). */
  readonly back: boolean;
}

export interface GraphLayout {
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
  /** Which algorithm laid it out (shown in the bench and the graph's status line). */
  readonly algorithm: 'sugiyama-two-layer' | 'sugiyama-dfs' | 'layered';
}

export const NODE_HEIGHT = 44;
const CHAR_WIDTH = 7.2;
const GAP: readonly [number, number] = [16, 44];

/** The text a node shows on its second line. */
export function nodeSubtitle(node: DescribedNode): string {
  return node.kind === 'config' ? `= ${node.value ?? ''}` : node.type;
}

export function nodeWidth(node: DescribedNode): number {
  const chars = Math.max(node.name.length, nodeSubtitle(node).length + 8);
  return Math.round(Math.min(260, Math.max(80, chars * CHAR_WIDTH + 24)));
}

/** What the layout depends on: names, kinds, label texts and edges. */
export function graphSignature(graph: GraphDescription): string {
  return JSON.stringify([
    graph.nodes.map((n) => [n.name, nodeWidth(n)]),
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
): {
  name: GraphLayout['algorithm'];
  run: (dag: Graph<Row, undefined>) => { width: number; height: number };
} {
  const base = sugiyama().nodeSize(nodeSize).gap(GAP).layering(layeringLongestPath()).coord(coordGreedy());
  return size <= 50
    ? { name: 'sugiyama-two-layer', run: base.decross(decrossTwoLayer().order(twolayerAgg()).passes(2)) }
    : { name: 'sugiyama-dfs', run: base.decross(decrossDfs()) };
}

/** A big graph's layout by layered.ts (same conventions as d3-dag's, already left to right). */
function layeredLayout(rows: ReadonlyMap<string, Row>, widths: ReadonlyMap<string, number>): Placement {
  const ids = [...rows.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const parents = ids.map((id) => rows.get(id)!.parentIds.map((p) => index.get(p)!));
  const result = layered({
    widths: ids.map((id) => widths.get(id)!),
    parents,
    nodeHeight: NODE_HEIGHT,
    gap: GAP,
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
): Placement & Pick<GraphLayout, 'algorithm'> {
  const nodes = new Map<string, PlacedNode>();
  const edges: PlacedEdge[] = [];
  const dag: Graph<Row, undefined> = graphStratify()([...rows.values()]);
  // d3-dag lays layers top to bottom; we draw left to right, so sizes go in transposed and come out swapped.
  const { name, run } = operator(rows.size, (node) => [NODE_HEIGHT, widths.get(node.data.id)!] as const);
  const { width, height } = run(dag);
  for (const node of dag.nodes()) {
    const id = node.data.id;
    nodes.set(id, { name: id, x: node.y, y: node.x, width: widths.get(id)!, height: NODE_HEIGHT });
  }
  for (const link of dag.links()) {
    edges.push({
      from: link.source.data.id,
      to: link.target.data.id,
      points: link.points.map(([x, y]) => [y, x] as const),
      back: false,
    });
  }
  return { nodes, edges, width: height, height: width, algorithm: name };
}

/** Lays the graph out (uncached). */
export function computeLayout(graph: GraphDescription): GraphLayout {
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
  if (rows.size === 0)
    return { nodes: new Map(), edges: [], width: 0, height: 0, algorithm: 'sugiyama-two-layer' };
  const { nodes, edges, width, height, algorithm } =
    rows.size > LAYERED_ABOVE
      ? { ...layeredLayout(rows, widths), algorithm: 'layered' as const }
      : sugiyamaLayout(rows, widths);
  for (const key of back) {
    const [from, to] = key.split('\u0000');
    const a = nodes.get(from)!;
    const b = nodes.get(to)!;
    edges.push({
      from,
      to,
      points: [
        [a.x, a.y],
        [b.x, b.y],
      ],
      back: true,
    });
  }
  return { nodes, edges, width, height, algorithm };
}

const cache = new Map<string, GraphLayout>();
const CACHE_SIZE = 16;

/** Lays the graph out, reusing the layout of an identical graph (so nodes never jump). */
export function layoutGraph(graph: GraphDescription): GraphLayout {
  const key = graphSignature(graph);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const layout = computeLayout(graph);
  cache.set(key, layout);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return layout;
}
