/**
 * Running a plan that crosses parallel blocks (Hamilton's task-based executor, `GroupByRepeatableBlocks`).
 * The plan runs in stages over the ordinary executors: for each block, in data-flow order, the nodes the
 * block reads from outside (its expander included) run once; then each item runs the block's nodes up to
 * the collected one, as a task handed to the {@link TaskExecutor}; the results, in item order, become the
 * collector's `Collect` argument; finally the requested outputs are computed. Every value computed in an
 * earlier stage is given to the next as an override, so no node runs twice.
 *
 * The stages are a generator, driven either synchronously (`executeSync`: items one after another) or
 * asynchronously (`execute`: items through the executor), so both share one description of the order.
 */
import type { AdapterSet } from './adapters';
import { AsyncInSyncError, type HamiltonError } from './errors';
import type { ItemTask, TaskExecutor } from './executors';
import { runAsync, runSync, type OpenCache, type RunContext, type TaskInfo } from './execution';
import { planExecution, type Plan } from './plan';
import { computedValues, outputsOf, type RunState } from './runState';
import { FUNCTION, type FunctionGraph } from './graph';
import {
  InvalidExecutorError,
  isCollector,
  isExpander,
  itemsOf,
  ParallelBlockError,
  parallelStructure,
  type ParallelBlock,
} from './parallel';

/** An item's task before it is bound to the adapters of a run. */
type ItemSpec = Omit<ItemTask, 'run'>;

type Step =
  /** A stage outside the blocks; `collected` names the node whose given value is a block's collected outputs. */
  | { readonly kind: 'plan'; readonly plan: Plan; readonly collected: string | null }
  | { readonly kind: 'items'; readonly items: readonly ItemSpec[] }
  | { readonly kind: 'await'; readonly value: Promise<unknown[]> };

/** The first Parallelizable or Collect node the plan runs or reads, or -1. */
function parallelNodeOf(plan: Plan): number {
  const { graph } = plan;
  if (!graph.parallel) return -1;
  for (let k = 0; k < plan.size; k++) {
    const i = plan.order[k];
    if (isExpander(graph.nodeList[i]) || isCollector(graph, i)) return i;
  }
  return -1;
}

/**
 * What is wrong with running this plan's parallel nodes: without dynamic execution, Hamilton's
 * `InvalidExecutorException`; with it, the graph's structural problems and requests for per-item nodes.
 */
export function parallelProblems(plan: Plan, dynamicExecution: boolean): HamiltonError[] {
  const first = parallelNodeOf(plan);
  if (first === -1) return [];
  const { graph } = plan;
  if (!dynamicExecution) return [new InvalidExecutorError(graph.nodeList[first])];
  const structure = parallelStructure(graph);
  const problems: HamiltonError[] = [...structure.problems];
  for (const id of plan.finalIds) {
    const b = id === -1 ? -1 : structure.blockOf[id];
    if (b === -1) continue;
    const block = structure.blocks[b];
    const [node, e, c] = [
      graph.nodeList[id],
      graph.nodeList[block.expander],
      graph.nodeList[block.collector],
    ];
    problems.push(
      new ParallelBlockError(
        `Node ${node.name} runs once per item of Parallelizable[] ${e.name}, so it cannot be requested: request ${c.name}, which collects the items.`,
        node,
      ),
    );
  }
  return problems;
}

/** Whether the plan must run in stages (dynamic execution is on and it touches a parallel node). */
export function needsStages(plan: Plan, dynamicExecution: boolean): boolean {
  return dynamicExecution && parallelNodeOf(plan) !== -1;
}

function* stages(full: Plan): Generator<Step, Record<string, unknown>, unknown[] | RunState | undefined> {
  const { graph, given } = full;
  const { blocks, blockOf } = parallelStructure(graph);
  const position = new Int32Array(graph.size).fill(-1);
  for (let k = 0; k < full.size; k++) position[full.order[k]] = k;
  const pending = blocks
    .map((block, index) => ({ block, index }))
    .filter(({ block }) => position[block.collector] !== -1 && full.provided[block.collector] === 0)
    .sort((a, b) => position[a.block.collector] - position[b.block.collector]);
  const known: Record<string, unknown> = { ...given.overrides };
  const run = function* (
    names: readonly string[],
    collected: string | null = null,
  ): Generator<Step, void, unknown[] | RunState | undefined> {
    const missing = names.filter((name) => !Object.prototype.hasOwnProperty.call(known, name));
    if (missing.length === 0) return;
    const plan = planExecution(graph, missing, { inputs: given.inputs, overrides: known }, { keepAll: true });
    const state = (yield { kind: 'plan', plan, collected }) as RunState;
    Object.assign(known, computedValues(state));
  };
  for (const { block, index } of pending) {
    const name = (i: number) => graph.nodeList[i].name;
    const outside = outsideOf(graph, block, index, blockOf);
    yield* run([name(block.expander), ...outside]);
    let items = itemsOf(name(block.expander), known[name(block.expander)]);
    if (items instanceof Promise) items = (yield { kind: 'await', value: items }) as unknown[];
    let outputs: unknown[];
    if (block.collected === block.expander) outputs = items;
    else {
      const values: Record<string, unknown> = {};
      for (const n of outside) values[n] = known[n];
      const specs = items.map((item, i) => itemSpec(full, block, values, item, i));
      outputs = (yield { kind: 'items', items: specs }) as unknown[];
    }
    known[name(block.collected)] = outputs;
    yield* run([name(block.collector)], name(block.collected));
  }
  const last = planExecution(graph, full.finalVars, { inputs: given.inputs, overrides: known });
  return outputsOf((yield { kind: 'plan', plan: last, collected: null }) as RunState);
}

