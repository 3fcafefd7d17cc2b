import { describe, expect, it } from 'vitest';
import { lineageOf } from '../state/lineage';
import { withinHops } from './focus';
import { describedNode } from './testGraphs';

// a → b → c → d, and e → c
const graph = {
  nodes: ['a', 'b', 'c', 'd', 'e'].map((n) => describedNode(n)),
  edges: [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['e', 'c'],
  ].map(([from, to]) => ({ from, to, optional: false })),
  cycles: [],
};

describe('focus mode', () => {
  it('keeps the nodes within N hops, upstream and downstream', () => {
    const lineage = lineageOf(graph);
    expect([...withinHops(lineage, 'b', 0)]).toEqual(['b']);
    expect(new Set(withinHops(lineage, 'b', 1))).toEqual(new Set(['a', 'b', 'c']));
    // Two hops from b: through c to d, and to c's other parent e.
    expect(new Set(withinHops(lineage, 'b', 2))).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
  });
});
