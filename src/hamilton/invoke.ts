/**
 * Calling one node: positionally when the graph recorded how (no kwargs object on the hot path), through
 * an adapter that runs nodes, or through the node's kwargs callable; and what a failing node throws.
 */
import type { LifecycleAdapter } from './adapters';
import { NodeExecutionError } from './errors';
import { functionName } from './modules';
import type { NodeCallable } from './node';
import { kwargsOf, type RunState } from './runState';
import { summarize } from './summary';

/**
 * What a failing node throws. As in Hamilton, the node's own error propagates unchanged, after the
 * report naming the node, its function and its inputs is logged; a thrown value that is not an Error
 * (a string, a plain object) is wrapped in a {@link NodeExecutionError}, so the node's name still surfaces.
 */
export function nodeFailure(
  run: RunState,
  i: number,
  cause: unknown,
  kwargs: Record<string, unknown> = kwargsOf(run, i),
): unknown {
  const node = run.plan.graph.nodeList[i];
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
export function thrownBy(failure: unknown): unknown {
  return failure instanceof NodeExecutionError ? failure.cause : failure;
}

type Positional = (this: unknown, ...args: unknown[]) => unknown;

function executeContext(run: RunState, i: number, kwargs: Record<string, unknown>) {
  const node = run.plan.graph.nodeList[i];
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

function callPositionally(run: RunState, i: number, fn: Positional): unknown {
  const { values } = run;
  const { graph } = run.plan;
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
}

/**
 * Calls node `i`'s function with its dependencies' values, or hands the call to the adapter that runs
 * nodes; a node's error comes out through {@link nodeFailure}.
 */
export function invoke(
  run: RunState,
  i: number,
  kwargs?: Record<string, unknown>,
  executor?: LifecycleAdapter,
): unknown {
  const { graph } = run.plan;
  const fn = graph.fns[i] as Positional | undefined;
  try {
    if (executor?.runToExecuteNode) {
      return executor.runToExecuteNode(executeContext(run, i, kwargs ?? kwargsOf(run, i)));
    }
    if (fn === undefined) return graph.nodeList[i].callable?.(kwargs ?? kwargsOf(run, i));
    return callPositionally(run, i, fn);
  } catch (e) {
    throw nodeFailure(run, i, e, kwargs);
  }
}
