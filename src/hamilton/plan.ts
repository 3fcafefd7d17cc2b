/**
 * Planning an execution. The plan is the upstream of the final vars, each node once, in depth-first
 * post-order (so dependencies run in parameter order, as in Hamilton); overrides cut the walk, so their
 * ancestors are neither required nor run; an optional dependency on an input nobody gave is left out.
 * A plan is immutable once made: each run of it keeps its values in its own run state (`runState.ts`).
 */
import {
  ConfigInputOverlapError,
  CycleError,
  InputTypeError,
  MissingInputError,
  UnknownNodesError,
  type HamiltonError,
} from './errors';
import { FUNCTION, INPUT, type FunctionGraph } from './graph';
import { checkInputType, describeValue } from './inputTypes';

/** Values given for one execution. */
export interface ExecutionValues {
  /** Runtime inputs by name. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Node values that replace computing the node (and everything only it needed). */
  readonly overrides: Readonly<Record<string, unknown>>;
}

/** {@link Plan.provided}: the node is computed (or is an input nobody gave). */
export const COMPUTED = 0;
/** {@link Plan.provided}: given as an input or a config value. */
export const GIVEN = 1;
/** {@link Plan.provided}: replaced by an override. */
export const OVERRIDDEN = 2;

// Walk marks: a node is unseen, on the walk's stack, or placed in the order. Once the walk is over no
// node is left on the stack, so the marks are the plan's `inPlan` (1 for placed nodes).
const UNSEEN = 0;
const PLACED = 1;
const ON_STACK = 2;

/** An execution plan over a graph: integer-indexed and immutable, shared by both executors. */
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
  /** Values known before the run, by node id: inputs, config and overrides. */
  readonly seed: readonly unknown[];
  /** By id: {@link COMPUTED}, {@link GIVEN} or {@link OVERRIDDEN}. */
  readonly provided: Uint8Array;
  /** By id: 1 when the node is in the plan. */
  readonly inPlan: Uint8Array;
  /** By id: how many consumers in the plan read the node. */
  readonly consumers: Int32Array;
  /** By id: 1 for values never released during a run (the final vars, or all with `keepAll`). */
  readonly pinned: Uint8Array;
  /** Everything wrong with the request, in reporting order; empty when it can run. */
  readonly problems: readonly HamiltonError[];
}

/** A {@link Plan} as {@link planExecution} makes it, from its walk (a class: see {@link Walk}). */
class WalkedPlan implements Plan {
  readonly order: Int32Array;
  readonly size: number;
  readonly inPlan: Uint8Array;
  readonly consumers: Int32Array;
  readonly pinned: Uint8Array;

  constructor(
    readonly graph: FunctionGraph,
    readonly finalVars: readonly string[],
    readonly finalIds: readonly number[],
    readonly given: ExecutionValues,
    readonly seed: readonly unknown[],
    readonly provided: Uint8Array,
    walk: Walk,
    readonly problems: HamiltonError[],
  ) {
    this.order = walk.order;
    this.size = walk.size;
    this.inPlan = walk.mark;
    this.consumers = walk.consumers;
    this.pinned = walk.pinned;
  }
}

