/**
 * The driver: builds the graph from config and modules once, then executes, validates, lists, traces
 * lineage and describes it for drawing. `new Driver(config, ...modules)` as in the talk, or the
 * {@link Builder} for adapters, result builders and module overrides.
 */
import { AdapterSet, isThenable, type LifecycleAdapter } from './adapters';
import type { GraphDescription, Variable } from './description';
import {
  AsyncInSyncError,
  HamiltonError,
  throwAll,
  throwRequestProblems,
  UnknownNodesError,
} from './errors';
import { needsStages, parallelProblems, runStagesAsync, runStagesSync } from './dynamic';
import { ExtractorFactory, MaterializerFactory, modifyGraph } from './io/materialization';
import { validateStatically } from './lifecycle/api';
import { executionPath, outputsOf, planExecution, runAsync, runSync, type Plan } from './execution';
import { ConcurrentLocalTaskExecutor, type TaskExecutor } from './executors';
import type { Config } from './function_modifiers/base';
import { FunctionGraph } from './graph';
import { downstreamMask, downstreamOf, pathBetween, pathMask, upstreamMask, upstreamOf } from './lineage';
import type { HamiltonModule } from './modules';
import { DictResult, type ResultBuilder } from './results';
import { listVariables, type TagFilter } from './variables';
import { describeGraph } from './visualize';

/**
 * A requested output: a node name, the module function that defines it, or a {@link Variable} (from
 * `listAvailableVariables` or a lineage query), as Hamilton's `execute` accepts.
 */
export type FinalVar = string | Function | Pick<Variable, 'name'>;

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

interface DriverSettings<R> {
  readonly config: Config;
  readonly modules: readonly HamiltonModule[];
  readonly adapters: readonly LifecycleAdapter[];
  readonly resultBuilder: ResultBuilder<R>;
  readonly allowModuleOverrides: boolean;
  readonly dynamicExecution: boolean;
  readonly remoteExecutor: TaskExecutor | undefined;
}

/** Options of {@link Builder.enableDynamicExecution}. */
export interface DynamicExecutionOptions {
  /** Must be true, as in Hamilton, which marks dynamic execution experimental. */
  readonly allowExperimentalMode?: boolean;
}

let runCounter = 0;

