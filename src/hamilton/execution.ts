/**
 * Planning and running an execution. The plan is the upstream of the final vars, each node once, in
 * depth-first post-order (so dependencies run in parameter order, as in Hamilton); overrides cut the walk,
 * so their ancestors are neither required nor run; an optional dependency on an input nobody gave is left
 * out. Results are released as soon as no remaining consumer needs them. The sync and async executors walk
 * the same plan; the async one runs synchronous nodes inline and only waits where a node returned a
 * Promise, so independent branches overlap.
 */
import { AdapterSet, isThenable, type LifecycleAdapter } from './adapters';
import {
  AsyncInSyncError,
  ConfigInputOverlapError,
  CycleError,
  InputTypeError,
  MissingInputError,
  NodeExecutionError,
  UnknownNodesError,
  type HamiltonError,
} from './errors';
import { FUNCTION, INPUT, type FunctionGraph } from './graph';
import { checkInputType, describeValue } from './inputTypes';
import { functionName } from './modules';
import type { NodeCallable } from './node';
import { summarize } from './summary';

/** Values given for one execution. */
export interface ExecutionValues {
  /** Runtime inputs by name. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Node values that replace computing the node (and everything only it needed). */
  readonly overrides: Readonly<Record<string, unknown>>;
}

const GIVEN = 1;
const OVERRIDDEN = 2;
const DONE = 2;

