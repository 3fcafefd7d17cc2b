import { describe, expect, it } from 'vitest';
import type { DescribedNode, GraphDescription } from 'hamilton';
import { clusterKey, clusterOfKey, clustersOf, clusterState, foldClusters } from './grouping';

const node = (name: string, module = 'main'): DescribedNode => ({
  name,
  type: 'number',
  tags: { module },
  documentation: '',
  isExternalInput: false,
  kind: 'function',
  requiredDependencies: [],
  optionalDependencies: [],
  isOutput: name === 'out',
  isOverride: false,
  onPath: true,
});

const edge = (from: string, to: string) => ({ from, to, optional: false });

// `x` feeds the subdag `s` (three nodes) whose `s.mean` and `s.spread` feed `out`.
const graph = {
  nodes: [
    node('x', 'a'),
    node('s.values', 'b'),
    node('s.mean', 'b'),
    node('s.spread', 'b'),
    node('out', 'a'),
  ],
  edges: [
    edge('x', 's.values'),
    edge('s.values', 's.mean'),
    edge('s.values', 's.spread'),
    edge('s.mean', 'out'),
    edge('s.spread', 'out'),
  ],
} as unknown as GraphDescription;

describe('clustersOf', () => {
  it('groups nodes by subdag namespace, leaving the others alone', () => {
    const clusters = clustersOf(graph, 'namespace');
    expect([...clusters.members]).toEqual([['s', ['s.values', 's.mean', 's.spread']]]);
    expect(clusters.clusterOf.get('x')).toBeUndefined();
  });

  it('groups by module, but not when one module holds everything', () => {
    expect([...clustersOf(graph, 'module').members.keys()]).toEqual(['a', 'b']);
    const single = { ...graph, nodes: graph.nodes.map((n) => node(n.name)) };
    expect(clustersOf(single, 'module').members.size).toBe(0);
    expect(clustersOf(graph, 'none').members.size).toBe(0);
  });
});

describe('foldClusters', () => {
  const clusters = clustersOf(graph, 'namespace');

  it('stands one node in for a folded cluster, with its edges merged and its inner edges dropped', () => {
    const folded = foldClusters(graph, clusters, new Set(['s']));
    expect(folded.nodes.map((n) => n.name)).toEqual(['x', clusterKey('s'), 'out']);
    expect(folded.nodes[1].type).toBe('3 nodes · namespace');
    expect(folded.edges.map((e) => [e.from, e.to])).toEqual([
      ['x', clusterKey('s')],
      [clusterKey('s'), 'out'],
    ]);
    expect(clusterOfKey(clusterKey('s'))).toBe('s');
    expect(clusterOfKey('s.mean')).toBeNull();
  });

  it('leaves the graph as it is when nothing is folded', () => {
    expect(foldClusters(graph, clusters, new Set())).toBe(graph);
  });
});

describe('clusterState', () => {
  it('shows the state a user most needs to see', () => {
    expect(clusterState(['done', 'failed', 'idle'])).toBe('failed');
    expect(clusterState(['done', 'running'])).toBe('running');
    expect(clusterState(['done', 'done'])).toBe('done');
    expect(clusterState([])).toBe('idle');
  });
});
