/**
 * The driver: builds the graph from config and modules once, then executes, validates, lists, traces
 * lineage and describes it for drawing. `new Driver(config, ...modules)` as in the talk, or the
 * {@link Builder} for adapters, result builders and module overrides.
 */
import { AdapterSet, isThenable } from './adapters';
import { DriverCache } from './caching/cache';
import type { GraphDescription, Variable } from './description';
import { AsyncInSyncError, HamiltonError, throwAll, throwRequestProblems, UnknownNodesError } from './errors';
import { parallelProblems } from './dynamic';
import { modifyGraph } from './io/materialization';
import { validateStatically } from './lifecycle/api';
import { ConcurrentLocalTaskExecutor } from './executors';
import type { Config } from './function_modifiers/base';
import { FunctionGraph } from './graph';
import { driveAsync, driveSync, graphRun, type GraphRunSettings } from './graphRun';
import { downstreamMask, downstreamOf, pathBetween, pathMask, upstreamMask, upstreamOf } from './lineage';
import {
  materializeRequest,
  splitMaterialized,
  type MaterializeArguments,
  type VisualizeExecutionOptions,
} from './materializeRequest';
import type { HamiltonModule } from './modules';
import { planExecution, type Plan } from './plan';
import type { ResultBuilder } from './results';
import { defaultSettings, isDriverSettings, type DriverSettings } from './settings';
import { listVariables, type TagFilter } from './variables';
import { describeGraph } from './visualize';

/**
 * A requested output: a node name, the module function that defines it, or a {@link Variable} (from
 * `listAvailableVariables` or a lineage query), as Hamilton's `execute` accepts.
 */
export type FinalVar = string | Function | Pick<Variable, 'name'>;

/** The node names final vars stand for; the request itself when it lists names only (the usual case). */
function nodeNames(graph: FunctionGraph, finalVars: readonly FinalVar[]): readonly string[] {
  for (let k = 0; k < finalVars.length; k++) {
    if (typeof finalVars[k] !== 'string') return finalVars.map((v) => graph.nameOf(v));
  }
  return finalVars as readonly string[];
}

/** Inputs and overrides of one execution. */
export interface ExecuteOptions {
  /** Values for the external inputs. */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** Values that replace nodes: the node does not run, nor anything only it needed. */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** Options of {@link Driver.listAvailableVariables}. */
export interface ListOptions {
  /** Only nodes whose tags match (see {@link TagFilter}). */
  readonly tagFilter?: TagFilter;
}

/**
 * Hamilton's driver. Build it from config and modules (ES module namespaces analysed by src/compiler, or
 * plain objects of functions); `execute` returns a plain object of the requested outputs by default.
 *
 * @example
 * ```ts
 * import * as helloWorld from './hello_world';
 * const dr = new Driver({}, helloWorld);
 * const { c, d } = await dr.execute(['c', 'd'], { inputs: { input: [1, 2, 3, 4, 5] } });
 * ```
 */
export class Driver<R = Record<string, unknown>> {
  /** The graph, built once. */
  readonly graph: FunctionGraph;
  /** Things worth knowing that are not errors (for example, parameter names read from function text). */
  readonly warnings: readonly string[];
  private readonly adapters: AdapterSet;
  private readonly resultBuilder: ResultBuilder<R>;
  private readonly dynamicExecution: boolean;
  private readonly runSettings: GraphRunSettings;
  private readonly driverCache: DriverCache | undefined;
  private construction: Promise<void> | undefined;

  /**
   * Builds the graph of `modules` under `config` (Hamilton's `Driver(config, *modules)`), with the
   * default plain-object result. Throws every build problem at once.
   */
  constructor(config: Config, ...modules: HamiltonModule[]);
  /** Builds the driver a {@link Builder} describes (what `Builder.build` calls). */
  constructor(settings: DriverSettings<R>);
  constructor(first: Config | DriverSettings<R>, ...modules: HamiltonModule[]) {
    const settings = isDriverSettings<R>(first) ? first : defaultSettings<R>(first, modules);
    this.graph = FunctionGraph.fromModules(settings.modules, {
      config: settings.config,
      allowModuleOverrides: settings.allowModuleOverrides,
    });
    this.warnings = this.graph.warnings;
    this.adapters = new AdapterSet(settings.adapters);
    validateStatically(this.adapters, this.graph);
    this.resultBuilder = settings.resultBuilder;
    this.dynamicExecution = settings.dynamicExecution;
    const cache =
      settings.cache &&
      new DriverCache(
        this.graph,
        settings.cache,
        (v, o) => this.plan(v, o),
        (args) => this.materializationPlan(args, true),
      );
    this.driverCache = cache;
    this.runSettings = {
      adapters: this.adapters,
      dynamicExecution: settings.dynamicExecution,
      remoteExecutor: settings.remoteExecutor ?? new ConcurrentLocalTaskExecutor({ maxTasks: 10 }),
      openCache: cache && ((plan, runId, part) => cache.open(plan, runId, part)),
    };
    const constructed = this.adapters.call('runAfterGraphConstruction', {
      graph: this.graph,
      config: settings.config,
    });
    // An async construction hook is awaited by execute, so a failure surfaces there; once it has
    // succeeded, executeSync may run too.
    if (isThenable(constructed)) {
      this.construction = Promise.resolve(constructed);
      this.construction.then(
        () => (this.construction = undefined),
        () => undefined,
      );
    }
  }

