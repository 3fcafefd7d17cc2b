/**
 * `dr.cache`: the cache of a driver (Hamilton's `HamiltonCacheAdapter` as the driver exposes it). It
 * opens a cache for each run, keeps the log of every run, draws a run with each node marked retrieved or
 * executed, and says which nodes would run now and why. Its stores may outlive the driver: build the next
 * driver `withCache({ metadataStore: dr.cache.metadataStore, resultStore: dr.cache.resultStore })` and
 * code versions decide what is stale.
 */
import type { GraphDescription } from '../description';
import type { ExecuteOptions, FinalVar } from '../driver';
import type { NodeCache, RunPart } from '../execution';
import { HamiltonError, throwRequestProblems } from '../errors';
import type { FunctionGraph } from '../graph';
import type { MaterializeArguments } from '../materializeRequest';
import type { Plan } from '../plan';
import { describeGraph } from '../visualize';
import { resolveBehaviors, type CacheBehavior } from './behavior';
import { CacheLog, type CacheLogOptions, type CachingEvent } from './logs';
import type { Unversioned } from './fingerprint';
import { storesOf, type CacheOptions } from './options';
import { openRunCache } from './runCache';
import { staleNodes, type StaleNode } from './staleness';
import type { MetadataStore, ResultStore } from './stores';

/** Options of {@link DriverCache.viewRun}. */
export interface ViewRunOptions {
  /** The run to draw; default the last one. */
  readonly runId?: string;
}

/** Plans a request as the driver does (with its validation). */
export type Planner = (finalVars: readonly FinalVar[], options: ExecuteOptions) => Plan;

/** Plans a `materialize` request as the driver does, over the graph the materializers extend. */
export type MaterializationPlanner = (args: MaterializeArguments) => Plan;

/** The cache of a driver built `withCache` (`dr.cache`). */
export class DriverCache {
  /** Where cache keys map to data versions. */
  readonly metadataStore: MetadataStore;
  /** Where results are kept by data version. */
  readonly resultStore: ResultStore;
  private readonly graph: FunctionGraph;
  private readonly options: CacheOptions;
  /** Behaviours by node id, per graph: the driver's, and each `materialize` run's (its loaders and savers added). */
  private readonly behaviorsByGraph = new WeakMap<FunctionGraph, readonly CacheBehavior[]>();
  private readonly log = new CacheLog();
  private readonly plans = new Map<string, Plan>();
  private lastRun: string | undefined;
  /** The values the stages of the last run versioned, by identity (a later stage reads them again). */
  private known = new WeakMap<object, string | Unversioned>();
  private readonly plan: Planner;
  private readonly planMaterialization: MaterializationPlanner;

  /**
   * The cache of `graph` under `options`; `plan` and `planMaterialization` plan requests as the driver
   * does (the driver makes it).
   */
  constructor(
    graph: FunctionGraph,
    options: CacheOptions,
    plan: Planner,
    planMaterialization: MaterializationPlanner,
  ) {
    this.plan = plan;
    this.planMaterialization = planMaterialization;
    const stores = storesOf(options);
    this.metadataStore = stores.metadataStore;
    this.resultStore = stores.resultStore;
    this.graph = graph;
    this.options = options;
    // Resolved now, so a behaviour a decorator misnames fails the build, not the first run.
    this.behaviorsOf(graph);
  }

  private behaviorsOf(graph: FunctionGraph): readonly CacheBehavior[] {
    let behaviors = this.behaviorsByGraph.get(graph);
    if (behaviors === undefined)
      this.behaviorsByGraph.set(graph, (behaviors = resolveBehaviors(graph, this.options)));
    return behaviors;
  }

  /**
   * Opens the cache of a run over the driver's graph, or over the graph a `materialize` run extends it to,
   * or with `part` of one stage of a run in stages (the executors call it back around each node).
   */
  open(plan: Plan, runId: string, part?: RunPart): NodeCache {
    // A run in stages opens the cache once per stage and per item: what belongs to the run is set once.
    if (this.lastRun !== runId) {
      this.known = new WeakMap();
      this.lastRun = runId;
      // Kept for viewRun without the run's values (inputs may be large).
      this.plans.set(runId, { ...(part?.whole ?? plan), seed: [] });
    }
    const ctx = {
      behaviors: this.behaviorsOf(plan.graph),
      metadataStore: this.metadataStore,
      resultStore: this.resultStore,
      log: this.log,
      known: this.known,
    };
    return openRunCache(plan, runId, ctx, part);
  }

