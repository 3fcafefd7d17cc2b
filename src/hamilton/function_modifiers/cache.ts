/**
 * `cache({ behavior })`: a node's caching behaviour, set where the function is written (Hamilton's
 * `@cache`). Carried as the `cache.behavior` tag; `withCache({ recompute: [...] })` and friends win over it.
 */
import { BEHAVIOR_TAG, CACHE_BEHAVIORS, type CacheBehavior } from '../caching/behavior';
import { copyNode } from '../node';
import type { Decorator, FunctionModifier } from './base';
import { decoratorFor, expectArgument, isPlainObject } from './common';
import { selectNodes, transformTargets, type Target } from './targets';

/** Options of {@link cache}. */
export interface CacheDecoratorOptions {
  /** The node's caching behaviour (see `CacheBehavior`). */
  readonly behavior?: CacheBehavior;
  /** Nodes of the function to apply it to, by name (default: every node the function makes). */
  readonly target?: Target;
}

/**
 * Sets the caching behaviour of the function's nodes: `cache({ behavior: 'recompute' })(fn)` for a node
 * that must always run (random draws, reads of a database), `'ignore'` for a client or connection that
 * should not count in downstream cache keys, `'disable'` to run as if caching were off.
 */
export function cache(options: CacheDecoratorOptions = {}): Decorator {
  expectArgument(isPlainObject(options), 'cache', "an options object ({ behavior: 'recompute' })", options);
  const { behavior, target } = options;
  expectArgument(
    behavior === undefined || CACHE_BEHAVIORS.includes(behavior),
    'cache',
    `a behavior among ${CACHE_BEHAVIORS.map((b) => `'${b}'`).join(', ')}`,
    behavior,
  );
  const modifier: FunctionModifier = {
    phase: 'tag',
    decorator: 'cache',
    transform: (nodes, ctx) =>
      transformTargets(nodes, target === undefined ? nodes : selectNodes(target, nodes, ctx), (n) => [
        behavior === undefined ? n : copyNode(n, { tags: { ...n.tags, [BEHAVIOR_TAG]: behavior } }),
      ]),
  };
  return decoratorFor(modifier);
}