function newRunId(): string {
  const uuid = (globalThis.crypto as { randomUUID?: () => string } | undefined)?.randomUUID;
  return uuid
    ? uuid.call(globalThis.crypto)
    : `run-${Date.now().toString(36)}-${(++runCounter).toString(36)}`;
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
  private readonly remoteExecutor: TaskExecutor;
  private construction: Promise<void> | undefined;

  /**
   * Builds the graph of `modules` under `config` (Hamilton's `Driver(config, *modules)`), with the
   * default plain-object result. Throws every build problem at once.
   */
  constructor(config: Config, ...modules: HamiltonModule[]) {
    // The Builder passes its settings in place of the config.
    const settings: DriverSettings<R> =
      config instanceof BuilderSettings
        ? (config as BuilderSettings<R>)
        : {
            config,
            modules,
            adapters: [],
            resultBuilder: new DictResult() as unknown as ResultBuilder<R>,
            allowModuleOverrides: false,
            dynamicExecution: false,
            remoteExecutor: undefined,
          };
    this.graph = FunctionGraph.fromModules(settings.modules, {
      config: settings.config,
      allowModuleOverrides: settings.allowModuleOverrides,
    });
    this.warnings = this.graph.warnings;
    this.adapters = new AdapterSet(settings.adapters);
    validateStatically(this.adapters, this.graph);
    this.resultBuilder = settings.resultBuilder;
    this.dynamicExecution = settings.dynamicExecution;
    this.remoteExecutor = settings.remoteExecutor ?? new ConcurrentLocalTaskExecutor({ maxTasks: 10 });
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

  private plan(finalVars: readonly FinalVar[], options: ExecuteOptions, graph = this.graph): Plan {
    const plan = planExecution(
      graph,
      finalVars.map((v) => graph.nameOf(v)),
      { inputs: options.inputs ?? {}, overrides: options.overrides ?? {} },
      this.adapters.inputCheck(),
    );
    const parallel = parallelProblems(plan, this.dynamicExecution);
    return parallel.length ? { ...plan, problems: [...plan.problems, ...parallel] } : plan;
  }

  /**
   * Computes `finalVars` (names, module functions or variables; order kept) and everything they need, each node
   * once. Nodes may return Promises; independent branches run concurrently. Every problem with the
   * request (unknown outputs, missing inputs, config/input overlap, cycles) is thrown before any node
   * runs. A failing node rejects with the node's own error, unchanged (as in Hamilton), after a report
   * naming the node and its inputs is logged with `console.error`.
   */
  async execute(finalVars: readonly FinalVar[], options: ExecuteOptions = {}): Promise<R> {
    return this.runOn(this.graph, finalVars, options, (outputs) => this.resultBuilder.build(outputs));
  }

  private async runOn<T>(
    graph: FunctionGraph,
    finalVars: readonly FinalVar[],
    options: ExecuteOptions,
    finish: (outputs: Record<string, unknown>) => T,
  ): Promise<T> {
    if (this.construction) await this.construction;
    const runId = newRunId();
    const adapters = this.adapters;
    let outputs: Record<string, unknown> | undefined;
    let error: unknown;
    let success = false;
    try {
      const plan = this.plan(finalVars, options, graph);
      throwRequestProblems(plan.problems);
      if (adapters.has('runBeforeGraphExecution')) {
        await adapters.call('runBeforeGraphExecution', this.beforeGraph(plan, runId));
      }
      if (needsStages(plan, this.dynamicExecution)) {
        outputs = await runStagesAsync(plan, adapters, runId, this.remoteExecutor);
      } else {
        await runAsync(plan, adapters, runId);
        outputs = outputsOf(plan);
      }
      const result = finish(outputs);
      success = true;
      return result;
    } catch (e) {
      error = e;
      throw e;
    } finally {
      if (adapters.has('runAfterGraphExecution')) {
        await adapters.call('runAfterGraphExecution', {
          graph,
          success,
          error,
          results: success ? outputs : undefined,
          runId,
        });
      }
    }
  }

  /**
   * {@link execute} for graphs whose nodes and hooks are all synchronous; throws an `AsyncInSyncError`
   * when a node or hook returns a Promise.
   */
  executeSync(finalVars: readonly FinalVar[], options: ExecuteOptions = {}): R {
    return this.runOnSync(this.graph, finalVars, options, (outputs) => this.resultBuilder.build(outputs));
  }

  private runOnSync<T>(
    graph: FunctionGraph,
    finalVars: readonly FinalVar[],
    options: ExecuteOptions,
    finish: (outputs: Record<string, unknown>) => T,
  ): T {
    if (this.construction) throw new AsyncInSyncError('An adapter runAfterGraphConstruction hook');
    const runId = newRunId();
    const adapters = this.adapters;
    let outputs: Record<string, unknown> | undefined;
    let error: unknown;
    let success = false;
    try {
      const plan = this.plan(finalVars, options, graph);
      throwRequestProblems(plan.problems);
      if (adapters.has('runBeforeGraphExecution')) {
        syncHook(adapters.call('runBeforeGraphExecution', this.beforeGraph(plan, runId)));
      }
      if (needsStages(plan, this.dynamicExecution)) outputs = runStagesSync(plan, adapters, runId);
      else {
        runSync(plan, adapters, runId);
        outputs = outputsOf(plan);
      }
      const result = finish(outputs);
      success = true;
      return result;
    } catch (e) {
      error = e;
      throw e;
    } finally {
      if (adapters.has('runAfterGraphExecution')) {
        syncHook(
          adapters.call('runAfterGraphExecution', {
            graph,
            success,
            error,
            results: success ? outputs : undefined,
            runId,
          }),
        );
      }
    }
  }

  /**
   * Hamilton's `materialize`: runs with materializers (`to.csv(...)`) added to the graph and extractors
   * (`from.csv(...)`) replacing nodes, and returns `[metadata by materializer id, additionalVars by name]`.
   * The options object (`additionalVars`, `inputs`, `overrides`) comes last.
   */
  async materialize(
    ...args: MaterializeArguments
  ): Promise<[Record<string, unknown>, Record<string, unknown>]> {
    const { graph, finalVars, ids, options } = this.materialization(args, true);
    return this.runOn(graph, [...finalVars, ...ids], options, (outputs) => splitMaterialized(outputs, ids));
  }

  /** {@link materialize} for all-synchronous graphs (throws an `AsyncInSyncError` on a Promise). */
  materializeSync(...args: MaterializeArguments): [Record<string, unknown>, Record<string, unknown>] {
    const { graph, finalVars, ids, options } = this.materialization(args, true);
    return this.runOnSync(graph, [...finalVars, ...ids], options, (outputs) =>
      splitMaterialized(outputs, ids),
    );
  }

  /** Checks that {@link materialize} could run with these arguments; throws every problem at once; runs nothing. */
  validateMaterialization(...args: MaterializeArguments): void {
    const { graph, finalVars, ids, options } = this.materialization(args, false);
    throwRequestProblems(this.plan([...finalVars, ...ids], options, graph).problems);
  }

  /** The graph {@link materialize} would run, described for drawing as {@link visualizeExecution} does. */
  visualizeMaterialization(...args: MaterializeArguments): GraphDescription {
    const { graph, finalVars, ids, options } = this.materialization(args, false);
    return this.describePlan(graph, [...finalVars, ...ids], options);
  }

  private materialization(args: MaterializeArguments, requireOutput: boolean) {
    const last = args.at(-1);
    const hasOptions =
      last !== undefined && !(last instanceof MaterializerFactory || last instanceof ExtractorFactory);
    const options = (hasOptions ? last : {}) as MaterializeOptions;
    const factories = (hasOptions ? args.slice(0, -1) : args) as (MaterializerFactory | ExtractorFactory)[];
    const materializers = factories.filter((f): f is MaterializerFactory => f instanceof MaterializerFactory);
    const extractors = factories.filter((f): f is ExtractorFactory => f instanceof ExtractorFactory);
    const finalVars = (options.additionalVars ?? []).map((v) => this.graph.nameOf(v));
    if (requireOutput && materializers.length === 0 && finalVars.length === 0) {
      throw new HamiltonError(
        'No output requested. Please either pass in materializers that will save data, or pass in `additional_vars` to compute.',
      );
    }
    const graph = modifyGraph(this.graph, materializers, extractors);
    validateStatically(this.adapters, graph);
    return { graph, finalVars, ids: materializers.map((m) => m.id), options };
  }

  private beforeGraph(plan: Plan, runId: string) {
    return {
      graph: this.graph,
      finalVars: plan.finalVars,
      inputs: plan.given.inputs,
      overrides: plan.given.overrides,
      executionPath: executionPath(plan),
      runId,
    };
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

/** Options of {@link Driver.visualizeExecution}: the execution's inputs and overrides, and validation. */
export interface VisualizeExecutionOptions extends ExecuteOptions {
  /** Draw even when inputs are missing or there is a cycle (Hamilton's `bypass_validation`). */
  readonly bypassValidation?: boolean;
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

/**
 * Options of {@link Driver.materialize}: `inputs`, `overrides`, outputs computed besides the
 * materializers, and (for `visualizeMaterialization`) `bypassValidation`.
 */
export interface MaterializeOptions extends VisualizeExecutionOptions {
  /** Outputs to compute and return besides what the materializers save (Hamilton's `additional_vars`). */
  readonly additionalVars?: readonly FinalVar[];
}

/** The arguments of {@link Driver.materialize}: materializers and extractors, then optionally the options. */
export type MaterializeArguments =
  | readonly (MaterializerFactory | ExtractorFactory)[]
  | readonly [...(MaterializerFactory | ExtractorFactory)[], MaterializeOptions];

function splitMaterialized(
  outputs: Record<string, unknown>,
  ids: readonly string[],
): [Record<string, unknown>, Record<string, unknown>] {
  const saved: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(outputs)) (ids.includes(name) ? saved : rest)[name] = value;
  return [saved, rest];
}

function syncHook(result: unknown): void {
  if (isThenable(result)) {
    Promise.resolve(result).catch(() => undefined);
    throw new AsyncInSyncError('An adapter hook');
  }
}

class BuilderSettings<R> implements DriverSettings<R> {
  constructor(
    readonly config: Config,
    readonly modules: readonly HamiltonModule[],
    readonly adapters: readonly LifecycleAdapter[],
    readonly resultBuilder: ResultBuilder<R>,
    readonly allowModuleOverrides: boolean,
    readonly dynamicExecution: boolean = false,
    readonly remoteExecutor: TaskExecutor | undefined = undefined,
  ) {}
}

/**
 * Hamilton's `driver.Builder`:
 * `new Builder().withConfig(cfg).withModules(a, b).withAdapters(h).withResultBuilder(rb).allowModuleOverrides().build()`.
 * Each method returns a new builder.
 */
export class Builder<R = Record<string, unknown>> {
  private readonly settings: BuilderSettings<R>;

  constructor(settings?: BuilderSettings<R>) {
    this.settings =
      settings ?? new BuilderSettings<R>({}, [], [], new DictResult() as unknown as ResultBuilder<R>, false);
  }

  private with<S>(changes: Partial<DriverSettings<S>>): Builder<S> {
    const s = { ...this.settings, ...changes } as unknown as DriverSettings<S>;
    return new Builder<S>(
      new BuilderSettings<S>(
        s.config,
        s.modules,
        s.adapters,
        s.resultBuilder,
        s.allowModuleOverrides,
        s.dynamicExecution,
        s.remoteExecutor,
      ),
    );
  }

  /** Adds config values (merged over earlier ones). */
  withConfig(config: Config): Builder<R> {
    return this.with<R>({ config: { ...this.settings.config, ...config } });
  }

  /** Adds modules. */
  withModules(...modules: HamiltonModule[]): Builder<R> {
    return this.with<R>({ modules: [...this.settings.modules, ...modules] });
  }

  /** Adds lifecycle adapters. */
  withAdapters(...adapters: LifecycleAdapter[]): Builder<R>;
  /**
   * Adds lifecycle adapters; a result builder among them (an object with `build`) sets what `execute`
   * returns, as Hamilton's `with_adapters(base.DictResult())` does.
   */
  withAdapters(...adapters: (LifecycleAdapter | ResultBuilder<unknown>)[]): Builder<unknown>;
  withAdapters(...adapters: (LifecycleAdapter | ResultBuilder<unknown>)[]): Builder<unknown> {
    const isResultBuilder = (a: object): a is ResultBuilder<unknown> =>
      typeof (a as Partial<ResultBuilder<unknown>>).build === 'function';
    const resultBuilder = adapters.filter(isResultBuilder).at(-1) ?? this.settings.resultBuilder;
    return this.with<unknown>({
      adapters: [
        ...this.settings.adapters,
        ...adapters.filter((a): a is LifecycleAdapter => !isResultBuilder(a)),
      ],
      resultBuilder,
    });
  }

  /** Sets what `execute` returns (default: a plain object of the outputs). */
  withResultBuilder<S>(resultBuilder: ResultBuilder<S>): Builder<S> {
    return this.with<S>({ resultBuilder });
  }

  /** Lets a later module redefine a node of an earlier one instead of raising an error. */
  allowModuleOverrides(): Builder<R> {
    return this.with<R>({ allowModuleOverrides: true });
  }

  /**
   * Enables `Parallelizable`/`Collect` nodes (Hamilton's `enable_dynamic_execution(allow_experimental_mode=True)`):
   * `enableDynamicExecution({ allowExperimentalMode: true })`. Items run through the remote executor
   * (default: {@link ConcurrentLocalTaskExecutor} with at most 10 items at once).
   */
  enableDynamicExecution(options: DynamicExecutionOptions = {}): Builder<R> {
    if (options.allowExperimentalMode !== true) {
      throw new HamiltonError(
        'Remote execution is currently experimental. Please set { allowExperimentalMode: true } to enable it.',
      );
    }
    return this.with<R>({ dynamicExecution: true });
  }

  /** Sets the executor that runs the items of parallel blocks (Hamilton's `with_remote_executor`). */
  withRemoteExecutor(remoteExecutor: TaskExecutor): Builder<R> {
    if (!this.settings.dynamicExecution) {
      throw new HamiltonError('Cannot set execution manager without first enabling the V2 Driver');
    }
    if (this.settings.remoteExecutor) throw new HamiltonError('Cannot set remote executor twice');
    if (typeof (remoteExecutor as Partial<TaskExecutor> | undefined)?.execute !== 'function') {
      throw new TypeError(
        `withRemoteExecutor: expected a task executor (an object with execute(tasks)), got ${String(remoteExecutor)}`,
      );
    }
    return this.with<R>({ remoteExecutor });
  }

  /** Builds the driver (and its graph). */
  build(): Driver<R> {
    return new Driver<R>(this.settings as unknown as Config);
  }
}
