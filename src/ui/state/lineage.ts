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

/** One lineage per graph object: the graph pane, the catalog and a run's start share it. */
const lineages = new WeakMap<GraphDescription, Lineage>();

/**
 * The lineage of `graph`. Its index of parents and children is built on the first question, not when a
 * graph arrives: a big graph's first drawing asks few questions or none.
 */
export function lineageOf(graph: GraphDescription): Lineage {
  let lineage = lineages.get(graph);
  if (!lineage) lineages.set(graph, (lineage = lazyLineage(graph)));
  return lineage;
}

interface LineageIndex {
  readonly parents: Map<string, string[]>;
  readonly children: Map<string, string[]>;
  readonly kind: Map<string, string>;
}

function indexOf(graph: GraphDescription): LineageIndex {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  const kind = new Map<string, string>();
  for (const node of graph.nodes) {
    parents.set(node.name, []);
    children.set(node.name, []);
    kind.set(node.name, node.kind);
  }
  for (const edge of graph.edges) {
    parents.get(edge.to)?.push(edge.from);
    children.get(edge.from)?.push(edge.to);
  }
  return { parents, children, kind };
}

/** Every node reached from `starts` (included) along `next`: one walk however many starts. */
function reach(starts: Iterable<string>, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const n of next.get(name) ?? []) stack.push(n);
  }
  return seen;
}

function walk(start: string, next: Map<string, string[]>): Set<string> {
  const seen = reach(next.get(start) ?? [], next);
  seen.delete(start);
  return seen;
}

function lazyLineage(graph: GraphDescription): Lineage {
  let built: LineageIndex | null = null;
  const index = () => (built ??= indexOf(graph));
  return {
    upstream: (name) => walk(name, index().parents),
    downstream: (name) => walk(name, index().children),
    sources: (name) => [...walk(name, index().parents)].filter((n) => index().kind.get(n) !== 'function'),
    parents: (name) => index().parents.get(name) ?? [],
    children: (name) => index().children.get(name) ?? [],
    executed(outputs) {
      const { parents, children, kind } = index();
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