/** An execution plan over a graph: integer-indexed state, reused by both executors. */
export interface Plan {
  /** The graph. */
  readonly graph: FunctionGraph;
  /** The requested outputs by name, deduplicated, in the requested order. */
  readonly finalVars: readonly string[];
  /** Their node ids; -1 for an output that is only an input (echoed back). */
  readonly finalIds: readonly number[];
  /** The inputs and overrides. */
  readonly given: ExecutionValues;
  /** Every node the execution touches, dependencies first. */
  readonly order: Int32Array;
  /** How many entries of {@link order} are used. */
  readonly size: number;
  /** Values by node id: filled with inputs, config and overrides, then results. */
  readonly values: unknown[];
  /** By id: 0, given as input or config (1), or overridden (2). */
  readonly provided: Uint8Array;
  /** By id: 2 when the node is in the plan. */
  readonly state: Uint8Array;
  /** By id: consumers in the plan that have not run yet. */
  readonly need: Int32Array;
  /** By id: 1 for final vars, whose values are never released. */
  readonly pinned: Uint8Array;
  /** Everything wrong with the request, in reporting order; empty when it can run. */
  readonly problems: readonly HamiltonError[];
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Plans an execution of `finalVars`; problems are collected in the plan, not thrown. */
export function planExecution(
  graph: FunctionGraph,
  finalVars: readonly string[],
  given: ExecutionValues,
  inputCheck: (type: string, value: unknown) => boolean = checkInputType,
): Plan {
  const n = graph.size;
  const { ids, kind, depStart, depIds, depOptional } = graph;
  const values = new Array<unknown>(n);
  const provided = new Uint8Array(n);
  const state = new Uint8Array(n);
  const need = new Int32Array(n);
  const pinned = new Uint8Array(n);
  const order = new Int32Array(n);
  const problems: HamiltonError[] = [];

  const overlap = Object.keys(given.inputs).filter((k) => has(graph.config, k));
  for (const key in graph.config) {
    const id = ids.get(key);
    if (id !== undefined && kind[id] !== FUNCTION) {
      values[id] = graph.config[key];
      provided[id] = GIVEN;
    }
  }
  for (const key in given.inputs) {
    const id = ids.get(key);
    if (id !== undefined && kind[id] !== FUNCTION) {
      values[id] = given.inputs[key];
      provided[id] = GIVEN;
    }
  }
  for (const key in given.overrides) {
    const id = ids.get(key);
    if (id !== undefined) {
      values[id] = given.overrides[key];
      provided[id] = OVERRIDDEN;
    }
  }

  const unknown: string[] = [];
  const finals: string[] = [];
  const finalIds: number[] = [];
  const cyclic = new Set<number>();
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  let size = 0;
  // The edge cursor of a node that is not expanded starts at its end.
  const firstEdge = (v: number) =>
    kind[v] === FUNCTION && provided[v] !== OVERRIDDEN ? depStart[v] : depStart[v + 1];
  const outside = new Set<string>();
  for (const name of finalVars) {
    const root = ids.get(name);
    if (root === undefined) {
      if (outside.has(name)) continue;
      outside.add(name);
      if (has(given.inputs, name)) {
        finals.push(name);
        finalIds.push(-1);
      } else unknown.push(name);
      continue;
    }
    if (pinned[root] === 1) continue;
    finals.push(name);
    finalIds.push(root);
    pinned[root] = 1;
    if (state[root] !== 0) continue;
    let sp = 0;
    state[root] = 1;
    stackNode[0] = root;
    stackEdge[sp++] = firstEdge(root);
    while (sp > 0) {
      const v = stackNode[sp - 1];
      const e = stackEdge[sp - 1];
      if (e < depStart[v + 1]) {
        stackEdge[sp - 1] = e + 1;
        const d = depIds[e];
        need[d]++;
        if (depOptional[e] === 1 && kind[d] !== FUNCTION && provided[d] === 0) continue;
        if (state[d] === 0) {
          state[d] = 1;
          stackNode[sp] = d;
          stackEdge[sp++] = firstEdge(d);
        } else if (state[d] === 1) cyclic.add(graph.cycleOf[d]);
      } else {
        state[v] = DONE;
        order[size++] = v;
        sp--;
      }
    }
  }

  if (unknown.length) problems.push(new UnknownNodesError(unknown));
  if (overlap.length) problems.push(new ConfigInputOverlapError(overlap));
  if (cyclic.size)
    problems.push(new CycleError([...cyclic].sort((a, b) => a - b).map((c) => graph.cycles[c])));
  const missing: MissingInputError[] = [];
  for (let k = 0; k < size; k++) {
    const id = order[k];
    // An input only requested as an output, read by nothing that runs, is not required (Hamilton echoes None).
    if (kind[id] !== INPUT || provided[id] !== 0 || need[id] === 0) continue;
    const consumers = [];
    for (let e = graph.useStart[id]; e < graph.useStart[id + 1]; e++) {
      const c = graph.nodeList[graph.useIds[e]];
      consumers.push({ name: c.name, module: c.tags.module as string | undefined, location: c.location });
    }
    missing.push(new MissingInputError(graph.nodeList[id].name, consumers));
  }
  missing.sort(byInput);
  problems.push(...missing, ...mismatchedInputs(graph, given.inputs, state, provided, inputCheck));
  return {
    graph,
    finalVars: finals,
    finalIds,
    given,
    order,
    size,
    values,
    provided,
    state,
    need,
    pinned,
    problems,
  };
}

const byInput = (a: { input: string }, b: { input: string }) =>
  a.input < b.input ? -1 : a.input > b.input ? 1 : 0;

/** Hamilton's `check_input_type` on every input the plan reads: every mismatch, sorted by input. */
function mismatchedInputs(
  graph: FunctionGraph,
  inputs: Readonly<Record<string, unknown>>,
  state: Uint8Array,
  provided: Uint8Array,
  inputCheck: (type: string, value: unknown) => boolean,
): InputTypeError[] {
  const out: InputTypeError[] = [];
  for (const name in inputs) {
    const id = graph.ids.get(name);
    if (id === undefined || graph.kind[id] !== INPUT || provided[id] !== GIVEN || state[id] !== DONE)
      continue;
    const node = graph.nodeList[id];
    const value = inputs[name];
    if (value === null || value === undefined || inputCheck(node.type, value)) continue;
    const reader = graph.nodeList[graph.useIds[graph.useStart[id]]];
    out.push(
      new InputTypeError(node.name, node.type, describeValue(value), {
        module: reader?.tags.module as string | undefined,
        location: reader?.dependencies.find((d) => d.name === node.name)?.location ?? reader?.location,
      }),
    );
  }
  return out.sort(byInput);
}

/** Whether the plan computes node `i` (a function node that is not overridden). */
function runs(plan: Plan, i: number): boolean {
  return plan.graph.kind[i] === FUNCTION && plan.provided[i] === 0;
}

/**
 * Hamilton's execution path: every function node the request reaches, in execution order, overridden
 * ones included (Hamilton lists the upstream nodes less the inputs; an override stops the walk below it).
 */
export function executionPath(plan: Plan): string[] {
  const out: string[] = [];
  for (let k = 0; k < plan.size; k++)
    if (plan.graph.kind[plan.order[k]] === FUNCTION) out.push(plan.graph.nodeList[plan.order[k]].name);
  return out;
}

/** The requested outputs by name, in the requested order. */
export function outputsOf(plan: Plan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let k = 0; k < plan.finalVars.length; k++) {
    const id = plan.finalIds[k];
    out[plan.finalVars[k]] = id === -1 ? plan.given.inputs[plan.finalVars[k]] : plan.values[id];
  }
  return out;
}

