/**
 * Adapter base classes with Hamilton's names (`lifecycle/api.py`): a node execution method, which runs
 * each node in place of the driver, and a static validator, which checks nodes and the graph when the
 * driver is built and fails the build with Hamilton's message.
 */
import type { ExecuteNodeContext, HamiltonGraph, LifecycleAdapter, ValidationOutcome } from '../adapters';
import type { AdapterSet } from '../adapters';
import type { Variable } from '../description';
import { HamiltonError } from '../errors';
import type { Config } from '../function_modifiers/base';
import type { FunctionGraph } from '../graph';
import { toVariable } from '../variables';

/**
 * Hamilton's `EdgeConnectionHook`: `validateInput` decides which input values fit their node's type, in
 * place of the driver's own check (it can only be more permissive: `null`/`undefined` always pass);
 * `checkEdgeTypesMatch` may allow edges whose types differ, and is never asked here, since the library
 * refuses no edge for its types (the editor's TypeScript checker judges them).
 */
export abstract class EdgeConnectionHook implements LifecycleAdapter {
  /** Whether an edge from a node of type `typeFrom` into a parameter of type `typeTo` is allowed. */
  abstract checkEdgeTypesMatch(typeFrom: string, typeTo: string): boolean;
  /** Whether `inputValue` is a valid value for an input of type `nodeType` (the type as written). */
  abstract validateInput(nodeType: string, inputValue: unknown): boolean;
}

/** Hamilton's `ValidationException`: a static validator refused the graph. */
export class ValidationException extends HamiltonError {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationException';
  }
}

/**
 * Hamilton's `NodeExecutionMethod`: implement `runToExecuteNode` to run each node yourself (wrap the
 * call, retry it, replace its value). Only the first such adapter of a driver is used.
 */
export abstract class NodeExecutionMethod implements LifecycleAdapter {
  /** Runs one node and returns its value, usually `nodeCallable(nodeKwargs)`. */
  abstract runToExecuteNode(context: ExecuteNodeContext): unknown;
}

/**
 * Hamilton's `StaticValidator`: override `runToValidateNode` and/or `runToValidateGraph`, returning
 * `[true, null]` when valid or `[false, message]`. Failures of every node are reported together when
 * the driver is built (`Node validation failed! 2 errors encountered: ...`).
 */
export abstract class StaticValidator implements LifecycleAdapter {
  /** Checks one node; valid unless overridden. */
  runToValidateNode(context: { readonly node: Variable }): ValidationOutcome {
    void context;
    return [true, null];
  }

  /** Checks the graph; valid unless overridden. */
  runToValidateGraph(context: { readonly graph: HamiltonGraph }): ValidationOutcome {
    void context;
    return [true, null];
  }

  /** Called by the driver for each node: hands it to {@link runToValidateNode}. */
  validateNode(context: { readonly createdNode: Variable }): ValidationOutcome {
    return this.runToValidateNode({ node: context.createdNode });
  }

  /** Called by the driver once per graph: hands it to {@link runToValidateGraph}. */
  validateGraph(context: { readonly graph: HamiltonGraph; readonly config: Config }): ValidationOutcome {
    return this.runToValidateGraph({ graph: context.graph });
  }
}

/** Runs every adapter's `validateNode` and `validateGraph` on `graph`; throws Hamilton's {@link ValidationException}. */
export function validateStatically(adapters: AdapterSet, graph: FunctionGraph): void {
  const nodeValidators = adapters.adapters.filter((a) => typeof a.validateNode === 'function');
  const graphValidators = adapters.adapters.filter((a) => typeof a.validateGraph === 'function');
  if (nodeValidators.length === 0 && graphValidators.length === 0) return;
  const nodes = graph.nodeList.map(toVariable);
  const failures = new Map<string, string[]>();
  for (const node of nodes) {
    for (const validator of nodeValidators) {
      const [ok, message] = (validator.validateNode as NonNullable<LifecycleAdapter['validateNode']>).call(
        validator,
        { createdNode: node },
      );
      if (!ok) failures.set(node.name, [...(failures.get(node.name) ?? []), String(message)]);
    }
  }
  if (failures.size > 0) {
    const errors = [...failures]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, messages]) => `${name}: ${messages.join('\n\t')}`);
    throw new ValidationException(
      `Node validation failed! ${errors.length} errors encountered:\n  ${errors.join('\n  ')}`,
    );
  }
  const graphErrors: string[] = [];
  for (const validator of graphValidators) {
    const [ok, message] = (validator.validateGraph as NonNullable<LifecycleAdapter['validateGraph']>).call(
      validator,
      { graph: { nodes }, config: graph.config },
    );
    if (!ok) graphErrors.push(String(message));
  }
  if (graphErrors.length > 0) {
    graphErrors.sort();
    throw new ValidationException(
      `Graph validation failed! ${graphErrors.length} errors encountered:\t${graphErrors.join('\t')}`,
    );
  }
}
