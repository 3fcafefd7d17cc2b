/**
 * Caching behaviours (Hamilton's `CachingBehavior`) and how each node's is resolved: what `withCache`
 * names for the node wins over the node's `cache({ behavior })` decorator, which wins over
 * `defaultLoaderBehavior` for a data loader's nodes, `defaultSaverBehavior` for a data saver's, and
 * `defaultBehavior` for the rest. A `Parallelizable` node always recomputes, so its items are versioned
 * one by one. A loader's node that is not the loaded node itself (`x.loader`, `load_data.x`) then takes
 * the behaviour of the node it loads, so naming `x` sets both (Hamilton's `resolve_behaviors`).
 */
import { HamiltonError } from '../errors';
import type { FunctionGraph } from '../graph';
import type { Node } from '../node';
import { isExpander } from '../parallel';
import { isDataLoader, isDataSaver, loadedNode } from './dataAdapters';

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
  /**
   * The behaviour of data loaders' nodes (`dataloader`, `loadFrom`, `from.*`) nothing else decides.
   * Default `default` whatever {@link defaultBehavior} says, as Hamilton's `with_cache`: `recompute`
   * reloads the data on every run, and what reads it is still retrieved when the data did not change.
   */
  readonly defaultLoaderBehavior?: CacheBehavior;
  /**
   * The behaviour of data savers' nodes (`datasaver`, `saveTo`, `to.*`) nothing else decides. Default
   * `default` (a saver runs, and so writes, only when what it saves changed); `recompute` saves on every run.
   */
  readonly defaultSaverBehavior?: CacheBehavior;
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

/** The behaviour of the node named `name` with `tags`: the driver's, else the decorator's, else the fallback. */
function behaviorOf(
  name: string,
  tags: Node['tags'],
  options: BehaviorOptions,
  fallback: (tags: Node['tags']) => CacheBehavior,
): CacheBehavior {
  const driver = fromDriver(options, name);
  if (driver) return driver;
  const tagged = tags[BEHAVIOR_TAG];
  return tagged !== undefined ? parseBehavior(tagged) : fallback(tags);
}

/** Each node's behaviour, by node id. */
export function resolveBehaviors(graph: FunctionGraph, options: BehaviorOptions): CacheBehavior[] {
  const loaders = options.defaultLoaderBehavior ?? 'default';
  const fallback = (tags: Node['tags']): CacheBehavior =>
    isDataLoader(tags)
      ? loaders
      : isDataSaver(tags)
        ? (options.defaultSaverBehavior ?? 'default')
        : (options.defaultBehavior ?? 'default');
  const behaviors = graph.nodeList.map((node) =>
    isExpander(node) ? 'recompute' : behaviorOf(node.name, node.tags, options, fallback),
  );
  graph.nodeList.forEach((node, i) => {
    const loaded = loadedNode(node);
    if (loaded === undefined || loaded === node.name) return;
    const id = graph.ids.get(loaded);
    // `loadFrom` loads into a parameter, which is no node: resolve as if the node had the parameter's
    // name, so `withCache({ recompute: ['raw'] })` names both of its nodes.
    behaviors[i] = id !== undefined ? behaviors[id] : behaviorOf(loaded, node.tags, options, () => loaders);
  });
  return behaviors;
}

/** Throws when options name one node for two behaviours (when the lists overlap) or a behaviour is unknown. */
export function validateBehaviorOptions(options: BehaviorOptions): void {
  for (const fallback of [
    options.defaultBehavior,
    options.defaultLoaderBehavior,
    options.defaultSaverBehavior,
  ])
    if (fallback !== undefined) parseBehavior(fallback);
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