  /**
   * The driver's cache, when it was built `withCache` (Hamilton's `dr.cache`): its logs, `lastRunId`,
   * `viewRun` and `wouldExecute`. Throws for a driver built without a cache.
   */
  get cache(): DriverCache {
    if (!this.driverCache) {
      throw new HamiltonError('This driver has no cache: build it with `new Builder()...withCache()`.');
    }
    return this.driverCache;
  }

  private plan(finalVars: readonly FinalVar[], options: ExecuteOptions, graph = this.graph): Plan {
    const plan = planExecution(
      graph,
      nodeNames(graph, finalVars),
      { inputs: options.inputs ?? {}, overrides: options.overrides ?? {} },
      { inputCheck: this.adapters.inputCheck() },
    );
    const parallel = parallelProblems(plan, this.dynamicExecution);
    return parallel.length ? { ...plan, problems: [...plan.problems, ...parallel] } : plan;
  }

  private run<T>(
    graph: FunctionGraph,
    finalVars: readonly FinalVar[],
    options: ExecuteOptions,
    finish: (outputs: Record<string, unknown>) => T,
  ) {
    return graphRun(graph, () => this.plan(finalVars, options, graph), this.adapters, finish);
  }

  /**
   * Computes `finalVars` (names, module functions or variables; order kept) and everything they need, each node
   * once. Nodes may return Promises; independent branches run concurrently. Every problem with the
   * request (unknown outputs, missing inputs, config/input overlap, cycles) is thrown before any node
   * runs. A failing node rejects with the node's own error, unchanged (as in Hamilton), after a report
   * naming the node and its inputs is logged with `console.error`.
   */
  async execute(finalVars: readonly FinalVar[], options: ExecuteOptions = {}): Promise<R> {
    if (this.construction) await this.construction;
    const finish = (outputs: Record<string, unknown>) => this.resultBuilder.build(outputs);
    return driveAsync(this.run(this.graph, finalVars, options, finish), this.runSettings);
  }

  /**
   * {@link execute} for graphs whose nodes and hooks are all synchronous; throws an `AsyncInSyncError`
   * when a node or hook returns a Promise.
   */
  executeSync(finalVars: readonly FinalVar[], options: ExecuteOptions = {}): R {
    this.refuseAsyncConstruction();
    const finish = (outputs: Record<string, unknown>) => this.resultBuilder.build(outputs);
    return driveSync(this.run(this.graph, finalVars, options, finish), this.runSettings);
  }

  private refuseAsyncConstruction(): void {
    if (this.construction) throw new AsyncInSyncError('An adapter runAfterGraphConstruction hook');
  }

  /**
   * Hamilton's `materialize`: runs with materializers (`to.csv(...)`) added to the graph and extractors
   * (`from.csv(...)`) replacing nodes, and returns `[metadata by materializer id, additionalVars by name]`.
   * The options object (`additionalVars`, `inputs`, `overrides`) comes last. With a cache, the run is a
   * cache run over the extended graph, its loaders and savers cached as `withCache` says.
   */
  async materialize(
    ...args: MaterializeArguments
  ): Promise<[Record<string, unknown>, Record<string, unknown>]> {
    if (this.construction) await this.construction;
    const { graph, finalVars, ids, options } = this.materialization(args, true);
    const finish = (outputs: Record<string, unknown>) => splitMaterialized(outputs, ids);
    return driveAsync(this.run(graph, [...finalVars, ...ids], options, finish), this.runSettings);
  }

  /** {@link materialize} for all-synchronous graphs (throws an `AsyncInSyncError` on a Promise). */
  materializeSync(...args: MaterializeArguments): [Record<string, unknown>, Record<string, unknown>] {
    this.refuseAsyncConstruction();
    const { graph, finalVars, ids, options } = this.materialization(args, true);
    const finish = (outputs: Record<string, unknown>) => splitMaterialized(outputs, ids);
    return driveSync(this.run(graph, [...finalVars, ...ids], options, finish), this.runSettings);
  }

  /** Checks that {@link materialize} could run with these arguments; throws every problem at once; runs nothing. */
  validateMaterialization(...args: MaterializeArguments): void {
    throwRequestProblems(this.materializationPlan(args, false).problems);
  }

  private materializationPlan(args: MaterializeArguments, requireOutput: boolean): Plan {
    const { graph, finalVars, ids, options } = this.materialization(args, requireOutput);
    return this.plan([...finalVars, ...ids], options, graph);
  }

