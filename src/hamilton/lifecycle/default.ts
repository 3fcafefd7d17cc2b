/**
 * Hamilton's stock adapters (`lifecycle/default.py`, and `plugins/h_tqdm.py`'s progress bar): `PrintLn`
 * prints each node as it runs, `GracefulErrorAdapter` keeps running past failures with a sentinel value,
 * `FunctionInputOutputTypeChecker` checks values against the declared types, `ProgressBar` reports progress.
 */
import type {
  AfterNodeExecutionContext,
  BeforeGraphExecutionContext,
  BeforeNodeExecutionContext,
  ExecuteNodeContext,
  LifecycleAdapter,
} from '../adapters';
import { HamiltonError } from '../errors';
import { tag } from '../function_modifiers/tags';
import { repr } from '../function_modifiers/common';
import type { TagValue } from '../node';
import { NodeExecutionMethod } from './api';
import { checkInstance, typeName } from './types';

/** Which nodes an adapter reports: a name, a list of names, or a predicate on name and tags (default: all). */
export type NodeFilter =
  | string
  | readonly string[]
  | ((nodeName: string, nodeTags: Readonly<Record<string, TagValue>>) => boolean)
  | null;

function shouldRunNode(
  name: string,
  tags: Readonly<Record<string, TagValue>>,
  filter: NodeFilter | undefined,
): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof filter === 'string') return name === filter;
  if (typeof filter === 'function') return filter(name, tags);
  return filter.includes(name);
}

