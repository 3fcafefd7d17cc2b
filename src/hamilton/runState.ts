/**
 * The state of one run of a {@link Plan}: the values by node id and, per node, how many consumers still
 * have to read it. Results are released as soon as no remaining consumer needs them (unless pinned).
 */
import { runs, skipsEdge, type Plan } from './plan';

/** One run of a plan: its values and its remaining reads. */
export interface RunState {
  /** The plan being run (never changed by the run). */
  readonly plan: Plan;
  /** Values by node id: inputs, config and overrides, then results as they come. */
  readonly values: unknown[];
  /** By id: consumers in the plan that have not run yet. */
  readonly need: Int32Array;
}

// A class rather than an object literal, as the plan's records are (see `plan.ts`).
class FreshRun implements RunState {
  readonly values: unknown[];
  readonly need: Int32Array;

  constructor(readonly plan: Plan) {
    this.values = plan.seed.slice();
    this.need = plan.consumers.slice();
  }
}

/** A fresh run of `plan`. */
export function startRun(plan: Plan): RunState {
  return new FreshRun(plan);
}

/** Node `i`'s dependencies by name; an optional dependency nobody provides is absent. */
export function kwargsOf(run: RunState, i: number): Record<string, unknown> {
  const { plan, values } = run;
  const { graph } = plan;
  const deps = graph.nodeList[i].dependencies;
  const kwargs: Record<string, unknown> = {};
  for (let k = 0, e = graph.depStart[i]; k < deps.length; k++, e++) {
    if (!skipsEdge(plan, e)) kwargs[deps[k].name] = values[graph.depIds[e]];
  }
  return kwargs;
}

/** Stores node `i`'s result and releases dependencies no remaining consumer needs. */
export function store(run: RunState, i: number, result: unknown): void {
  const { values, need } = run;
  const { graph, pinned } = run.plan;
  values[i] = result;
  for (let e = graph.depStart[i]; e < graph.depStart[i + 1]; e++) {
    const d = graph.depIds[e];
    if (--need[d] === 0 && pinned[d] === 0) values[d] = undefined;
  }
}

// From this many keys on, the engine keeps an object as a hash table anyway; filling it while it has no
// prototype spares every insertion a search of Object.prototype for a setter of that name.
const MANY_OUTPUTS = 64;

/** The requested outputs by name, in the requested order. */
export function outputsOf(run: RunState): Record<string, unknown> {
  const { plan, values } = run;
  const many = plan.finalVars.length >= MANY_OUTPUTS;
  const out: Record<string, unknown> = many ? Object.create(null) : {};
  fillOutputs(plan, values, out);
  if (many) Object.setPrototypeOf(out, Object.prototype);
  return out;
}

// The loop alone in its function: code compiled while it first runs has no part that never ran.
function fillOutputs(plan: Plan, values: readonly unknown[], out: Record<string, unknown>): void {
  for (let k = 0; k < plan.finalVars.length; k++) {
    const id = plan.finalIds[k];
    out[plan.finalVars[k]] = id === -1 ? plan.given.inputs[plan.finalVars[k]] : values[id];
  }
}

/** The values of the nodes the run computed, by name (for a plan made with `keepAll`). */
export function computedValues(run: RunState): Record<string, unknown> {
  const { plan, values } = run;
  const out: Record<string, unknown> = {};
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (runs(plan, i)) out[plan.graph.nodeList[i].name] = values[i];
  }
  return out;
}
