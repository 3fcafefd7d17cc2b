/**
 * The cache of one run (what the executors call around each node, Hamilton's `HamiltonCacheAdapter`
 * hooks): versions the inputs and overrides, derives each node's cache key from its code version and its
 * dependencies' data versions, retrieves the result by data version on a hit, and on a miss versions and
 * stores what the node returned (a data loader's and saver's as `dataAdapters` says). A value that cannot
 * be fingerprinted is logged and left uncached.
 *
 * A run through parallel blocks runs in stages, each a plan of its own given the earlier stages' values
 * as overrides; each stage opens a cache for its part of the run. The run's log is opened once, by the
 * whole plan; a per-item node is keyed by its item's data version and logged with its task id, and the
 * collector reads its items' data versions, sorted, as Hamilton versions a `Collect` argument.
 */
import { MISS, type NodeCache, type RunPart } from '../execution';
import { INPUT } from '../graph';
import { GIVEN, OVERRIDDEN, runs, type Plan } from '../plan';
import type { CacheBehavior } from './behavior';
import { cacheKey, dependencyVersions } from './cacheKey';
import { codeVersion } from './codeVersion';
import { resultVersion } from './dataAdapters';
import { dataVersionOf, FINGERPRINT_BUDGET_BYTES, hashStrings, type Unversioned } from './fingerprint';
import type { CacheLog } from './logs';
import type { MetadataStore, ResultStore } from './stores';

/** What a run's cache works with. */
export interface CacheContext {
  /** Behaviours by node id. */
  readonly behaviors: readonly CacheBehavior[];
  /** The metadata store. */
  readonly metadataStore: MetadataStore;
  /** The result store. */
  readonly resultStore: ResultStore;
  /** The log. */
  readonly log: CacheLog;
  /** Data versions of values by identity, shared by the stages of one run (each reads the earlier ones' values). */
  readonly known?: WeakMap<object, string | Unversioned>;
}

/** A data version function that remembers objects it versioned in `known`. */
function versioner(known: WeakMap<object, string | Unversioned> | undefined) {
  return (value: unknown): string | Unversioned => {
    if (!known || typeof value !== 'object' || value === null) return dataVersionOf(value);
    let version = known.get(value);
    if (version === undefined) known.set(value, (version = dataVersionOf(value)));
    return version;
  };
}

/** A collected list's version: its items' versions, sorted (Hamilton's, so the items' order does not count). */
function collectedVersion(items: unknown, version: (value: unknown) => string | Unversioned) {
  if (!Array.isArray(items)) return version(items);
  const parts: string[] = [];
  for (const item of items) {
    const v = version(item);
    if (typeof v !== 'string') return v;
    parts.push(v);
  }
  return hashStrings(parts.sort());
}

const MB = 1024 * 1024;

/** The log's words for a value without a data version (Hamilton's, for a type it cannot hash). */
function unhashableMessage(value: unknown, why: Unversioned): string {
  const what =
    why.unhashable === 'size'
      ? `value too large to fingerprint (over ${FINGERPRINT_BUDGET_BYTES / MB} MB of content)`
      : `unhashable type ${value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'Object') : typeof value}`;
  return `${what}; set the \`ignore\` behavior to silence this`;
}

/**
 * The data versions of what the plan is given (inputs, config, overrides), by node id; `log` records
 * each input and override as Hamilton's `IS_INPUT` / `IS_OVERRIDE` events.
 */
export function givenVersions(
  plan: Plan,
  log?: (
    event: 'IS_INPUT' | 'IS_OVERRIDE' | 'UNHASHABLE_DATA_VERSION',
    name: string,
    value?: string,
    msg?: string,
  ) => void,
  version: (value: unknown, name: string) => string | Unversioned = dataVersionOf,
): (string | undefined)[] {
  const { graph } = plan;
  const versions = new Array<string | undefined>(graph.size);
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (plan.provided[i] !== GIVEN && plan.provided[i] !== OVERRIDDEN) continue;
    const value = plan.seed[i];
    const name = graph.nodeList[i].name;
    const found = version(value, name);
    versions[i] = typeof found === 'string' ? found : undefined;
    if (typeof found !== 'string')
      log?.('UNHASHABLE_DATA_VERSION', name, undefined, unhashableMessage(value, found));
    if (plan.provided[i] === OVERRIDDEN) log?.('IS_OVERRIDE', name, versions[i]);
    else if (graph.kind[i] === INPUT) log?.('IS_INPUT', name, versions[i]);
  }
  return versions;
}

