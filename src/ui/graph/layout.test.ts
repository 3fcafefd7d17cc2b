import { describe, expect, it } from 'vitest';
import { computeLayout, layoutGraph } from './layout';
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
    expect(big.algorithm).toBe('zherebko');
    expect(big.nodes.size).toBe(1000);
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
  it('lays out an empty graph', () => {
    expect(computeLayout({ nodes: [], edges: [], cycles: [] }).nodes.size).toBe(0);
  });
});
