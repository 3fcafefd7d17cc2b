/**
 * Lifecycle adapters: Hamilton's hooks, with its order and its keyword arguments in camelCase. An adapter
 * is any object with some of the hook methods; hooks may return a Promise when used with `execute`.
 */
import type { Variable } from './description';
import type { Config } from './function_modifiers/base';
import type { FunctionGraph } from './graph';
import type { NodeCallable, TagValue } from './node';

/** Context of {@link LifecycleAdapter.runAfterGraphConstruction}. */
export interface AfterGraphConstructionContext {
  /** The graph that was built. */
  readonly graph: FunctionGraph;
  /** The config it was built with. */
  readonly config: Config;
}

/** Context of {@link LifecycleAdapter.runBeforeGraphExecution}. */
export interface BeforeGraphExecutionContext {
  /** The graph about to run. */
  readonly graph: FunctionGraph;
  /** The requested outputs, as names. */
  readonly finalVars: readonly string[];
  /** The runtime inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The overrides. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** The function nodes that will run, in execution order. */
  readonly executionPath: readonly string[];
  /** Unique id of this run. */
  readonly runId: string;
}

/** What the node-execution hooks are told about the node, before and after it runs. */
export interface NodeExecutionContext {
  /** The node. */
  readonly nodeName: string;
  /** Its tags. */
  readonly nodeTags: Readonly<Record<string, TagValue>>;
  /** Its dependencies' values by name (absent optional ones omitted). */
  readonly nodeKwargs: Readonly<Record<string, unknown>>;
  /** Its return type text. */
  readonly nodeReturnType: string;
  /** Hamilton's task id for a node running for one item of a parallel block (`expand-steps.3.block-steps`); null otherwise. */
  readonly taskId: string | null;
  /** For a node of a parallel block: the index of the item it runs for; null otherwise. */
  readonly itemIndex: number | null;
  /** Unique id of this run. */
  readonly runId: string;
}

/** Context of {@link LifecycleAdapter.runBeforeNodeExecution}: the node about to run. */
export interface BeforeNodeExecutionContext extends NodeExecutionContext {
  /** The type each parameter expects. */
  readonly nodeInputTypes: Readonly<Record<string, string>>;
}

/** Context of {@link LifecycleAdapter.runAfterNodeExecution}: the node that ran. */
export interface AfterNodeExecutionContext extends NodeExecutionContext {
  /** What it returned (undefined when it failed). */
  readonly result: unknown;
  /** What it threw, when it failed. */
  readonly error: unknown;
  /** Whether it succeeded. */
  readonly success: boolean;
  /** True when the result came from the driver's cache instead of a call (see `withCache`). */
  readonly fromCache: boolean;
}

/** Context of {@link LifecycleAdapter.runAfterGraphExecution}. */
export interface AfterGraphExecutionContext {
  /** The graph that ran. */
  readonly graph: FunctionGraph;
  /** Whether the whole execution succeeded. */
  readonly success: boolean;
  /** What the execution threw, when it failed. */
  readonly error: unknown;
  /** The outputs by name, when it succeeded. */
  readonly results: Readonly<Record<string, unknown>> | undefined;
  /** Unique id of this run. */
  readonly runId: string;
}

/** Context of {@link LifecycleAdapter.runToExecuteNode}. */
export interface ExecuteNodeContext {
  /** The node to run. */
  readonly nodeName: string;
  /** Its tags. */
  readonly nodeTags: Readonly<Record<string, TagValue>>;
  /** Its function, taking its dependencies by name; call it (or not) and return the node's value. */
  readonly nodeCallable: NodeCallable;
  /** Its dependencies' values by name. */
  readonly nodeKwargs: Readonly<Record<string, unknown>>;
  /** Always null: there are no tasks. */
  readonly taskId: null;
  /** Always false: no node is `Parallelizable` here. */
  readonly isExpand: boolean;
  /** Always false: no node is a `Collect` here. */
  readonly isCollect: boolean;
}

/** Hamilton's `HamiltonGraph`, as static validators see it: every node as a {@link Variable}. */
export interface HamiltonGraph {
  /** The nodes, in graph order. */
  readonly nodes: readonly Variable[];
}

/** What a validator returns: `[true, null]` when valid, else `[false, message]` (Hamilton's tuple). */
export type ValidationOutcome = readonly [boolean, string | null];

/** What a hook may return: nothing, or a Promise that `execute` waits for. */
export type HookResult = void | Promise<void>;

/**
 * A lifecycle adapter (Hamilton's `lifecycle.api` hooks). Hooks run in this order: after graph
 * construction; then per execution: before graph execution, per node before and after node execution
 * (a failing node still gets its after-hook, with `success: false`), after graph execution (always).
 */