  /** The graph {@link materialize} would run, described for drawing as {@link visualizeExecution} does. */
  visualizeMaterialization(...args: MaterializeArguments): GraphDescription {
    const { graph, finalVars, ids, options } = this.materialization(args, false);
    return this.describePlan(graph, [...finalVars, ...ids], options);
  }

  private materialization(args: MaterializeArguments, requireOutput: boolean) {
    const request = materializeRequest(args, requireOutput, (v) => this.graph.nameOf(v));
    const graph = modifyGraph(this.graph, request.materializers, request.extractors);
    validateStatically(this.adapters, graph);
    return { graph, finalVars: request.finalVars, ids: request.ids, options: request.options };
  }

  /** Checks that `finalVars` could run with these inputs; throws every problem at once; runs nothing. */
  validateExecution(finalVars: readonly FinalVar[], options: ExecuteOptions = {}): void {
    throwRequestProblems(this.plan(finalVars, options).problems);
  }

  /**
   * Every node (functions, inputs, config) as a {@link Variable}, optionally filtered by tags: all keys
   * must match; `null` means "has the tag"; a list means "any of these values".
   */
  listAvailableVariables(options: ListOptions = {}): Variable[] {
    return listVariables(this.graph, options.tagFilter);
  }

  /** The named nodes and everything upstream of them. Unknown names are errors. */
  whatIsUpstreamOf(...nodeNames: string[]): Variable[] {
    return upstreamOf(this.graph, nodeNames);
  }

  /** The named nodes and everything downstream of them. Unknown names are errors. */
  whatIsDownstreamOf(...nodeNames: string[]): Variable[] {
    return downstreamOf(this.graph, nodeNames);
  }

  /** The nodes on paths from `upstream` to `downstream`, both included; empty when there is no path. */
  whatIsThePathBetween(upstream: string, downstream: string): Variable[] {
    return pathBetween(this.graph, upstream, downstream);
  }

  /**
   * The nodes an execution of `finalVars` touches, described for drawing (Hamilton's
   * `visualize_execution`): the requested outputs and overrides flagged, config notes beside them.
   * Unknown outputs are errors; so are missing inputs and cycles unless `bypassValidation` is set.
   */
  visualizeExecution(
    finalVars: readonly FinalVar[],
    options: VisualizeExecutionOptions = {},
  ): GraphDescription {
    return this.describePlan(this.graph, finalVars, options);
  }

  private describePlan(
    graph: FunctionGraph,
    finalVars: readonly FinalVar[],
    options: VisualizeExecutionOptions,
  ) {
    const plan = this.plan(finalVars, options, graph);
    throwAll(plan.problems.filter((p) => p instanceof UnknownNodesError));
    if (!options.bypassValidation) {
      try {
        throwRequestProblems(plan.problems);
      } catch (error) {
        (error as Error).message += '; Use `bypass_validation=True` to skip validation';
        throw error;
      }
    }
    const include = new Uint8Array(graph.size);
    for (let k = 0; k < plan.size; k++) include[plan.order[k]] = 1;
    return describeGraph(graph, { plan, include });
  }

  /** The named nodes and everything upstream of them, described for drawing (Hamilton's `display_upstream_of`). */
  displayUpstreamOf(...nodeNames: string[]): GraphDescription {
    return describeGraph(this.graph, { include: upstreamMask(this.graph, nodeNames) });
  }

  /**
   * The named nodes and everything downstream of them, with what those read from outside, described for
   * drawing (Hamilton's `display_downstream_of`).
   */
  displayDownstreamOf(...nodeNames: string[]): GraphDescription {
    const include = downstreamMask(this.graph, nodeNames);
    return describeGraph(this.graph, { include: withDependencies(this.graph, include) });
  }

  /**
   * The nodes on paths from `upstream` to `downstream` marked as the path, with their other dependencies
   * unless `strictPathVisualization` (Hamilton's `visualize_path_between`). No path is an error.
   */
  visualizePathBetween(
    upstream: string,
    downstream: string,
    options: VisualizePathOptions = {},
  ): GraphDescription {
    const path = pathMask(this.graph, upstream, downstream);
    if (!path) throw new HamiltonError(`No path found between ${upstream} and ${downstream}.`);
    const include = options.strictPathVisualization ? path : withDependencies(this.graph, path);
    return describeGraph(this.graph, { include, path });
  }

  /** The whole graph described for drawing (Hamilton's `display_all_functions`). */
  displayAllFunctions(): GraphDescription {
    return describeGraph(this.graph);
  }
}

/** Options of {@link Driver.visualizePathBetween}. */
export interface VisualizePathOptions {
  /** Show only the nodes on the path, not their other dependencies. Default false. */
  readonly strictPathVisualization?: boolean;
}

/** `include` plus the direct dependencies of the nodes it has. */
function withDependencies(graph: FunctionGraph, include: Uint8Array): Uint8Array {
  const out = include.slice();
  for (let i = 0; i < graph.size; i++) {
    if (include[i] !== 1) continue;
    for (let e = graph.depStart[i]; e < graph.depStart[i + 1]; e++) out[graph.depIds[e]] = 1;
  }
  return out;
}