/** Python's `f"{x:.3g}"`: three significant digits, trailing zeros dropped, exponent from 1e16 on or below 1e-4. */
function formatG3(x: number): string {
  const exponent = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  if (exponent < -4 || exponent >= 3) {
    const [mantissa, exp] = x.toExponential(2).split('e');
    const digits = mantissa.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${digits}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(Number(x.toPrecision(3)));
}

/** Hamilton's time text: `812μs`, `12.3ms`, `1.5s`. */
export function formatTimeDelta(seconds: number): string {
  if (seconds < 0.001) return `${formatG3(seconds * 1e6)}μs`;
  if (seconds < 1) return `${formatG3(seconds * 1e3)}ms`;
  return `${formatG3(seconds)}s`;
}

/** Options of {@link PrintLn}. */
export interface PrintLnOptions {
  /** 1: node names and times; 2: also inputs and results. */
  readonly verbosity?: 1 | 2;
  /** Where lines go (default `console.log`). */
  readonly printFn?: (line: string) => void;
  /** Which nodes are printed (default: all). */
  readonly nodeFilter?: NodeFilter;
}

const now = () => (globalThis.performance?.now() ?? Date.now()) / 1000;

/**
 * Hamilton's `PrintLn`: `Executing node: a.` before each node and `Finished debugging node: a in 1.2ms.
 * Status: Success.` after it (with inputs and result at verbosity 2).
 */
export class PrintLn implements LifecycleAdapter {
  private readonly verbosity: 1 | 2;
  private readonly printFn: (line: string) => void;
  private readonly nodeFilter: NodeFilter | undefined;
  private readonly started = new Map<string, number>();

  constructor(options: PrintLnOptions = {}) {
    const verbosity = options.verbosity ?? 1;
    if (verbosity !== 1 && verbosity !== 2) {
      throw new HamiltonError(`Verbosity must be one of [1, 2], got ${String(verbosity)}`);
    }
    this.verbosity = verbosity;
    this.printFn = options.printFn ?? ((line) => console.log(line));
    this.nodeFilter = options.nodeFilter;
  }

  /** Prints `Executing node: <name>.` (and its inputs at verbosity 2). */
  runBeforeNodeExecution({ nodeName, nodeTags, nodeKwargs }: BeforeNodeExecutionContext): void {
    if (!shouldRunNode(nodeName, nodeTags, this.nodeFilter)) return;
    this.started.set(nodeName, now());
    let message = `Executing node: ${nodeName}.`;
    if (this.verbosity === 2) message += ` Inputs: \n${repr(nodeKwargs)}`;
    this.printFn(message);
  }

  /** Prints `Finished debugging node: <name> in <time>. Status: Success.` (or `Failure`). */
  runAfterNodeExecution({ nodeName, nodeTags, result, error, success }: AfterNodeExecutionContext): void {
    if (!shouldRunNode(nodeName, nodeTags, this.nodeFilter)) return;
    const delta = formatTimeDelta(now() - (this.started.get(nodeName) ?? now()));
    let message = `Finished debugging node: ${nodeName} in ${delta}. Status: ${success ? 'Success' : 'Failure'}.`;
    if (this.verbosity === 2) {
      message += success
        ? ` Result: \n${repr(result)}\n`
        : ` Error: \n${error instanceof Error ? `${error.name}(${repr(error.message)})` : repr(error)}`;
    }
    this.printFn(message);
  }
}

/** The tag value {@link acceptErrorSentinels} sets. */
export const INJECTION_ALLOWED = 'injection is requested';

/**
 * Hamilton's `accept_error_sentinels`: marks a function that wants to receive the
 * {@link GracefulErrorAdapter}'s sentinel value instead of being skipped.
 */
export function acceptErrorSentinels<F extends Function>(fn: F): F {
  return tag({ 'hamilton.error_sentinel': INJECTION_ALLOWED }, { bypassReservedNamespaces: true })(fn);
}

/** Options of {@link GracefulErrorAdapter}. */
export interface GracefulErrorAdapterOptions {
  /** The value a failing node gets instead of failing (default `null`, Hamilton's `None`). */
  readonly sentinelValue?: unknown;
  /** Whether nodes marked with {@link acceptErrorSentinels} receive the sentinel (default true). */
  readonly allowInjection?: boolean;
}

/**
 * Hamilton's `GracefulErrorAdapter`: a node that throws an `errorToCatch` (an Error class) gets the
 * sentinel value instead, and any node receiving the sentinel is skipped (it gets the sentinel too),
 * unless it accepts sentinels; so the run goes on past failures.
 */
export class GracefulErrorAdapter extends NodeExecutionMethod {
  private readonly errorToCatch: abstract new (...args: never[]) => unknown;
  private readonly sentinelValue: unknown;
  private readonly allowInjection: boolean;

  constructor(
    errorToCatch: abstract new (...args: never[]) => unknown,
    options: GracefulErrorAdapterOptions = {},
  ) {
    super();
    this.errorToCatch = errorToCatch;
    this.sentinelValue = options.sentinelValue ?? null;
    this.allowInjection = options.allowInjection ?? true;
  }

  private isSentinel(value: unknown): boolean {
    return typeof value === typeof this.sentinelValue && value === this.sentinelValue;
  }

  /** Runs the node, or returns the sentinel when an input is the sentinel or the node throws `errorToCatch`. */
  runToExecuteNode({ nodeCallable, nodeKwargs, nodeTags }: ExecuteNodeContext): unknown {
    const canInject = this.allowInjection && nodeTags['hamilton.error_sentinel'] === INJECTION_ALLOWED;
    if (!canInject && Object.values(nodeKwargs).some((v) => this.isSentinel(v))) return this.sentinelValue;
    const caught = (e: unknown) => {
      if (e instanceof this.errorToCatch) return this.sentinelValue;
      throw e;
    };
    try {
      const result = nodeCallable(nodeKwargs);
      return result instanceof Promise ? result.catch(caught) : result;
    } catch (e) {
      return caught(e);
    }
  }
}

/** Options of {@link FunctionInputOutputTypeChecker}. */
export interface TypeCheckerOptions {
  /** Check each input against its parameter's type (default true). */
  readonly checkInput?: boolean;
  /** Check each result against the declared return type (default true). */
  readonly checkOutput?: boolean;
}

/**
 * Hamilton's `FunctionInputOutputTypeChecker`: throws a `TypeError` when a node receives or returns a
 * value that does not fit its declared type (as far as the type text can be judged at run time).
 */
export class FunctionInputOutputTypeChecker implements LifecycleAdapter {
  private readonly checkInput: boolean;
  private readonly checkOutput: boolean;

  constructor(options: TypeCheckerOptions = {}) {
    this.checkInput = options.checkInput ?? true;
    this.checkOutput = options.checkOutput ?? true;
  }

  /** Checks the inputs. */
  runBeforeNodeExecution({ nodeName, nodeKwargs, nodeInputTypes }: BeforeNodeExecutionContext): void {
    if (!this.checkInput) return;
    for (const [name, value] of Object.entries(nodeKwargs)) {
      const expected = nodeInputTypes[name];
      if (expected !== undefined && !checkInstance(value, expected)) {
        throw new TypeError(
          `Node ${nodeName} received an input of type ${typeName(value)} for ${name}, expected ${expected}`,
        );
      }
    }
  }

  /** Checks the result of a node that succeeded. */
  runAfterNodeExecution({ nodeName, nodeReturnType, result, success }: AfterNodeExecutionContext): void {
    if (!this.checkOutput || !success) return;
    if (!checkInstance(result, nodeReturnType)) {
      throw new TypeError(
        `Node ${nodeName} returned a result of type ${typeName(result)}, expected ${nodeReturnType}`,
      );
    }
  }
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** What the run is called in each line (default `Graph execution`). */
  readonly desc?: string;
  /** Where lines go (default `console.log`). */
  readonly printFn?: (line: string) => void;
}

/**
 * A progress report per run (Hamilton's `h_tqdm.ProgressBar`, as lines): `Graph execution -> a: 1/3 funcs`
 * after each node, counting the nodes the run executes.
 */
export class ProgressBar implements LifecycleAdapter {
  private readonly desc: string;
  private readonly printFn: (line: string) => void;
  private total = 0;
  private done = 0;

  constructor(options: ProgressBarOptions = {}) {
    this.desc = options.desc ?? 'Graph execution';
    this.printFn = options.printFn ?? ((line) => console.log(line));
  }

  /** Counts the nodes the run will execute. */
  runBeforeGraphExecution({ executionPath }: BeforeGraphExecutionContext): void {
    this.total = executionPath.length;
    this.done = 0;
  }

  /** Reports one more node done. */
  runAfterNodeExecution({ nodeName }: AfterNodeExecutionContext): void {
    this.done++;
    this.printFn(`${this.desc} -> ${nodeName}: ${this.done}/${this.total} funcs`);
  }
}
