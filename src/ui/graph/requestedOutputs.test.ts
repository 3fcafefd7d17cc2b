import { describe, expect, it } from 'vitest';
import type { GraphDescription } from 'hamilton';
import { withRequestedOutputs } from './requestedOutputs';
import { describedNode as node } from './testGraphs';

// input x → a → b; a → c; b and c are sinks.
const graph: GraphDescription = {
  nodes: [node('x', 'input'), node('a'), node('b'), node('c', 'function', { isOutput: true })],
  edges: [
    { from: 'x', to: 'a', optional: false },
    { from: 'a', to: 'b', optional: false },
    { from: 'a', to: 'c', optional: false },
  ],
  cycles: [],
};
const outputsOf = (g: GraphDescription) => g.nodes.filter((n) => n.isOutput).map((n) => n.name);

describe('withRequestedOutputs', () => {
  it('marks every final function when no outputs are named', () => {
    const marked = withRequestedOutputs(graph, []);
    expect(outputsOf(marked)).toEqual(['b', 'c']);
    // Nodes whose mark is unchanged are the same objects.
    expect(marked.nodes[0]).toBe(graph.nodes[0]);
    expect(marked.nodes[3]).toBe(graph.nodes[3]);
    expect(marked.edges).toBe(graph.edges);
  });

  it('marks the named outputs only', () => {
    expect(outputsOf(withRequestedOutputs(graph, ['a']))).toEqual(['a']);
    expect(outputsOf(withRequestedOutputs(graph, ['c']))).toEqual(['c']);
  });

  it('gives back the same graph when every mark is already right', () => {
    expect(withRequestedOutputs(graph, ['c'])).toBe(graph);
  });
});
