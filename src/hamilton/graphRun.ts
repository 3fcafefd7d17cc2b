/**
 * One execution of the graph, written once for `execute` and `executeSync`: a generator that plans,
 * calls the graph hooks around the run and builds the result, yielding each step that may wait. The
 * async driver awaits the steps; the sync driver refuses any Promise with an `AsyncInSyncError`.
 */
import type { AdapterSet } from './adapters';
import { needsStages, runStagesAsync, runStagesSync, type StagedRun } from './dynamic';
import { throwRequestProblems } from './errors';
import { refusePromise, runAsync, runSync, type OpenCache, type RunContext } from './execution';
import type { TaskExecutor } from './executors';
import type { FunctionGraph } from './graph';
import { executionPath, type Plan } from './plan';
import { outputsOf } from './runState';

/** A step of a graph run that may have to wait. */
type RunStep =
  | { readonly kind: 'hook'; readonly value: unknown }
  | { readonly kind: 'execute'; readonly plan: Plan; readonly runId: string };

/** What a graph run needs from its driver. */
export interface GraphRunSettings {
  /** The driver's adapters. */
  readonly adapters: AdapterSet;
  /** Whether parallel blocks run in stages. */
  readonly dynamicExecution: boolean;
  /** The executor of parallel items. */
  readonly remoteExecutor: TaskExecutor;
  /** Opens the cache of a run (with `part`, of a stage of a run in stages), when caching is on. */
  readonly openCache?: OpenCache;
}

let runCounter = 0;

function newRunId(): string {
  const uuid = (globalThis.crypto as { randomUUID?: () => string } | undefined)?.randomUUID;
  return uuid
    ? uuid.call(globalThis.crypto)
    : `run-${Date.now().toString(36)}-${(++runCounter).toString(36)}`;
}

/** The run of one request: plan, hooks, execution and result, as steps. */
export function* graphRun<T>(
  graph: FunctionGraph,
  makePlan: () => Plan,
  adapters: AdapterSet,
  finish: (outputs: Record<string, unknown>) => T,
): Generator<RunStep, T, unknown> {
  const runId = newRunId();
  let outputs: Record<string, unknown> | undefined;
  let error: unknown;
  let success = false;
  try {
    const plan = makePlan();
    throwRequestProblems(plan.problems);
    if (adapters.has('runBeforeGraphExecution')) {
      yield {
        kind: 'hook',
        value: adapters.call('runBeforeGraphExecution', {
          graph,
          finalVars: plan.finalVars,
          inputs: plan.given.inputs,
          overrides: plan.given.overrides,
          executionPath: executionPath(plan),
          runId,
        }),
      };
    }
    outputs = (yield { kind: 'execute', plan, runId }) as Record<string, unknown>;
    const result = finish(outputs);
    success = true;
    return result;
  } catch (e) {
    error = e;
    throw e;
  } finally {
    if (adapters.has('runAfterGraphExecution')) {
      const results = success ? outputs : undefined;
      yield {
        kind: 'hook',
        value: adapters.call('runAfterGraphExecution', { graph, success, error, results, runId }),
      };
    }
  }
}

const stagedRun = (settings: GraphRunSettings, whole: Plan, runId: string): StagedRun => ({
  whole,
  adapters: settings.adapters,
  runId,
  openCache: settings.openCache,
});

function contextOf(settings: GraphRunSettings, plan: Plan, runId: string): RunContext {
  const { adapters } = settings;
  return {
    hooks: adapters.hasNodeHooks ? adapters : undefined,
    cache: settings.openCache?.(plan, runId),
    runId,
  };
}

/** Drives a graph run synchronously. */
export function driveSync<T>(run: Generator<RunStep, T, unknown>, settings: GraphRunSettings): T {
  const perform = (step: RunStep): unknown => {
    if (step.kind === 'hook') return refusePromise(step.value, 'An adapter hook');
    const { plan, runId } = step;
    if (needsStages(plan, settings.dynamicExecution)) return runStagesSync(stagedRun(settings, plan, runId));
    return outputsOf(runSync(plan, contextOf(settings, plan, runId)));
  };
  let next = run.next();
  while (!next.done) {
    let reply: unknown;
    let failure: { error: unknown } | undefined;
    try {
      reply = perform(next.value);
    } catch (error) {
      failure = { error };
    }
    next = failure ? run.throw(failure.error) : run.next(reply);
  }
  return next.value;
}

/** Drives a graph run, awaiting hooks and nodes. */
export async function driveAsync<T>(
  run: Generator<RunStep, T, unknown>,
  settings: GraphRunSettings,
): Promise<T> {
  const perform = async (step: RunStep): Promise<unknown> => {
    if (step.kind === 'hook') return step.value;
    const { plan, runId } = step;
    if (needsStages(plan, settings.dynamicExecution)) {
      return runStagesAsync(stagedRun(settings, plan, runId), settings.remoteExecutor);
    }
    return outputsOf(await runAsync(plan, contextOf(settings, plan, runId)));
  };
  let next = run.next();
  while (!next.done) {
    let reply: unknown;
    let failure: { error: unknown } | undefined;
    try {
      reply = await perform(next.value);
    } catch (error) {
      failure = { error };
    }
    next = failure ? run.throw(failure.error) : run.next(reply);
  }
  return next.value;
}