  /** The id of the last run (Hamilton's `last_run_id`); undefined before the first. */
  get lastRunId(): string | undefined {
    return this.lastRun;
  }

  /** Every run id, oldest first (Hamilton's `run_ids`). */
  get runIds(): string[] {
    return this.log.runIds();
  }

  /**
   * Each node's caching behaviour, by name (Hamilton's `resolve_behaviors`): of the driver's graph, or
   * with `runId` of that run's graph (a `materialize` run's has its loaders' and savers' nodes). Throws
   * for an unknown run.
   */
  behaviors(options: ViewRunOptions = {}): Record<string, CacheBehavior> {
    const graph = options.runId === undefined ? this.graph : this.runOf(options.runId).plan.graph;
    const behaviors = this.behaviorsOf(graph);
    const out: Record<string, CacheBehavior> = {};
    graph.nodeList.forEach((n, i) => (out[n.name] = behaviors[i]));
    return out;
  }

  private runOf(runId: string | undefined): { runId: string; plan: Plan } {
    const plan = runId === undefined ? undefined : this.plans.get(runId);
    if (runId === undefined || !plan) throw new HamiltonError(`No cached run with id ${String(runId)}.`);
    return { runId, plan };
  }

  /**
   * The log (Hamilton's `logs`): with `runId`, that run's events by node name; without, every run's events
   * by run id. `level: 'info'` (default) keeps `GET_RESULT` and `EXECUTE_NODE`; `'debug'` keeps all.
   */
  logs(options: CacheLogOptions = {}): Record<string, CachingEvent[]> {
    return this.log.select(options);
  }

  /**
   * A run drawn as `visualizeExecution` draws it, each node marked `retrieved` (drawn as Hamilton's
   * "from cache") or `executed` (Hamilton's `view_run`). Throws for an unknown run.
   */
  viewRun(options: ViewRunOptions = {}): GraphDescription {
    const { runId, plan } = this.runOf(options.runId ?? this.lastRun);
    const status = new Map<string, 'retrieved' | 'executed'>();
    for (const e of this.log.events(runId)) {
      if (e.eventType === 'GET_RESULT') status.set(e.nodeName, 'retrieved');
      else if (e.eventType === 'EXECUTE_NODE') status.set(e.nodeName, 'executed');
    }
    const include = new Uint8Array(plan.graph.size);
    for (let k = 0; k < plan.size; k++) include[plan.order[k]] = 1;
    const described = describeGraph(plan.graph, { plan, include });
    return {
      ...described,
      nodes: described.nodes.map((n) => {
        const cache = status.get(n.name);
        return cache ? { ...n, cache } : n;
      }),
    };
  }

  /**
   * A dry run: the nodes `execute(finalVars, options)` would run now rather than retrieve, in execution
   * order, each with why (see `StaleReason`). Runs nothing and changes nothing; request problems
   * (unknown outputs, missing inputs) are thrown as `execute` throws them.
   */
  wouldExecute(finalVars: readonly FinalVar[], options: ExecuteOptions = {}): StaleNode[] {
    return this.staleIn(this.plan(finalVars, options));
  }

  /**
   * {@link wouldExecute} for `materialize(...args)`: the nodes of the extended graph (loaders, savers)
   * that would run now, and why.
   */
  wouldMaterialize(...args: MaterializeArguments): StaleNode[] {
    return this.staleIn(this.planMaterialization(args));
  }

  private staleIn(plan: Plan): StaleNode[] {
    throwRequestProblems(plan.problems);
    return staleNodes(plan, {
      behaviors: this.behaviorsOf(plan.graph),
      metadataStore: this.metadataStore,
      resultStore: this.resultStore,
    });
  }
}
