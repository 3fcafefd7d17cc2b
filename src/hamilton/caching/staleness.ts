/**
 * Why nodes would run now (a dry run of the cache): for each node an execution would compute, whether
 * its result would be retrieved, and if not, why — its behaviour, a code change, a changed input or
 * override, an upstream node that runs, a value that cannot be fingerprinted, an evicted result, or no
 * earlier run. Reads the stores, changes nothing: a UI may call it after every edit.
 */
import { FUNCTION } from '../graph';
import { runs, type Plan } from '../plan';
import type { CacheBehavior } from './behavior';
import { cacheKey, dependencyVersions } from './cacheKey';
import { codeVersion } from './codeVersion';
import { givenVersions } from './runCache';
import type { MetadataStore, ResultStore } from './stores';

/** Why a node would run instead of being retrieved. */
export type StaleReason =
  /** Its behaviour makes it run (`recompute`, `disable`, `ignore`). */
  | { readonly kind: 'behavior'; readonly behavior: Exclude<CacheBehavior, 'default'> }
  /** It has never been cached. */
  | { readonly kind: 'new' }
  /** Its code (or what its decorators make of it) changed since it was last cached. */
  | { readonly kind: 'code' }
  /** An input, config value or override it reads has another value than when it was last cached. */
  | { readonly kind: 'input'; readonly node: string }
  /** A node it reads runs (so its value may change) or had another value. */
  | { readonly kind: 'upstream'; readonly node: string }
  /** A value it reads cannot be fingerprinted, so it is never retrieved. */
  | { readonly kind: 'unhashable'; readonly node: string }
  /** Its cached result is no longer in the result store (evicted or deleted). */
  | { readonly kind: 'evicted' };

/** A node an execution would run, and why. */
export interface StaleNode {
  /** The node. */
  readonly name: string;
  /** Why it would not be retrieved (at least one). */
  readonly reasons: readonly StaleReason[];
}

/** What the dry run reads. */
export interface StalenessContext {
  /** Behaviours by node id. */
  readonly behaviors: readonly CacheBehavior[];
  /** The metadata store. */
  readonly metadataStore: MetadataStore;
  /** The result store. */
  readonly resultStore: ResultStore;
}

/**
 * The nodes `plan` would run, in execution order, with their reasons. A node downstream of one that runs
 * is listed with an `upstream` reason: it runs unless that node's new result equals its old one.
 */
export function staleNodes(plan: Plan, ctx: StalenessContext): StaleNode[] {
  const { graph } = plan;
  const { behaviors, metadataStore, resultStore } = ctx;
  const versions = givenVersions(plan);
  const willRun = new Uint8Array(graph.size);
  const out: StaleNode[] = [];
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (!runs(plan, i)) continue;
    const node = graph.nodeList[i];
    const behavior = behaviors[i];
    const reasons: StaleReason[] = [];
    if (behavior !== 'default') reasons.push({ kind: 'behavior', behavior });
    const running: StaleReason[] = [];
    for (let e = graph.depStart[i]; e < graph.depStart[i + 1]; e++) {
      const d = graph.depIds[e];
      const name = graph.nodeList[d].name;
      if (willRun[d] === 1 && behaviors[d] !== 'ignore') running.push({ kind: 'upstream', node: name });
      else if (
        versions[d] === undefined &&
        behaviors[d] !== 'ignore' &&
        plan.inPlan[d] === 1 &&
        (graph.kind[d] !== FUNCTION || !runs(plan, d))
      )
        running.push({ kind: 'unhashable', node: name });
    }
    reasons.push(...running);
    if (reasons.length === 0) {
      const dependencies = dependencyVersions(plan, i, behaviors, versions);
      const entry = metadataStore.get(cacheKey(node.name, codeVersion(node), dependencies));
      if (entry && resultStore.has(entry.dataVersion)) {
        versions[i] = entry.dataVersion;
        continue;
      }
      reasons.push(
        ...(entry ? [{ kind: 'evicted' } as const] : explainMiss(plan, i, dependencies, metadataStore)),
      );
    }
    willRun[i] = 1;
    out.push({ name: node.name, reasons });
  }
  return out;
}

/** Why a node with no entry for its key misses: compared with the last entry recorded for it. */
function explainMiss(
  plan: Plan,
  i: number,
  dependencies: Readonly<Record<string, string>>,
  metadataStore: MetadataStore,
): StaleReason[] {
  const { graph } = plan;
  const node = graph.nodeList[i];
  const last = metadataStore.latest(node.name);
  if (!last) return [{ kind: 'new' }];
  const reasons: StaleReason[] = [];
  if (last.codeVersion !== codeVersion(node)) reasons.push({ kind: 'code' });
  for (const name of Object.keys(dependencies)) {
    if (last.dependencies[name] === dependencies[name]) continue;
    const d = graph.ids.get(name) as number;
    reasons.push({ kind: graph.kind[d] === FUNCTION && runs(plan, d) ? 'upstream' : 'input', node: name });
  }
  return reasons.length ? reasons : [{ kind: 'new' }];
}
