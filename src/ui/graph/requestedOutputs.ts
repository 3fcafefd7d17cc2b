/**
 * Marks the outputs a run will compute, as Hamilton's execution view draws them (`#FFC857`): the
 * workspace's outputs, or every sink when it names none. The worker knows outputs only at run time;
 * the drawing shows them from the start.
 */
import type { DescribedNode, GraphDescription } from 'hamilton';

export function withRequestedOutputs(graph: GraphDescription, outputs: readonly string[]): GraphDescription {
  const named = new Set(outputs);
  const consumed = new Set<string>();
  if (!named.size) for (const edge of graph.edges) consumed.add(edge.from);
  const requested = (n: DescribedNode) =>
    named.size ? named.has(n.name) : n.kind === 'function' && !consumed.has(n.name);
  // One pass: the nodes are copied only from the first one whose mark changes.
  let nodes: DescribedNode[] | null = null;
  for (let i = 0; i < graph.nodes.length; i++) {
    const node = graph.nodes[i];
    const isOutput = requested(node);
    if (node.isOutput !== isOutput) nodes ??= graph.nodes.slice(0, i);
    if (nodes) nodes.push(node.isOutput === isOutput ? node : { ...node, isOutput });
  }
  return nodes ? { ...graph, nodes } : graph;
}
