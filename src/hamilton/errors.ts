/**
 * The errors the library raises, worded as Hamilton words them. Every problem found while building or
 * validating is collected and reported at once (see {@link HamiltonErrors}), before any node runs.
 */
import type { SourceLocation } from './source';

/** Where something is written, as `module features, features.ts:3:1`; empty when unknown. */
export function where(module: string | undefined, location: SourceLocation | undefined): string {
  const parts: string[] = [];
  if (module) parts.push(`module ${module}`);
  if (location) parts.push(`${location.file}:${location.line}:${location.column}`);
  return parts.join(', ');
}

function suffix(module: string | undefined, location: SourceLocation | undefined): string {
  const at = where(module, location);
  return at ? ` (${at})` : '';
}

/** Python's `repr` of a list of strings, as Hamilton prints node lists: `['a', 'b']`. */
export function pyList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(', ')}]`;
}

/** Base class of every error the library raises. */
export class HamiltonError extends Error {
  /** Where the offending code is written, when known. */
  readonly location?: SourceLocation;
  /** The module the offending code belongs to, when known. */
  readonly module?: string;

  constructor(
    message: string,
    options: { cause?: unknown; location?: SourceLocation; module?: string } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'HamiltonError';
    this.location = options.location;
    this.module = options.module;
  }
}

/** Several problems found at once; `errors` lists them in the order they are reported. */
export class HamiltonErrors extends HamiltonError {
  /** Each problem. */
  readonly errors: readonly HamiltonError[];

  constructor(errors: readonly HamiltonError[]) {
    super(
      errors.every(isInputProblem)
        ? inputProblemsText(errors.map((e) => e.problem))
        : `${errors.length} errors encountered: \n  ${errors.map((e) => e.message.replace(/\n/g, '\n  ')).join('\n  ')}`,
    );
    this.name = 'HamiltonErrors';
    this.errors = errors;
  }
}

/** Throws the problems found: the error itself when there is one, a {@link HamiltonErrors} when several. */
export function throwAll(errors: readonly HamiltonError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new HamiltonErrors(errors);
}

/**
 * Throws a request's problems in the order Hamilton meets them, each stage alone: unknown outputs first,
 * then config/input overlap, then cycles and parallel-block rules, then the inputs' problems together
 * (missing inputs and type mismatches, in one `N errors encountered` text as Hamilton's validation
 * writes it).
 */
export function throwRequestProblems(problems: readonly HamiltonError[]): void {
  const stages: ((e: HamiltonError) => boolean)[] = [
    (e) => e instanceof UnknownNodesError,
    (e) => e instanceof ConfigInputOverlapError,
    (e) => !isInputProblem(e),
  ];
  for (const inStage of stages) throwAll(problems.filter(inStage));
  throwAll(problems);
}

/** A problem with the inputs of a request, reported the way Hamilton's input validation reports it. */
interface InputProblem extends HamiltonError {
  readonly problem: string;
}

function isInputProblem(e: HamiltonError): e is InputProblem {
  return e instanceof MissingInputError || e instanceof InputTypeError;
}

/** Hamilton's validation text: every problem prefixed with `Error: `, sorted, counted, even when one. */
function inputProblemsText(problems: readonly string[]): string {
  const lines = problems.map((p) => `Error: ${p}`).sort();
  return `${lines.length} errors encountered: \n  ${lines.join('\n  ')}`;
}

/** An ES module namespace reached the driver without source analysis, so its parameter names are unknown. */
export class ModuleNotAnalysedError extends HamiltonError {
  constructor(description: string) {
    super(
      `module ${description} was not analysed: its parameter names cannot be trusted, because bundlers rename ` +
        `parameters that shadow top-level names. The Vite plugin hamiltonAnalysis() (in vite.config.ts and so ` +
        `in vitest) and the Node loader from src/compiler analyse every .ts module that exports a function, ` +
        `except tests, node_modules and the app's own folders (src/hamilton, frame, ui, worker, compiler, share); ` +
        `move the module, or widen the plugin's include/exclude, or pass a plain object of functions.`,
    );
    this.name = 'ModuleNotAnalysedError';
  }
}

/** A function whose parameters cannot become dependencies (destructured, rest, native or bound). */
export class InvalidSignatureError extends HamiltonError {
  constructor(message: string, module?: string, location?: SourceLocation) {
    super(message + suffix(module, location), { module, location });
    this.name = 'InvalidSignatureError';
  }
}

/** A decorator failed while turning a function into nodes; the decorator's error is the `cause`. */
export class NodeResolutionError extends HamiltonError {
  constructor(fnName: string, cause: unknown, module?: string, location?: SourceLocation) {
    super(
      `Exception occurred while compiling function: ${fnName} to nodes${suffix(module, location)}: ${messageOf(cause)}`,
      { cause, module, location },
    );
    this.name = 'NodeResolutionError';
  }
}

/** Two functions define the same node, and module overrides are not allowed. */
export class DuplicateDefinitionError extends HamiltonError {
  /** The node defined twice. */
  readonly nodeName: string;