/** Starts the log of a run: its outputs, its nodes' behaviours, what it is given. */
function openRunLog(plan: Plan, runId: string, ctx: CacheContext): (string | undefined)[] {
  const { behaviors, log } = ctx;
  const { graph } = plan;
  log.open(runId);
  for (const name of plan.finalVars) log.add(runId, 'adapter', 'IS_FINAL_VAR', name);
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (runs(plan, i)) log.add(runId, 'adapter', 'RESOLVE_BEHAVIOR', graph.nodeList[i].name, behaviors[i]);
  }
  return givenVersions(
    plan,
    (event, name, value, msg) => log.add(runId, 'adapter', event, name, value, msg),
    versioner(ctx.known),
  );
}

/** Opens the cache of run `runId` over `plan`, the whole run or, with `part`, one stage of it. */
export function openRunCache(plan: Plan, runId: string, ctx: CacheContext, part?: RunPart): NodeCache {
  const { behaviors, metadataStore, resultStore, log } = ctx;
  const { graph } = plan;
  const version = versioner(ctx.known);
  const opened = part && log.has(runId) ? undefined : openRunLog(part?.whole ?? plan, runId, ctx);
  const versions =
    part === undefined
      ? (opened as (string | undefined)[])
      : givenVersions(plan, undefined, (value, name) =>
          name === part.collected ? collectedVersion(value, version) : version(value),
        );
  const taskId = part?.task?.taskId ?? null;
  const note = (
    actor: 'adapter' | 'metadata_store' | 'result_store',
    event: Parameters<CacheLog['add']>[2],
    i: number,
    value?: string,
    msg?: string,
  ) => log.add(runId, actor, event, graph.nodeList[i].name, value, msg, taskId);
  const keys = new Array<string | undefined>(graph.size);
  const deps = new Array<Record<string, string> | undefined>(graph.size);
  // The code versions of the nodes that run, up front in one loop: between nodes, after a node's
  // kernels have swept the processor's caches, the same work takes several times longer.
  const codes = new Array<string | undefined>(graph.size);
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (runs(plan, i)) codes[i] = codeVersion(graph.nodeList[i]);
  }
  const codeOf = (i: number) => (codes[i] ??= codeVersion(graph.nodeList[i]));

  return {
    retrieve(i: number): unknown {
      const behavior = behaviors[i];
      if (behavior === 'ignore' || behavior === 'disable') return MISS;
      const dependencies = dependencyVersions(plan, i, behaviors, versions);
      const key = cacheKey(graph.nodeList[i].name, codeOf(i), dependencies);
      keys[i] = key;
      deps[i] = dependencies;
      note('adapter', 'SET_CACHE_KEY', i, key);
      if (behavior === 'recompute') return MISS;
      const entry = metadataStore.get(key);
      note('metadata_store', 'GET_DATA_VERSION', i, entry?.dataVersion);
      if (!entry) return MISS;
      if (!resultStore.has(entry.dataVersion)) {
        note('result_store', 'MISSING_RESULT', i, entry.dataVersion);
        return MISS;
      }
      const result = resultStore.get(entry.dataVersion);
      versions[i] = entry.dataVersion;
      if (typeof result === 'object' && result !== null) ctx.known?.set(result, entry.dataVersion);
      note('result_store', 'GET_RESULT', i, entry.dataVersion, 'hit');
      return result;
    },

    record(i: number, result: unknown): void {
      note('adapter', 'EXECUTE_NODE', i);
      const key = keys[i];
      if (key === undefined) return;
      const node = graph.nodeList[i];
      const dataVersion = resultVersion(node, result, version);
      if (typeof dataVersion !== 'string') {
        const msg = unhashableMessage(result, dataVersion);
        note('adapter', 'UNHASHABLE_DATA_VERSION', i, undefined, msg);
        return;
      }
      versions[i] = dataVersion;
      metadataStore.set(key, {
        nodeName: node.name,
        codeVersion: codeOf(i),
        dependencies: deps[i] ?? {},
        dataVersion,
        runId,
      });
      note('metadata_store', 'SET_DATA_VERSION', i, dataVersion);
      if (resultStore.has(dataVersion)) return;
      if (resultStore.set(dataVersion, result)) note('result_store', 'SET_RESULT', i, dataVersion);
      else note('result_store', 'SET_RESULT', i, dataVersion, 'not kept: the result store refused it');
    },

    failed(i: number, error: unknown): void {
      note('adapter', 'EXECUTE_NODE', i);
      note('adapter', 'FAILED_EXECUTION', i, undefined, String(error));
    },
  };
}
