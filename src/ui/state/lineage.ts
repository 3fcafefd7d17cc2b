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
  /** Every node reached from `starts` (included) along `next`: one walk however many starts. */
  const reach = (starts: Iterable<string>, next: Map<string, string[]>): Set<string> => {
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length) {
      const name = stack.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const n of next.get(name) ?? []) stack.push(n);
    }
    return seen;
  };
  const walk = (start: string, next: Map<string, string[]>): Set<string> => {
    const seen = reach(next.get(start) ?? [], next);
    seen.delete(start);
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
      // One walk from all targets: a walk per target costs sinks × graph on a wide graph.
      const all = reach(targets, parents);
      return graph.nodes.filter((n) => n.kind === 'function' && all.has(n.name)).map((n) => n.name);
    },
  };
}
