/** Graphs for the UI's tests and benchmark. */
import type { DescribedNode, GraphDescription } from 'hamilton';

/** A described node with plain defaults (a `number`, no tags, no doc); `fields` overrides any of them. */
export function describedNode(
  name: string,
  kind: DescribedNode['kind'] = 'function',
  fields: Partial<DescribedNode> = {},
): DescribedNode {
  return {
    name,
    kind,
    type: 'number',
    tags: {},
    documentation: '',
    isExternalInput: kind === 'input',
    requiredDependencies: [],
    optionalDependencies: [],
    isOutput: false,
    isOverride: false,
    onPath: true,
    ...fields,
  };
}

/** Generated graphs for the layout's tests and benchmark: layered, with fan-in, like feature pipelines. */
export function syntheticGraph(size: number, inputs = Math.max(1, Math.round(size / 20))): GraphDescription {
  const nodes: DescribedNode[] = [];
  const edges: { from: string; to: string; optional: boolean }[] = [];
  // A fixed linear congruential sequence, so every run lays out the same graph.
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < size; i++) {
    const name = i < inputs ? `input_${i}` : `feature_${i}`;
    const kind = i < inputs ? 'input' : 'function';
    nodes.push(describedNode(name, kind, { type: 'Series<number>', isOutput: i >= size - 3 }));
    if (i >= inputs) {
      const parents = new Set<number>();
      const count = 1 + Math.floor(random() * 3);
      for (let k = 0; k < count; k++)
        parents.add(Math.max(0, i - 1 - Math.floor(random() * Math.min(i, 30))));
      for (const p of parents) edges.push({ from: nodes[p].name, to: name, optional: false });
    }
  }
  return { nodes, edges, cycles: [] };
}
