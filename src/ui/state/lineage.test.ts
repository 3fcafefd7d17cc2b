import { describe, expect, it } from 'vitest';
import type { GraphDescription } from 'hamilton';
import { describedNode } from '../graph/testGraphs';
import { lineageOf } from './lineage';

const node = describedNode;

// input x, config mode → a → b → d; a → c; c and d are sinks.
const graph: GraphDescription = {
  nodes: [node('x', 'input'), node('mode', 'config'), node('a'), node('b'), node('c'), node('d')],
  edges: [
    { from: 'x', to: 'a', optional: false },
    { from: 'mode', to: 'b', optional: false },
    { from: 'a', to: 'b', optional: false },
    { from: 'a', to: 'c', optional: false },
    { from: 'b', to: 'd', optional: false },
  ],
  cycles: [],
};

describe('lineageOf', () => {
  const lineage = lineageOf(graph);
  it('answers upstream, downstream and sources transitively', () => {
    expect([...lineage.upstream('d')].sort()).toEqual(['a', 'b', 'mode', 'x']);
    expect([...lineage.downstream('a')].sort()).toEqual(['b', 'c', 'd']);
    expect(lineage.sources('d').sort()).toEqual(['mode', 'x']);
    expect(lineage.parents('b')).toEqual(['mode', 'a']);
    expect(lineage.children('a')).toEqual(['b', 'c']);
  });
  it('lists what a run executes: the functions upstream of the outputs, or of every sink', () => {
    expect(lineage.executed(['b'])).toEqual(['a', 'b']);
    expect(lineage.executed([])).toEqual(['a', 'b', 'c', 'd']);
  });
  it('terminates on cycles', () => {
    const cyclic = lineageOf({ ...graph, edges: [...graph.edges, { from: 'd', to: 'a', optional: false }] });
    expect(cyclic.upstream('a').has('d')).toBe(true);
    expect(cyclic.upstream('a').has('a')).toBe(false);
  });
});

describe('lineageOf, shared', () => {
  it('answers every view of one graph from one lineage', () => {
    expect(lineageOf(graph)).toBe(lineageOf(graph));
    expect(lineageOf({ ...graph })).not.toBe(lineageOf(graph));
  });
});
