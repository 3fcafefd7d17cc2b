import { describe, expect, it } from 'vitest';
import { computeLayout, layoutGraph, NODE_HEIGHT, type PlacedNode } from './layout';
import { syntheticGraph } from './testGraphs';

describe('graph layout', () => {
  it('places every node left to right: each edge goes from a left node to a right one', () => {
    const graph = syntheticGraph(40);
    const layout = computeLayout(graph);
    expect(layout.algorithm).toBe('sugiyama-two-layer');
    expect(layout.nodes.size).toBe(40);
    for (const e of graph.edges) expect(layout.nodes.get(e.from)!.x).toBeLessThan(layout.nodes.get(e.to)!.x);
    expect(layout.edges).toHaveLength(graph.edges.length);
  });
  it('chooses the algorithm by size', () => {
    expect(computeLayout(syntheticGraph(120)).algorithm).toBe('sugiyama-dfs');
    const big = computeLayout(syntheticGraph(1000));
    expect(big.algorithm).toBe('layered');
    expect(big.nodes.size).toBe(1000);
  });
  it('lays a big graph out in layers, left to right, without overlaps', () => {
    const graph = syntheticGraph(1000);
    const layout = computeLayout(graph);
    for (const e of graph.edges) expect(layout.nodes.get(e.from)!.x).toBeLessThan(layout.nodes.get(e.to)!.x);
    const columns = new Map<number, PlacedNode[]>();
    for (const n of layout.nodes.values()) columns.set(n.x, [...(columns.get(n.x) ?? []), n]);
    // Layers, not a line: many columns, each holding several nodes, none overlapping.
    expect(columns.size).toBeGreaterThan(20);
    expect(columns.size).toBeLessThan(200);
    for (const column of columns.values()) {
      const ys = column.map((n) => n.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(NODE_HEIGHT);
    }
    for (const n of layout.nodes.values()) {
      expect(n.y - n.height / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(layout.height);
    }
    // Every edge runs from its producer's centre to its consumer's, one point per layer in between.
    expect(layout.edges).toHaveLength(graph.edges.length);
    for (const e of layout.edges) {
      const from = layout.nodes.get(e.from)!;
      const to = layout.nodes.get(e.to)!;
      expect(e.points[0]).toEqual([from.x, from.y]);
      expect(e.points.at(-1)).toEqual([to.x, to.y]);
      for (let i = 1; i < e.points.length; i++) expect(e.points[i][0]).toBeGreaterThan(e.points[i - 1][0]);
    }
  });
  it('returns the same layout for the same graph (nodes do not jump across edits)', () => {
    const first = layoutGraph(syntheticGraph(30));
    expect(layoutGraph(syntheticGraph(30))).toBe(first);
    expect(layoutGraph(syntheticGraph(31))).not.toBe(first);
  });
  it('draws graphs with cycles, leaving the closing edge out of the layering', () => {
    const { nodes } = syntheticGraph(4);
    const chain = [nodes[1].name, nodes[2].name, nodes[3].name, nodes[1].name];
    const cyclic = {
      nodes,
      cycles: [],
      edges: chain.slice(1).map((to, i) => ({ from: chain[i], to, optional: false })),
    };
    const layout = computeLayout(cyclic);
    expect(layout.edges.filter((e) => e.back)).toEqual([
      expect.objectContaining({ from: nodes[3].name, to: nodes[1].name }),
    ]);
  });
  it('lays a small graph out top to bottom on request, a big one always left to right', () => {
    const graph = syntheticGraph(40);
    const layout = computeLayout(graph, 'TB');
    expect(layout.direction).toBe('TB');
    for (const e of graph.edges) expect(layout.nodes.get(e.from)!.y).toBeLessThan(layout.nodes.get(e.to)!.y);
    expect(layoutGraph(graph, 'TB')).not.toBe(layoutGraph(graph, 'LR'));
    expect(computeLayout(syntheticGraph(1000), 'TB').direction).toBe('LR');
  });
  it('routes a back edge around the drawing, never through a node', () => {
    const { nodes } = syntheticGraph(4);
    const [a, b, c] = [nodes[1].name, nodes[2].name, nodes[3].name];
    const edges = [
      { from: a, to: b, optional: false },
      { from: b, to: c, optional: false },
      { from: c, to: a, optional: false },
    ];
    const layout = computeLayout({ nodes, edges, cycles: [] });
    const back = layout.edges.find((e) => e.back)!;
    const lowest = Math.max(...[...layout.nodes.values()].map((n) => n.y + n.height / 2));
    // Out of c's bottom, below every node, into a's bottom.
    expect(back.points[0][1]).toBe(layout.nodes.get(c)!.y + layout.nodes.get(c)!.height / 2);
    expect(back.points[1][1]).toBeGreaterThan(lowest);
    expect(back.points.at(-1)![1]).toBe(layout.nodes.get(a)!.y + layout.nodes.get(a)!.height / 2);
    expect(back.points[1][1]).toBeLessThanOrEqual(layout.height);
  });
  it('lays out an empty graph', () => {
    expect(computeLayout({ nodes: [], edges: [], cycles: [] }).nodes.size).toBe(0);
  });
});