/** Keeps every value the plan computes (a staged execution reads them after the run). */
export function keepAll(plan: Plan): Plan {
  plan.pinned.fill(1);
  return plan;
}

/** The values of the nodes the plan ran, by name (after {@link keepAll} and a run). */
export function computedValues(plan: Plan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (runs(plan, i)) out[plan.graph.nodeList[i].name] = plan.values[i];
  }
  return out;
}

/** Node `i`'s dependencies by name; an optional dependency nobody provides is absent. */
function kwargsOf(plan: Plan, i: number): Record<string, unknown> {
  const { graph, values, provided } = plan;
  const deps = graph.nodeList[i].dependencies;
  const kwargs: Record<string, unknown> = {};
  for (let k = 0, e = graph.depStart[i]; k < deps.length; k++, e++) {
    const d = graph.depIds[e];
    if (graph.depOptional[e] === 1 && graph.kind[d] !== FUNCTION && provided[d] === 0) continue;
    kwargs[deps[k].name] = values[d];
  }
  return kwargs;
}

/**
 * What a failing node throws. As in Hamilton, the node's own error propagates unchanged, after the
 * report naming the node, its function and its inputs is logged; a thrown value that is not an Error
 * (a string, a plain object) is wrapped in a {@link NodeExecutionError}, so the node's name still surfaces.
 */
function nodeFailure(
  plan: Plan,
  i: number,
  cause: unknown,
  kwargs: Record<string, unknown> = kwargsOf(plan, i),
): unknown {
  const node = plan.graph.nodeList[i];
  const module = node.tags.module as string | undefined;
  const inputs: Record<string, string> = {};
  for (const key of Object.keys(kwargs)) inputs[key] = summarize(kwargs[key]);
  const fnName = (node.originatingFunction && functionName(node.originatingFunction)) || node.name;
  const report = new NodeExecutionError(
    node.name,
    `${module ?? 'unknown_module'}.${fnName}()`,
    inputs,
    cause,
    module,
    node.location,
  );
  console.error(report.message);
  return cause instanceof Error ? cause : report;
}

/** The value a node threw, from what {@link nodeFailure} made of it (for the after-node hooks). */
function thrownBy(failure: unknown): unknown {
  return failure instanceof NodeExecutionError ? failure.cause : failure;
}

type Positional = (this: unknown, ...args: unknown[]) => unknown;

/** What an adapter's `runToExecuteNode` receives for node `i`. */
function executeContext(plan: Plan, i: number, kwargs: Record<string, unknown>) {
  const node = plan.graph.nodeList[i];
  return {
    nodeName: node.name,
    nodeTags: node.tags,
    nodeCallable: node.callable as NodeCallable,
    nodeKwargs: kwargs,
    taskId: null,
    isExpand: false,
    isCollect: false,
  };
}

/**
 * Calls node `i`'s function with its dependencies' values, or hands the call to the adapter that runs
 * nodes; a node's error comes out through {@link nodeFailure}.
 */
