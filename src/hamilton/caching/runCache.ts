/**
 * The cache of one run (what the executors call around each node, Hamilton's `HamiltonCacheAdapter`
 * hooks): versions the inputs and overrides, derives each node's cache key from its code version and its
 * dependencies' data versions, retrieves the result by data version on a hit, and on a miss versions and
 * stores what the node returned. A value that cannot be fingerprinted is logged and left uncached.
 */
import { MISS, type NodeCache } from '../execution';
import { INPUT } from '../graph';
import { GIVEN, OVERRIDDEN, runs, type Plan } from '../plan';
import type { CacheBehavior } from './behavior';
import { cacheKey, dependencyVersions } from './cacheKey';
import { codeVersion } from './codeVersion';
import { dataVersionOf, FINGERPRINT_BUDGET_BYTES, type Unversioned } from './fingerprint';
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
): (string | undefined)[] {
  const { graph } = plan;
  const versions = new Array<string | undefined>(graph.size);
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (plan.provided[i] !== GIVEN && plan.provided[i] !== OVERRIDDEN) continue;
    const value = plan.seed[i];
    const found = dataVersionOf(value);
    const version = typeof found === 'string' ? found : undefined;
    versions[i] = version;
    const name = graph.nodeList[i].name;
    if (typeof found !== 'string')
      log?.('UNHASHABLE_DATA_VERSION', name, undefined, unhashableMessage(value, found));
    if (plan.provided[i] === OVERRIDDEN) log?.('IS_OVERRIDE', name, version);
    else if (graph.kind[i] === INPUT) log?.('IS_INPUT', name, version);
  }
  return versions;
}

/** Opens the cache of run `runId` over `plan`. */
export function openRunCache(plan: Plan, runId: string, ctx: CacheContext): NodeCache {
  const { behaviors, metadataStore, resultStore, log } = ctx;
  const { graph } = plan;
  log.open(runId);
  for (const name of plan.finalVars) log.add(runId, 'adapter', 'IS_FINAL_VAR', name);
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (runs(plan, i)) log.add(runId, 'adapter', 'RESOLVE_BEHAVIOR', graph.nodeList[i].name, behaviors[i]);
  }
  const versions = givenVersions(plan, (event, name, value, msg) =>
    log.add(runId, 'adapter', event, name, value, msg),
  );
  const keys = new Array<string | undefined>(graph.size);
  const deps = new Array<Record<string, string> | undefined>(graph.size);
  const name = (i: number) => graph.nodeList[i].name;

  return {
    retrieve(i: number): unknown {
      const behavior = behaviors[i];
      if (behavior === 'ignore' || behavior === 'disable') return MISS;
      const dependencies = dependencyVersions(plan, i, behaviors, versions);
      const key = cacheKey(name(i), codeVersion(graph.nodeList[i]), dependencies);
      keys[i] = key;
      deps[i] = dependencies;
      log.add(runId, 'adapter', 'SET_CACHE_KEY', name(i), key);
      if (behavior === 'recompute') return MISS;
      const entry = metadataStore.get(key);
      log.add(runId, 'metadata_store', 'GET_DATA_VERSION', name(i), entry?.dataVersion);
      if (!entry) return MISS;
      if (!resultStore.has(entry.dataVersion)) {
        log.add(runId, 'result_store', 'MISSING_RESULT', name(i), entry.dataVersion);
        return MISS;
      }
      const result = resultStore.get(entry.dataVersion);
      versions[i] = entry.dataVersion;
      log.add(runId, 'result_store', 'GET_RESULT', name(i), entry.dataVersion, 'hit');
      return result;
    },

    record(i: number, result: unknown): void {
      log.add(runId, 'adapter', 'EXECUTE_NODE', name(i));
      const key = keys[i];
      if (key === undefined) return;
      const dataVersion = dataVersionOf(result);
      if (typeof dataVersion !== 'string') {
        const msg = unhashableMessage(result, dataVersion);
        log.add(runId, 'adapter', 'UNHASHABLE_DATA_VERSION', name(i), undefined, msg);
        return;
      }
      versions[i] = dataVersion;
      const node = graph.nodeList[i];
      metadataStore.set(key, {
        nodeName: node.name,
        codeVersion: codeVersion(node),
        dependencies: deps[i] ?? {},
        dataVersion,
        runId,
      });
      log.add(runId, 'metadata_store', 'SET_DATA_VERSION', name(i), dataVersion);
      if (resultStore.has(dataVersion)) return;
      if (resultStore.set(dataVersion, result))
        log.add(runId, 'result_store', 'SET_RESULT', name(i), dataVersion);
      else
        log.add(
          runId,
          'result_store',
          'SET_RESULT',
          name(i),
          dataVersion,
          'not kept: the result store refused it',
        );
    },

    failed(i: number, error: unknown): void {
      log.add(runId, 'adapter', 'EXECUTE_NODE', name(i));
      log.add(runId, 'adapter', 'FAILED_EXECUTION', name(i), undefined, String(error));
    },
  };
}
