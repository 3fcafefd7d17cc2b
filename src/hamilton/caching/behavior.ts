/**
 * Caching behaviours (Hamilton's `CachingBehavior`) and how each node's is resolved: what `withCache`
 * names for the node wins over the node's `cache({ behavior })` decorator, which wins over
 * `defaultBehavior`. A `Parallelizable` node always
 * recomputes, so its items are versioned one by one.
 */
import { HamiltonError } from '../errors';
import type { FunctionGraph } from '../graph';
import { isExpander } from '../parallel';

/**
 * - `default`: retrieve the result when its cache key was seen; otherwise run the node and store the result.
 * - `recompute`: always run the node; store its result and data version (stochastic nodes, external reads).
 * - `disable`: run as if caching were off; downstream nodes then always miss.
 * - `ignore`: run as if caching were off, and leave the node out of downstream cache keys (clients, connections).
 */
export type CacheBehavior = 'default' | 'recompute' | 'disable' | 'ignore';

/** Every behaviour, in Hamilton's order. */
export const CACHE_BEHAVIORS: readonly CacheBehavior[] = ['default', 'recompute', 'disable', 'ignore'];

/** The tag the `cache` decorator sets (Hamilton's `cache.BEHAVIOR_KEY`). */
export const BEHAVIOR_TAG = 'cache.behavior';

/** Nodes named for a behaviour in `withCache`: a list of node names, or `true` for every node. */
export type NodeSelection = readonly string[] | true;

/** The per-node behaviour settings of `withCache`. */
export interface BehaviorOptions {
  /** Nodes that use the `default` behaviour whatever their decorator says (or `true`: all). */
  readonly default?: NodeSelection;
  /** Nodes that always run (or `true`: all). */
  readonly recompute?: NodeSelection;
  /** Nodes run as if caching were off (or `true`: all). */
  readonly disable?: NodeSelection;
  /** Nodes run uncached and left out of downstream keys (or `true`: all). */
  readonly ignore?: NodeSelection;
  /** The behaviour of nodes nothing else decides. Default `default`. */
  readonly defaultBehavior?: CacheBehavior;
}

/** Hamilton's `CachingBehavior.from_string`: the behaviour named, or its KeyError text. */
export function parseBehavior(value: unknown): CacheBehavior {
  const name = typeof value === 'string' ? value.toLowerCase() : value;
  if (CACHE_BEHAVIORS.includes(name as CacheBehavior)) return name as CacheBehavior;
  throw new HamiltonError(`${String(value)} is an invalid \`CachingBehavior\` value`);
}

const selects = (selection: NodeSelection | undefined, name: string) =>
  selection === true || (selection !== undefined && selection.includes(name));

function fromDriver(options: BehaviorOptions, name: string): CacheBehavior | undefined {
  let found: CacheBehavior | undefined;
  for (const behavior of CACHE_BEHAVIORS) {
    if (!selects(options[behavior], name)) continue;
    if (found !== undefined) {
      throw new HamiltonError(`Multiple caching behaviors specified by Driver for node: ${name}`);
    }
    found = behavior;
  }
  return found;
}

/** Each node's behaviour, by node id. */
export function resolveBehaviors(graph: FunctionGraph, options: BehaviorOptions): CacheBehavior[] {
  const fallback = options.defaultBehavior ?? 'default';
  return graph.nodeList.map((node) => {
    if (isExpander(node)) return 'recompute';
    const driver = fromDriver(options, node.name);
    if (driver) return driver;
    const tagged = node.tags[BEHAVIOR_TAG];
    return tagged !== undefined ? parseBehavior(tagged) : fallback;
  });
}

/** Throws when options name one node for two behaviours (when the lists overlap) or a behaviour is unknown. */
export function validateBehaviorOptions(options: BehaviorOptions): void {
  if (options.defaultBehavior !== undefined) parseBehavior(options.defaultBehavior);
  const lists = CACHE_BEHAVIORS.map((b) => options[b]).filter((s): s is readonly string[] =>
    Array.isArray(s),
  );
  const seen = new Set<string>();
  for (const name of lists.flat()) {
    if (seen.has(name))
      throw new HamiltonError(`Multiple caching behaviors specified by Driver for node: ${name}`);
    seen.add(name);
  }
}
