/**
 * Running a plan. The sync and async executors walk the same plan and run each node through the same
 * step (before hooks, cache lookup or call, cache record, after hooks), differing only in their
 * {@link Flow}: the sync one refuses Promises, the async one waits on them. The async executor runs
 * synchronous nodes inline and only waits where a node returned a Promise, so independent branches
 * overlap. A run without hooks or cache takes a fast path that calls nodes positionally.
 */
import { AsyncInSyncError } from './errors';
import { AdapterSet, isThenable } from './adapters';
import { FUNCTION } from './graph';
import { invoke, nodeFailure, thrownBy } from './invoke';
import { COMPUTED, runs, type Plan } from './plan';
import { kwargsOf, startRun, store, type RunState } from './runState';

/** The task a node runs in: one item of a parallel block (Hamilton's task id), or none. */
export interface TaskInfo {
  /** Hamilton's task id: `expand-<expander>.<index>.block-<expander>`. */
  readonly taskId: string;
  /** The item's position among the expander's items. */
  readonly itemIndex: number;
}

/**
 * A plan run as one stage of a larger run (a run in stages through parallel blocks): the whole run's
 * plan, the item it runs for, and the node whose override is a block's collected values.
 */
export interface RunPart {
  /** The plan of the whole run. */
  readonly whole: Plan;
  /** The parallel item this stage runs for; null for a stage outside the blocks. */
  readonly task: TaskInfo | null;
  /** The node whose value (given to this stage) is a block's collected outputs, if any. */
  readonly collected: string | null;
}

/** What {@link NodeCache.retrieve} returns when the node has to run. */
export const MISS: unique symbol = Symbol('hamilton.cache.miss');

/** The cache of one run, as the executors see it (see `caching/`). */
export interface NodeCache {
  /** Node `i`'s stored result, or {@link MISS} when it must run. */
  retrieve(i: number): unknown;
  /** Node `i` ran and returned `result`. */
  record(i: number, result: unknown): void;
  /** Node `i` failed with `error`. */
  failed(i: number, error: unknown): void;
}

/** Opens the cache of a run (with `part`, of one stage of a run in stages); undefined without caching. */
export type OpenCache = (plan: Plan, runId: string, part?: RunPart) => NodeCache | undefined;

/** What a run carries besides its plan. */
export interface RunContext {
  /** The adapters with node hooks, if any. */
  readonly hooks?: AdapterSet;
  /** The run's cache, if caching is on. */
  readonly cache?: NodeCache;
  /** The run's id. */
  readonly runId: string;
  /** The parallel item being run, if any. */
  readonly task?: TaskInfo | null;
}

/** Sequencing of a step: the sync flow refuses Promises, the async one waits on them. */
interface Flow {
  /** Continues with `value` once it is available. */
  then(value: unknown, what: string, next: () => unknown): unknown;
  /** Runs `produce`; continues with `ok` on its value or `fail` on its error. */
  attempt(
    produce: () => unknown,
    what: string,
    ok: (value: unknown) => unknown,
    fail: (error: unknown) => unknown,
  ): unknown;
}

/** Throws {@link AsyncInSyncError} for a Promise (silencing its rejection). */
export function refusePromise(value: unknown, what: string): void {
  if (isThenable(value)) {
    Promise.resolve(value).catch(() => undefined);
    throw new AsyncInSyncError(what);
  }
}

const SYNC: Flow = {
  then(value, what, next) {
    refusePromise(value, what);
    return next();
  },
  attempt(produce, what, ok, fail) {
    let value: unknown;
    try {
      value = produce();
      refusePromise(value, what);
    } catch (e) {
      return fail(e);
    }
    return ok(value);
  },
};

const ASYNC: Flow = {
  then(value, _what, next) {
    return isThenable(value) ? Promise.resolve(value).then(next) : next();
  },
  attempt(produce, _what, ok, fail) {
    let value: unknown;
    try {
      value = produce();
    } catch (e) {
      return fail(e);
    }
    return isThenable(value) ? Promise.resolve(value).then(ok, fail) : ok(value);
  },
};

function beforeContext(run: RunState, i: number, kwargs: Record<string, unknown>, ctx: RunContext) {
  const node = run.plan.graph.nodeList[i];
  const nodeInputTypes: Record<string, string> = {};
  for (const d of node.dependencies) nodeInputTypes[d.name] = d.type;
  return {
    nodeName: node.name,
    nodeTags: node.tags,
    nodeKwargs: kwargs,
    nodeReturnType: node.type,
    nodeInputTypes,
    taskId: ctx.task?.taskId ?? null,
    itemIndex: ctx.task?.itemIndex ?? null,
    runId: ctx.runId,
  };
}

interface Outcome {
  readonly success: boolean;
  readonly result: unknown;
  readonly error: unknown;
  readonly fromCache: boolean;
}

function afterContext(
  run: RunState,
  i: number,
  kwargs: Record<string, unknown>,
  ctx: RunContext,
  o: Outcome,
) {
  const node = run.plan.graph.nodeList[i];
  return {
    nodeName: node.name,
    nodeTags: node.tags,
    nodeKwargs: kwargs,
    nodeReturnType: node.type,
    result: o.result,
    error: o.error,
    success: o.success,
    fromCache: o.fromCache,
    taskId: ctx.task?.taskId ?? null,
    itemIndex: ctx.task?.itemIndex ?? null,
    runId: ctx.runId,
  };
}

