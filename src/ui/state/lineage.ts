/**
 * Lineage questions answered from a GraphDescription's edges, on the client: how is a node computed
 * (upstream), where is it used (downstream), what sources feed it, what a run will execute.
 */
import type { GraphDescription } from 'hamilton';

export interface Lineage {
  /** Every node that `name` depends on, transitively (without `name`). */
  upstream(name: string): Set<string>;
  /** Every node that depends on `name`, transitively (without `name`). */
  downstream(name: string): Set<string>;
  /** The external inputs and config values that feed `name` (its upstream roots). */
  sources(name: string): string[];
  /** The direct dependencies of `name`. */
  parents(name: string): readonly string[];
  /** The direct consumers of `name`. */
  children(name: string): readonly string[];
  /** Function nodes a run of `outputs` executes (every sink when `outputs` is empty). */
  executed(outputs: readonly string[]): string[];
}

export function lineageOf(graph: GraphDescription): Lineage {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const node of graph.nodes) {
    parents.set(node.name, []);
    children.set(node.name, []);
  }
  for (const edge of graph.edges) {
    parents.get(edge.to)?.push(edge.from);
    children.get(edge.from)?.push(edge.to);
  }
  const walk = (start: string, next: Map<string, string[]>): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length) {
      const name = stack.pop()!;
      if (seen.has(name) || name === start) continue;
      seen.add(name);
      stack.push(...(next.get(name) ?? []));
    }
    return seen;
  };
  const kind = new Map(graph.nodes.map((n) => [n.name, n.kind]));
  return {
    upstream: (name) => walk(name, parents),
    downstream: (name) => walk(name, children),
    sources: (name) => [...walk(name, parents)].filter((n) => kind.get(n) !== 'function'),
    parents: (name) => parents.get(name) ?? [],
    children: (name) => children.get(name) ?? [],
    executed(outputs) {
      const targets = outputs.length
        ? outputs.filter((o) => kind.has(o))
        : graph.nodes
            .filter((n) => n.kind === 'function' && !children.get(n.name)?.length)
            .map((n) => n.name);
      const all = new Set(targets);
      for (const t of targets) for (const u of walk(t, parents)) all.add(u);
      return graph.nodes.filter((n) => n.kind === 'function' && all.has(n.name)).map((n) => n.name);
    },
  };
}
