/**
 * Lays a GraphDescription out left to right with d3-dag, choosing the algorithm by size (d3-dag's
 * default sugiyama takes 0.3 s at 100 nodes and never finishes at 300; see STACK-NOTES), and caching
 * by the graph's signature so an edit that does not change the graph does not move a single node.
 */
import {
  coordGreedy,
  decrossDfs,
  decrossTwoLayer,
  graphStratify,
  layeringLongestPath,
  sugiyama,
  twolayerAgg,
  zherebko,
  type Graph,
  type GraphNode,
} from 'd3-dag';
import type { DescribedNode, GraphDescription } from 'hamilton';

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
  readonly algorithm: 'sugiyama-two-layer' | 'sugiyama-dfs' | 'zherebko';
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

/** The layout for a graph of `size` nodes (see the module comment for why it depends on size). */
function operator(
  size: number,
  nodeSize: Size,
): {
  name: GraphLayout['algorithm'];
  run: (dag: Graph<Row, undefined>) => { width: number; height: number };
} {
  if (size <= 50) {
    return {
      name: 'sugiyama-two-layer',
      run: sugiyama()
        .nodeSize(nodeSize)
        .gap(GAP)
        .layering(layeringLongestPath())
        .decross(decrossTwoLayer().order(twolayerAgg()).passes(2))
        .coord(coordGreedy()),
    };
  }
  if (size <= 200) {
    return {
      name: 'sugiyama-dfs',
      run: sugiyama()
        .nodeSize(nodeSize)
        .gap(GAP)
        .layering(layeringLongestPath())
        .decross(decrossDfs())
        .coord(coordGreedy()),
    };
  }
  return { name: 'zherebko', run: zherebko().nodeSize(nodeSize).gap(GAP) };
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
  const nodes = new Map<string, PlacedNode>();
  const edges: PlacedEdge[] = [];
  if (rows.size === 0) return { nodes, edges, width: 0, height: 0, algorithm: 'sugiyama-two-layer' };

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
  return { nodes, edges, width: height, height: width, algorithm: name };
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