  constructor(
    nodeName: string,
    first: { module?: string; location?: SourceLocation },
    second: { module?: string; location?: SourceLocation },
  ) {
    super(
      `Cannot define function ${nodeName} more than once. Already defined${suffix(first.module, first.location)}; ` +
        `defined again${suffix(second.module, second.location)}. To let the later module win, build the driver ` +
        `with new Builder()...allowModuleOverrides().`,
      { module: second.module, location: second.location },
    );
    this.name = 'DuplicateDefinitionError';
    this.nodeName = nodeName;
  }
}

/** Requested outputs that no node, config key or input provides. */
export class UnknownNodesError extends HamiltonError {
  /** The unknown names, in the order requested. */
  readonly names: readonly string[];

  constructor(names: readonly string[]) {
    // Hamilton joins the names with a comma and a line break.
    super(`Unknown nodes [${names.join(',\n')}] requested. Check for typos?`);
    this.name = 'UnknownNodesError';
    this.names = names;
  }
}

/** Runtime inputs that are also config keys. */
export class ConfigInputOverlapError extends HamiltonError {
  /** The keys given both ways. */
  readonly keys: readonly string[];

  constructor(keys: readonly string[]) {
    super(
      `The following inputs are present in both config and inputs. They must be mutually disjoint. ${pyList(keys)} `,
    );
    this.name = 'ConfigInputOverlapError';
    this.keys = keys;
  }
}

/** An external input that the requested outputs require was not given. */
export class MissingInputError extends HamiltonError {
  /** The missing input. */
  readonly input: string;
  /** Every node that reads it. */
  readonly consumers: readonly string[];

  /** The problem alone, without the count Hamilton's message puts around it. */
  readonly problem: string;

  /** The first consumer's module and location say where the input is read (the message, as Hamilton's, does not). */
  constructor(
    input: string,
    consumers: readonly { name: string; module?: string; location?: SourceLocation }[],
  ) {
    const problem = `Required input ${input} not provided for nodes: ${pyList(consumers.map((c) => c.name))}.`;
    super(inputProblemsText([problem]), { module: consumers[0]?.module, location: consumers[0]?.location });
    this.name = 'MissingInputError';
    this.problem = problem;
    this.input = input;
    this.consumers = consumers.map((c) => c.name);
  }
}

/** An input whose value does not fit its parameter's type (Hamilton's "Type requirement mismatch"). */
export class InputTypeError extends HamiltonError {
  /** The input. */
  readonly input: string;
  /** The problem alone, without the count Hamilton's message puts around it. */
  readonly problem: string;

  /** `value` is described as `summary:runtimeType` (see inputTypes.ts). */
  constructor(
    input: string,
    type: string,
    value: string,
    consumer?: { module?: string; location?: SourceLocation },
  ) {
    const problem = `Type requirement mismatch. Expected ${input}:${type} got ${value} instead.`;
    super(inputProblemsText([problem]), { module: consumer?.module, location: consumer?.location });
    this.name = 'InputTypeError';
    this.problem = problem;
    this.input = input;
  }
}

/** The graph has cycles through nodes that an execution needs. */
export class CycleError extends HamiltonError {
  /** Each cycle, as the nodes along it (the first node is not repeated at the end). */
  readonly cycles: readonly (readonly string[])[];

  constructor(cycles: readonly (readonly string[])[]) {
    super(
      `The graph has ${cycles.length === 1 ? 'a cycle' : `${cycles.length} cycles`}, so it cannot run: ` +
        cycles.map((c) => [...c, c[0]].join(' -> ')).join('; '),
    );
    this.name = 'CycleError';
    this.cycles = cycles;
  }
}

/**
 * The report on a node whose function threw (or rejected): the node, its function, its inputs
 * summarised, the original error as `cause`. The driver logs it and, as Hamilton does, lets the
 * node's own error propagate unchanged; it throws this error itself only when the node threw a value
 * that is not an Error (a string, a plain object), so that the node's name still surfaces.
 */
export class NodeExecutionError extends HamiltonError {
  /** The node that failed. */
  readonly nodeName: string;
  /** Its inputs, each summarised as short text. */
  readonly inputs: Readonly<Record<string, string>>;

  constructor(
    nodeName: string,
    fnLabel: string,
    inputs: Readonly<Record<string, string>>,
    cause: unknown,
    module?: string,
    location?: SourceLocation,
  ) {
    const lines = Object.entries(inputs).map(([k, v]) => `  ${k}: ${v}`);
    super(
      `Node ${nodeName} [${fnLabel}] encountered an error${suffix(module, location)}: ${messageOf(cause)}\n` +
        `> Node inputs:\n${lines.length ? lines.join('\n') : '  (none)'}`,
      { cause, module, location },
    );
    this.name = 'NodeExecutionError';
    this.nodeName = nodeName;
    this.inputs = inputs;
  }
}

/** `executeSync` met a Promise (from a node or an adapter hook). */
export class AsyncInSyncError extends HamiltonError {
  constructor(what: string) {
    super(
      `${what} returned a Promise, which executeSync cannot wait for. Use await driver.execute(...) instead.`,
    );
    this.name = 'AsyncInSyncError';
  }
}

/** The message of anything thrown, including non-Error values. */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  try {
    return `non-Error value thrown: ${JSON.stringify(thrown) ?? String(thrown)}`;
  } catch {
    return `non-Error value thrown: ${String(thrown)}`;
  }
}
