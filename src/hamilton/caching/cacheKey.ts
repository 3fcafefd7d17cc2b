/**
 * Cache keys (Hamilton's `create_cache_key`): a node's name, its code version and its dependencies' data
 * versions. A dependency whose behaviour is `ignore` counts as a constant; one that is `disable`d, or
 * whose value cannot be fingerprinted, gets a version never seen before, so the node misses.
 */
import type { Plan } from '../plan';
import { skipsEdge } from '../plan';
import type { CacheBehavior } from './behavior';
import { hashStrings } from './fingerprint';

let unique = 0;

/** A data version that matches nothing, ever. */
export function neverSeen(kind: 'disable' | 'unhashable'): string {
  return `<${kind}>_${(++unique).toString(36)}${Math.random().toString(36).slice(2)}`;
}

/** Node `i`'s dependencies' data versions by name, as its cache key counts them. */
export function dependencyVersions(
  plan: Plan,
  i: number,
  behaviors: readonly CacheBehavior[],
  versions: readonly (string | undefined)[],
): Record<string, string> {
  const { graph } = plan;
  const deps = graph.nodeList[i].dependencies;
  const out: Record<string, string> = {};
  for (let k = 0, e = graph.depStart[i]; k < deps.length; k++, e++) {
    if (skipsEdge(plan, e)) continue;
    const d = graph.depIds[e];
    const b = behaviors[d];
    out[deps[k].name] =
      b === 'ignore'
        ? '<ignore>'
        : b === 'disable'
          ? neverSeen('disable')
          : (versions[d] ?? neverSeen('unhashable'));
  }
  return out;
}

/** The cache key of a node run with these dependency versions. */
export function cacheKey(
  nodeName: string,
  codeVersion: string,
  dependencies: Readonly<Record<string, string>>,
): string {
  const names = Object.keys(dependencies).sort();
  const parts = names.length ? names.flatMap((n) => [n, dependencies[n]]) : ['<none>'];
  return `${nodeName.replace(/[^\p{L}\p{N}_]/gu, '')}-${codeVersion}-${hashStrings(parts)}`;
}