function invoke(
  plan: Plan,
  i: number,
  kwargs?: Record<string, unknown>,
  executor?: LifecycleAdapter,
): unknown {
  const { graph, values } = plan;
  const fn = graph.fns[i] as Positional | undefined;
  try {
    if (executor?.runToExecuteNode) {
      return executor.runToExecuteNode(executeContext(plan, i, kwargs ?? kwargsOf(plan, i)));
    }
    if (fn === undefined) return graph.nodeList[i].callable?.(kwargs ?? kwargsOf(plan, i));
    const t = graph.thisArgs[i];
    const s = graph.depStart[i];
    const ids = graph.depIds;
    switch (graph.depStart[i + 1] - s) {
      case 0:
        return fn.call(t);
      case 1:
        return fn.call(t, values[ids[s]]);
      case 2:
        return fn.call(t, values[ids[s]], values[ids[s + 1]]);
      case 3:
        return fn.call(t, values[ids[s]], values[ids[s + 1]], values[ids[s + 2]]);
      default: {
        const args = new Array<unknown>(graph.depStart[i + 1] - s);
        for (let k = 0; k < args.length; k++) args[k] = values[ids[s + k]];
        return fn.apply(t, args);
      }
    }
  } catch (e) {
    throw nodeFailure(plan, i, e, kwargs);
  }
}

/** Stores node `i`'s result and releases dependencies no remaining consumer needs. */
function store(plan: Plan, i: number, result: unknown): void {
  const { graph, values, need, pinned } = plan;
  values[i] = result;
  for (let e = graph.depStart[i]; e < graph.depStart[i + 1]; e++) {
    const d = graph.depIds[e];
    if (--need[d] === 0 && pinned[d] === 0) values[d] = undefined;
  }
}

/** The task a node runs in: one item of a parallel block (Hamilton's task id), or none. */
export interface TaskInfo {
  /** Hamilton's task id: `expand-<expander>.<index>.block-<expander>`. */
  readonly taskId: string;
  /** The item's position among the expander's items. */
  readonly itemIndex: number;
}

function beforeContext(
  plan: Plan,
  i: number,
  kwargs: Record<string, unknown>,
  runId: string,
  task: TaskInfo | null,
) {
  const node = plan.graph.nodeList[i];
  const nodeInputTypes: Record<string, string> = {};
  for (const d of node.dependencies) nodeInputTypes[d.name] = d.type;
  return {
    nodeName: node.name,
    nodeTags: node.tags,
    nodeKwargs: kwargs,
    nodeReturnType: node.type,
    nodeInputTypes,
    taskId: task?.taskId ?? null,
    itemIndex: task?.itemIndex ?? null,
    runId,
  };
}

function afterContext(
  plan: Plan,
  i: number,
  kwargs: Record<string, unknown>,
  runId: string,
  success: boolean,
  result: unknown,
  error: unknown,
  task: TaskInfo | null,
) {
  const node = plan.graph.nodeList[i];
  return {
    nodeName: node.name,
    nodeTags: node.tags,
    nodeKwargs: kwargs,
    nodeReturnType: node.type,
    result,
    error,
    success,
    taskId: task?.taskId ?? null,
    itemIndex: task?.itemIndex ?? null,
    runId,
  };
}

function noPromise(value: unknown, what: string): void {
  if (isThenable(value)) {
    Promise.resolve(value).catch(() => undefined);
    throw new AsyncInSyncError(what);
  }
}

/** Runs the plan synchronously; throws {@link AsyncInSyncError} when a node or hook returns a Promise. */
export function runSync(
  plan: Plan,
  adapters: AdapterSet | undefined,
  runId: string,
  task: TaskInfo | null = null,
): void {
  const { order, size, graph } = plan;
  const hooks = adapters?.hasNodeHooks ? adapters : undefined;
  for (let k = 0; k < size; k++) {
    const i = order[k];
    if (!runs(plan, i)) continue;
    if (hooks === undefined) {
      const result = invoke(plan, i);
      noPromise(result, `Node ${graph.nodeList[i].name}`);
      store(plan, i, result);
      continue;
    }
    const kwargs = kwargsOf(plan, i);
    noPromise(
      hooks.call('runBeforeNodeExecution', beforeContext(plan, i, kwargs, runId, task)),
      'An adapter hook',
    );
    let result: unknown;
    try {
      result = invoke(plan, i, kwargs, hooks.executor);
      noPromise(result, `Node ${graph.nodeList[i].name}`);
    } catch (e) {
      noPromise(
        hooks.call(
          'runAfterNodeExecution',
          afterContext(plan, i, kwargs, runId, false, undefined, thrownBy(e), task),
        ),
        'An adapter hook',
      );
      throw e;
    }
    noPromise(
      hooks.call(
        'runAfterNodeExecution',
        afterContext(plan, i, kwargs, runId, true, result, undefined, task),
      ),
      'An adapter hook',
    );
    store(plan, i, result);
  }
}