/** How a plan is made. */
export interface PlanOptions {
  /** The input type check (default: the library's `checkInputType`). */
  readonly inputCheck?: (type: string, value: unknown) => boolean;
  /** Keep every computed value after the run (a staged execution reads them). */
  readonly keepAll?: boolean;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function seedValues(graph: FunctionGraph, given: ExecutionValues) {
  // Filled with undefined rather than left with holes: every run's copy then starts with the same
  // element kind, whatever values the run stores.
  const seed = new Array<unknown>(graph.size).fill(undefined);
  const provided = new Uint8Array(graph.size);
  give(graph, seed, provided, graph.config, GIVEN, false);
  give(graph, seed, provided, given.inputs, GIVEN, false);
  give(graph, seed, provided, given.overrides, OVERRIDDEN, true);
  return { seed, provided };
}

function give(
  graph: FunctionGraph,
  seed: unknown[],
  provided: Uint8Array,
  values: Readonly<Record<string, unknown>>,
  mark: number,
  functionsToo: boolean,
): void {
  for (const key in values) {
    const id = graph.ids.get(key);
    if (id === undefined || (!functionsToo && graph.kind[id] === FUNCTION)) continue;
    seed[id] = values[key];
    provided[id] = mark;
  }
}

/**
 * The walk's scratch space and what it fills in. The run's records (this, the plan, a run's state) are
 * class instances rather than object literals: the engine makes a literal's template on its second
 * evaluation, and the code compiled for the first request of a process was then thrown away by the
 * second request.
 */
class Walk {
  readonly mark: Uint8Array;
  readonly consumers: Int32Array;
  readonly pinned: Uint8Array;
  readonly order: Int32Array;
  readonly stackNode: Int32Array;
  readonly stackEdge: Int32Array;
  readonly cyclic = new Set<number>();
  size = 0;