export interface LifecycleAdapter {
  /** Runs once the driver has built its graph. */
  runAfterGraphConstruction?(context: AfterGraphConstructionContext): HookResult;
  /** Runs before an execution, once its inputs are validated. */
  runBeforeGraphExecution?(context: BeforeGraphExecutionContext): HookResult;
  /** Runs before each node. */
  runBeforeNodeExecution?(context: BeforeNodeExecutionContext): HookResult;
  /** Runs after each node, whether it succeeded or not. */
  runAfterNodeExecution?(context: AfterNodeExecutionContext): HookResult;
  /** Runs after every execution, whether it succeeded or not. */
  runAfterGraphExecution?(context: AfterGraphExecutionContext): HookResult;
  /**
   * Runs each node in place of the driver (Hamilton's `NodeExecutionMethod`): returns the node's value,
   * usually by calling `nodeCallable(nodeKwargs)`. Only the first adapter that has it is used.
   */
  runToExecuteNode?(context: ExecuteNodeContext): unknown;
  /** Checks each node once the graph is built (Hamilton's `validate_node`); failures fail the build. */
  validateNode?(context: { readonly createdNode: Variable }): ValidationOutcome;
  /**
   * Decides whether an input's value fits its node's type (Hamilton's `do_validate_input`): when some
   * adapter has it, it replaces the driver's own check (`Type requirement mismatch`); any adapter saying
   * true lets the value through. `null` and `undefined` always pass.
   */
  validateInput?(nodeType: string, inputValue: unknown): boolean;
  /**
   * Allows an edge whose types differ (Hamilton's `do_check_edge_types_match`). It can only permit:
   * the library refuses no edge for its types (the editor's TypeScript checker judges them), so it is
   * never asked.
   */
  checkEdgeTypesMatch?(typeFrom: string, typeTo: string): boolean;
  /** Checks the built graph (Hamilton's `validate_graph`); a failure fails the build. */
  validateGraph?(context: { readonly graph: HamiltonGraph; readonly config: Config }): ValidationOutcome;
}

/** The hook names, in Hamilton's order. */
export type HookName =
  | 'runAfterGraphConstruction'
  | 'runBeforeGraphExecution'
  | 'runBeforeNodeExecution'
  | 'runAfterNodeExecution'
  | 'runAfterGraphExecution';

type ContextOf<H extends HookName> = Parameters<NonNullable<LifecycleAdapter[H]>>[0];

/** True for a Promise or any other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The adapters of a driver, knowing which hooks any of them has so that unused hooks cost nothing. */
export class AdapterSet {
  /** The adapters, in the order given. */
  readonly adapters: readonly LifecycleAdapter[];
  /** True when some adapter has a per-node hook or runs nodes (the executor then builds kwargs objects). */
  readonly hasNodeHooks: boolean;
  /** The adapter that runs nodes (the first with `runToExecuteNode`), if any. */
  readonly executor: LifecycleAdapter | undefined;

  constructor(adapters: readonly LifecycleAdapter[]) {
    this.adapters = adapters;
    this.executor = adapters.find((a) => typeof a.runToExecuteNode === 'function');
    this.hasNodeHooks =
      this.has('runBeforeNodeExecution') || this.has('runAfterNodeExecution') || this.executor !== undefined;
  }

  /** The adapters' input check, when some adapter has one (see {@link LifecycleAdapter.validateInput}). */
  inputCheck(): ((type: string, value: unknown) => boolean) | undefined {
    const checkers = this.adapters.filter((a) => typeof a.validateInput === 'function');
    if (checkers.length === 0) return undefined;
    return (type, value) => checkers.some((a) => a.validateInput!(type, value));
  }

  /** Whether any adapter has the hook or method. */
  has(hook: keyof LifecycleAdapter): boolean {
    return this.adapters.some((a) => typeof a[hook] === 'function');
  }

  /**
   * Calls the hook on every adapter that has it, in order. Returns a Promise only when a hook returned
   * one (the next adapters' hooks then wait for it).
   */
  call<H extends HookName>(hook: H, context: ContextOf<H>): HookResult {
    for (let i = 0; i < this.adapters.length; i++) {
      const adapter = this.adapters[i];
      const method = adapter[hook] as ((c: ContextOf<H>) => HookResult) | undefined;
      if (typeof method !== 'function') continue;
      const result = method.call(adapter, context);
      if (isThenable(result)) {
        const rest = this.adapters.slice(i + 1);
        return Promise.resolve(result).then(() => new AdapterSet(rest).call(hook, context));
      }
    }
  }
}