/** Calls node `i`; a rejected Promise goes through {@link nodeFailure} too. */
function call(run: RunState, i: number, kwargs: Record<string, unknown> | undefined, ctx: RunContext) {
  const result = invoke(run, i, kwargs, ctx.hooks?.executor);
  if (!isThenable(result)) return result;
  return Promise.resolve(result).then(undefined, (e: unknown) => {
    throw nodeFailure(run, i, e, kwargs);
  });
}

/**
 * One node, hooked and cached: before hooks, the cached result or the call, the cache record, after
 * hooks. Returns the result, or a Promise of it under the async flow.
 */
function step(run: RunState, i: number, ctx: RunContext, flow: Flow): unknown {
  const { hooks, cache } = ctx;
  const kwargs = hooks ? kwargsOf(run, i) : undefined;
  const what = `Node ${run.plan.graph.nodeList[i].name}`;
  const after = (o: Outcome, then: () => unknown): unknown =>
    hooks && kwargs
      ? flow.then(
          hooks.call('runAfterNodeExecution', afterContext(run, i, kwargs, ctx, o)),
          'An adapter hook',
          then,
        )
      : then();
  const compute = (): unknown => {
    const cached = cache ? cache.retrieve(i) : MISS;
    if (cached !== MISS) {
      return after({ success: true, result: cached, error: undefined, fromCache: true }, () => cached);
    }
    return flow.attempt(
      () => call(run, i, kwargs, ctx),
      what,
      (result) => {
        cache?.record(i, result);
        return after({ success: true, result, error: undefined, fromCache: false }, () => result);
      },
      (e) => {
        cache?.failed(i, thrownBy(e));
        return after({ success: false, result: undefined, error: thrownBy(e), fromCache: false }, () => {
          throw e;
        });
      },
    );
  };
  if (!hooks || !kwargs) return compute();
  return flow.then(
    hooks.call('runBeforeNodeExecution', beforeContext(run, i, kwargs, ctx)),
    'An adapter hook',
    compute,
  );
}

const plain = (ctx: RunContext) => ctx.hooks === undefined && ctx.cache === undefined;

/** Runs the plan synchronously; throws {@link AsyncInSyncError} when a node or hook returns a Promise. */
export function runSync(plan: Plan, ctx: RunContext, run: RunState = startRun(plan)): RunState {
  const { order, size, graph } = plan;
  const fast = plain(ctx);
  for (let k = 0; k < size; k++) {
    const i = order[k];
    if (!runs(plan, i)) continue;
    if (fast) {
      const result = invoke(run, i);
      // The refusal's text is built only for a Promise: this loop runs once per node.
      if (isThenable(result)) refusePromise(result, `Node ${graph.nodeList[i].name}`);
      store(run, i, result);
    } else store(run, i, step(run, i, ctx, SYNC));
  }
  return run;
}

/** By node id: how many computed dependencies each node of the plan waits for. */
function waitCounts(plan: Plan): Int32Array {
  const { graph, order, size, provided } = plan;
  const waiting = new Int32Array(graph.size);
  for (let k = 0; k < size; k++) {
    const i = order[k];
    if (!runs(plan, i)) continue;
    let count = 0;
    for (let e = graph.depStart[i]; e < graph.depStart[i + 1]; e++) {
      const d = graph.depIds[e];
      if (graph.kind[d] === FUNCTION && provided[d] === COMPUTED) count++;
    }
    waiting[i] = count;
  }
  return waiting;
}

/**
 * Runs the plan, calling synchronous nodes inline and waiting only on Promises: a node starts as soon as
 * its last dependency is available, so independent asynchronous branches overlap. Rejects with the first
 * error; nodes not yet started then never start.
 */
export function runAsync(plan: Plan, ctx: RunContext): Promise<RunState> {
  const run = startRun(plan);
  const { order, size, graph, inPlan } = plan;
  const { useStart, useIds } = graph;
  const fast = plain(ctx);
  const waiting = waitCounts(plan);
  return new Promise<RunState>((resolve, reject) => {
    let pending = 0;
    let failed = false;
    let passDone = false;
    const ready: number[] = [];
    const fail = (e: unknown) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    };
    const finish = (i: number, result: unknown) => {
      store(run, i, result);
      for (let e = useStart[i]; e < useStart[i + 1]; e++) {
        const c = useIds[e];
        if (inPlan[c] === 1 && runs(plan, c) && --waiting[c] === 0 && passDone) ready.push(c);
      }
    };
    const settle = () => {
      while (ready.length > 0 && !failed) start(ready.pop() as number);
      if (!failed && pending === 0 && passDone) resolve(run);
    };
    const start = (i: number) => {
      let result: unknown;
      try {
        result = fast ? call(run, i, undefined, ctx) : step(run, i, ctx, ASYNC);
      } catch (e) {
        fail(e);
        return;
      }
      if (!isThenable(result)) {
        finish(i, result);
        return;
      }
      pending++;
      result.then(
        (value) => {
          pending--;
          if (failed) return;
          finish(i, value);
          settle();
        },
        (e: unknown) => {
          pending--;
          fail(e);
        },
      );
    };
    for (let k = 0; k < size && !failed; k++) {
      const i = order[k];
      if (runs(plan, i) && waiting[i] === 0) start(i);
    }
    passDone = true;
    settle();
  });
}