  constructor(n: number) {
    this.mark = new Uint8Array(n);
    this.consumers = new Int32Array(n);
    this.pinned = new Uint8Array(n);
    this.order = new Int32Array(n);
    this.stackNode = new Int32Array(n);
    this.stackEdge = new Int32Array(n);
  }
}

// The edge cursor of a node that is not expanded starts at its end.
// (One arithmetic path for both cases: a branch that rarely runs would be compiled without feedback.)
function firstEdge(graph: FunctionGraph, provided: Uint8Array, v: number): number {
  const expanded = graph.kind[v] === FUNCTION && provided[v] !== OVERRIDDEN;
  return graph.depStart[v + (expanded ? 0 : 1)];
}

/** Places `root` and everything it needs (not yet placed) in the order, dependencies first. */
function walkFrom(graph: FunctionGraph, provided: Uint8Array, walk: Walk, root: number): void {
  const { kind, depStart, depIds, depOptional } = graph;
  const { mark, consumers, order, stackNode, stackEdge } = walk;
  let size = walk.size;
  let sp = 0;
  mark[root] = ON_STACK;
  stackNode[0] = root;
  stackEdge[sp++] = firstEdge(graph, provided, root);
  while (sp > 0) {
    const v = stackNode[sp - 1];
    const e = stackEdge[sp - 1];
    if (e < depStart[v + 1]) {
      stackEdge[sp - 1] = e + 1;
      const d = depIds[e];
      consumers[d]++;
      if (depOptional[e] === 1 && kind[d] !== FUNCTION && provided[d] === COMPUTED) continue;
      if (mark[d] === UNSEEN) {
        mark[d] = ON_STACK;
        stackNode[sp] = d;
        stackEdge[sp++] = firstEdge(graph, provided, d);
      } else if (mark[d] === ON_STACK) walk.cyclic.add(graph.cycleOf[d]);
    } else {
      mark[v] = PLACED;
      order[size++] = v;
      sp--;
    }
  }
  walk.size = size;
}

/** Plans an execution of `finalVars`; problems are collected in the plan, not thrown. */
export function planExecution(
  graph: FunctionGraph,
  finalVars: readonly string[],
  given: ExecutionValues,
  options: PlanOptions = {},
): Plan {
  const n = graph.size;
  const { seed, provided } = seedValues(graph, given);
  const walk = new Walk(n);
  // Sized for every requested name, then shortened: a list filled by push is copied each time it grows.
  const finals = new Array<string>(finalVars.length);
  const finalIds = new Array<number>(finalVars.length);
  const unknown: string[] = [];
  // Shortened here rather than at the end of the walk's loop: a statement after a loop runs once a
  // request, so the loop's compiled code has no feedback for it and would be thrown away there.
  const count = walkFinalVars(graph, finalVars, given, provided, walk, finals, finalIds, unknown);
  finals.length = count;
  finalIds.length = count;
  if (options.keepAll) walk.pinned.fill(1);
  const { cyclic } = walk;

  const problems: HamiltonError[] = [];
  if (unknown.length) problems.push(new UnknownNodesError(unknown));
  const overlap = Object.keys(given.inputs).filter((k) => has(graph.config, k));
  if (overlap.length) problems.push(new ConfigInputOverlapError(overlap));
  if (cyclic.size)
    problems.push(new CycleError([...cyclic].sort((a, b) => a - b).map((c) => graph.cycles[c])));
  const plan = new WalkedPlan(graph, finals, finalIds, given, seed, provided, walk, problems);
  problems.push(...missingInputs(plan), ...mismatchedInputs(plan, options.inputCheck ?? checkInputType));
  return plan;
}

/**
 * Walks from each final var in turn, filling `finals` and `finalIds` (deduplicated, in the requested
 * order; an unknown name given as an input is echoed with id -1) and `unknown` with the unknown names.
 * Returns how many outputs it listed.
 */
function walkFinalVars(
  graph: FunctionGraph,
  finalVars: readonly string[],
  given: ExecutionValues,
  provided: Uint8Array,
  walk: Walk,
  finals: string[],
  finalIds: number[],
  unknown: string[],
): number {
  const { ids } = graph;
  const { mark, pinned } = walk;
  const outside = new Set<string>();
  let count = 0;
  for (let k = 0; k < finalVars.length; k++) {
    const name = finalVars[k];
    const root = ids.get(name);
    if (root === undefined) {
      if (outside.has(name)) continue;
      outside.add(name);
      if (has(given.inputs, name)) {
        finals[count] = name;
        finalIds[count++] = -1;
      } else unknown.push(name);
      continue;
    }
    if (pinned[root] === 1) continue;
    finals[count] = name;
    finalIds[count++] = root;
    pinned[root] = 1;
    if (mark[root] === UNSEEN) walkFrom(graph, provided, walk, root);
  }
  return count;
}

const byInput = (a: { input: string }, b: { input: string }) =>
  a.input < b.input ? -1 : a.input > b.input ? 1 : 0;

/** Every input the plan reads that nobody gave, sorted by input. */
function missingInputs(plan: Plan): MissingInputError[] {
  const { graph } = plan;
  const missing: MissingInputError[] = [];
  for (let k = 0; k < plan.size; k++) {
    const id = plan.order[k];
    // An input only requested as an output, read by nothing that runs, is not required (Hamilton echoes None).
    if (graph.kind[id] !== INPUT || plan.provided[id] !== COMPUTED || plan.consumers[id] === 0) continue;
    const consumers = [];
    for (let e = graph.useStart[id]; e < graph.useStart[id + 1]; e++) {
      const c = graph.nodeList[graph.useIds[e]];
      consumers.push({ name: c.name, module: c.tags.module as string | undefined, location: c.location });
    }
    missing.push(new MissingInputError(graph.nodeList[id].name, consumers));
  }
  return missing.sort(byInput);
}

/** Hamilton's `check_input_type` on every input the plan reads: every mismatch, sorted by input. */
function mismatchedInputs(
  plan: Plan,
  inputCheck: (type: string, value: unknown) => boolean,
): InputTypeError[] {
  const { graph } = plan;
  const inputs = plan.given.inputs;
  const out: InputTypeError[] = [];
  for (const name in inputs) {
    const id = graph.ids.get(name);
    if (id === undefined || graph.kind[id] !== INPUT || plan.provided[id] !== GIVEN || !plan.inPlan[id])
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
export function runs(plan: Plan, i: number): boolean {
  return plan.graph.kind[i] === FUNCTION && plan.provided[i] === COMPUTED;
}

/** Whether dependency edge `e` is left out: optional, on an input nobody gave. */
export function skipsEdge(plan: Plan, e: number): boolean {
  const { graph } = plan;
  const d = graph.depIds[e];
  return graph.depOptional[e] === 1 && graph.kind[d] !== FUNCTION && plan.provided[d] === COMPUTED;
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