/**
 * Runs the plan, calling synchronous nodes inline and waiting only on Promises: a node starts as soon as
 * its last dependency is available, so independent asynchronous branches overlap. Rejects with the first
 * error; nodes not yet started then never start.
 */
export function runAsync(
  plan: Plan,
  adapters: AdapterSet | undefined,
  runId: string,
  task: TaskInfo | null = null,
): Promise<void> {
  const { order, size, graph, provided, state } = plan;
  const { kind, depStart, depIds, useStart, useIds } = graph;
  const hooks = adapters?.hasNodeHooks ? adapters : undefined;
  const waiting = new Int32Array(graph.size);
  for (let k = 0; k < size; k++) {
    const i = order[k];
    if (!runs(plan, i)) continue;
    let count = 0;
    for (let e = depStart[i]; e < depStart[i + 1]; e++) {
      const d = depIds[e];
      if (kind[d] === FUNCTION && provided[d] === 0) count++;
    }
    waiting[i] = count;
  }
  return new Promise<void>((resolve, reject) => {
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
      store(plan, i, result);
      for (let e = useStart[i]; e < useStart[i + 1]; e++) {
        const c = useIds[e];
        if (state[c] === DONE && provided[c] === 0 && --waiting[c] === 0 && passDone) ready.push(c);
      }
    };
    const settle = () => {
      while (ready.length > 0 && !failed) start(ready.pop() as number);
      if (!failed && pending === 0 && passDone) resolve();
    };
    const start = (i: number) => {
      let result: unknown;
      try {
        result = hooks === undefined ? invokeAsync(plan, i) : hooked(plan, i, hooks, runId, task);
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

/** {@link invoke}, with a rejected Promise going through {@link nodeFailure} too. */
function invokeAsync(plan: Plan, i: number, kwargs?: Record<string, unknown>): unknown {
  const result = invoke(plan, i, kwargs);
  if (!isThenable(result)) return result;
  return Promise.resolve(result).then(undefined, (e: unknown) => {
    throw nodeFailure(plan, i, e, kwargs);
  });
}

/** Runs node `i` between its before and after hooks, waiting for any hook that returns a Promise. */
function hooked(plan: Plan, i: number, hooks: AdapterSet, runId: string, task: TaskInfo | null): unknown {
  const kwargs = kwargsOf(plan, i);
  const after = (success: boolean, result: unknown, error: unknown, then: () => unknown): unknown => {
    const done = hooks.call(
      'runAfterNodeExecution',
      afterContext(plan, i, kwargs, runId, success, result, error, task),
    );
    return isThenable(done) ? Promise.resolve(done).then(then) : then();
  };
  const run = (): unknown => {
    let result: unknown;
    try {
      result = invoke(plan, i, kwargs, hooks.executor);
    } catch (e) {
      return after(false, undefined, thrownBy(e), () => {
        throw e;
      });
    }
    if (!isThenable(result)) return after(true, result, undefined, () => result);
    return Promise.resolve(result).then(
      (value) => after(true, value, undefined, () => value),
      (e: unknown) =>
        after(false, undefined, e, () => {
          throw nodeFailure(plan, i, e, kwargs);
        }),
    );
  };
  const before = hooks.call('runBeforeNodeExecution', beforeContext(plan, i, kwargs, runId, task));
  return isThenable(before) ? Promise.resolve(before).then(run) : run();
}