/** The function nodes outside the block that its nodes (and its collector's other parameters) read. */
function outsideOf(graph: FunctionGraph, block: ParallelBlock, index: number, blockOf: Int32Array): string[] {
  const out = new Set<string>();
  for (const x of [...block.nodes, block.collector]) {
    for (let e = graph.depStart[x]; e < graph.depStart[x + 1]; e++) {
      const d = graph.depIds[e];
      if (blockOf[d] === index || d === block.expander || d === block.collected) continue;
      if (graph.kind[d] === FUNCTION) out.add(graph.nodeList[d].name);
    }
  }
  return [...out];
}

function itemSpec(
  full: Plan,
  block: ParallelBlock,
  values: Readonly<Record<string, unknown>>,
  item: unknown,
  index: number,
): ItemSpec {
  const { graph, given } = full;
  const expander = graph.nodeList[block.expander].name;
  const output = graph.nodeList[block.collected].name;
  const taskId = `expand-${expander}.${index}.block-${expander}`;
  return { taskId, expander, index, item, output, values, inputs: given.inputs };
}

/** The plan of one item: the block's nodes up to the collected one, the item standing for the expander. */
function itemPlan(graph: FunctionGraph, task: ItemSpec): Plan {
  return planExecution(graph, [task.output], {
    inputs: task.inputs,
    overrides: { ...task.values, [task.expander]: task.item },
  });
}

const taskInfo = (task: ItemSpec): TaskInfo => ({ taskId: task.taskId, itemIndex: task.index });

/** A run in stages: its whole plan, its adapters and, when caching is on, how to open its cache. */
export interface StagedRun {
  readonly whole: Plan;
  readonly adapters: AdapterSet | undefined;
  readonly runId: string;
  readonly openCache?: OpenCache;
}

/** The context of a stage's or an item's run: the adapters' node hooks, and the cache of its part. */
function contextOf(
  run: StagedRun,
  plan: Plan,
  task: TaskInfo | null = null,
  collected: string | null = null,
): RunContext {
  const { adapters, runId, whole } = run;
  const cache = run.openCache?.(plan, runId, { whole, task, collected });
  return { hooks: adapters?.hasNodeHooks ? adapters : undefined, cache, runId, task };
}

/** Runs a plan with parallel blocks; the items of each block go through `executor`. */
export async function runStagesAsync(
  run: StagedRun,
  executor: TaskExecutor,
): Promise<Record<string, unknown>> {
  const gen = stages(run.whole);
  let step = gen.next();
  while (!step.done) {
    const s = step.value;
    let reply: unknown[] | RunState | undefined;
    if (s.kind === 'plan') reply = await runAsync(s.plan, contextOf(run, s.plan, null, s.collected));
    else if (s.kind === 'await') reply = await s.value;
    else {
      const tasks: ItemTask[] = s.items.map((spec) => ({
        ...spec,
        run: () => runPlannedItem(itemPlan(run.whole.graph, spec), spec, run),
      }));
      reply = await executor.execute(tasks);
    }
    step = gen.next(reply);
  }
  return step.value;
}

/** Runs a plan with parallel blocks synchronously: items one after another, in this thread. */
export function runStagesSync(run: StagedRun): Record<string, unknown> {
  const gen = stages(run.whole);
  for (let step = gen.next(); ;) {
    if (step.done) return step.value;
    const s = step.value;
    if (s.kind === 'await') {
      s.value.catch(() => undefined);
      throw new AsyncInSyncError('An overridden Parallelizable value (an async iterable)');
    }
    step = gen.next(
      s.kind === 'plan'
        ? runSync(s.plan, contextOf(run, s.plan, null, s.collected))
        : s.items.map((spec) => {
            const plan = itemPlan(run.whole.graph, spec);
            return outputsOf(runSync(plan, contextOf(run, plan, taskInfo(spec))))[spec.output];
          }),
    );
  }
}

async function runPlannedItem(plan: Plan, task: ItemSpec, run: StagedRun): Promise<unknown> {
  const state = await runAsync(plan, contextOf(run, plan, taskInfo(task)));
  return outputsOf(state)[task.output];
}

/**
 * Runs one item of a parallel block on a graph built elsewhere (another thread rebuilds the driver from
 * the task's plain fields): the block's nodes up to `task.output`, with the item as the expander's
 * value. It runs uncached: the cache lives with the driver that planned the run.
 */
export function runItem(
  graph: FunctionGraph,
  task: ItemSpec,
  adapters?: AdapterSet,
  runId = task.taskId,
): Promise<unknown> {
  const plan = itemPlan(graph, task);
  return runPlannedItem(plan, task, { whole: plan, adapters, runId });
}
