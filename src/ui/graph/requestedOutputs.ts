/**
 * Marks the outputs a run will compute, as Hamilton's execution view draws them (`#FFC857`): the
 * workspace's outputs, or every sink when it names none. The worker knows outputs only at run time;
 * the drawing shows them from the start.
 */
import type { GraphDescription } from 'hamilton';

export function withRequestedOutputs(graph: GraphDescription, outputs: readonly string[]): GraphDescription {
  const consumed = new Set(graph.edges.map((e) => e.from));
  const requested = (name: string, kind: string) =>
    outputs.length ? outputs.includes(name) : kind === 'function' && !consumed.has(name);
  if (graph.nodes.every((n) => n.isOutput === requested(n.name, n.kind))) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.isOutput === requested(n.name, n.kind) ? n : { ...n, isOutput: requested(n.name, n.kind) },
    ),
  };
}
