/**
 * What source analysis knows about a function: the contract between `src/compiler` (which reads
 * TypeScript source with a real parser) and the library (which builds nodes from it).
 *
 * Why it exists: bundlers rename parameters that shadow top-level names (`f(client_id)` beside
 * `export function client_id` becomes `f(client_id2)`), so parameter names can never be read from
 * `Function.prototype.toString`. The compiler appends code to each analysed module that attaches a
 * {@link FunctionSource} to every top-level function (exported or not, and to each static method of an
 * exported class) under the symbol {@link SOURCE}.
 */

/** A position in a user's source file. `line` and `column` are 1-based, as editors show them. */
export interface SourceLocation {
  /** File name as the user sees it, e.g. `features.ts`. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** One parameter of an analysed function, as written in the source. */
export interface ParameterSource {
  /** The parameter's name as written (never a bundler's rename). */
  readonly name: string;
  /** The type annotation's text as written, or `unknown` when there is none. */
  readonly type: string;
  /** True when the parameter has a default value or is marked `?`: an optional dependency. */
  readonly optional: boolean;
  /** Where the parameter is written (for editor markers on a mistyped edge). */
  readonly location?: SourceLocation;
}

/** What the compiler learned about one function from its source. */
export interface FunctionSource {
  /** The function's own name in the source (for a class method: the method name). */
  readonly name: string;
  /** The module's name: the file name without extension (`features` for `features.ts`). */
  readonly module: string;
  /** The parameters, in order. */
  readonly params: readonly ParameterSource[];
  /** The return type annotation's text, or `unknown` when there is none. */
  readonly returnType: string;
  /** The TSDoc / JSDoc comment's text, without the comment markers; empty when there is none. */
  readonly doc: string;
  /** Where the function is defined. */
  readonly location: SourceLocation;
  /** Whether the function is declared `async`. */
  readonly async: boolean;
}

/** What the compiler learned about a module: exported as `__hamilton` from every analysed module. */
export interface ModuleSource {
  /** The module's name: the file name without extension. */
  readonly module: string;
  /** The file name as the user sees it. */
  readonly file: string;
}

/** The symbol under which analysed functions carry their {@link FunctionSource}. */
export const SOURCE: unique symbol = Symbol.for('hamilton.source') as never;

/** The name of the export that carries a module's {@link ModuleSource}. */
export const MODULE_SOURCE_EXPORT = '__hamilton';

/** The {@link FunctionSource} attached to a function by analysis, if any. */
export function sourceOf(fn: Function): FunctionSource | undefined {
  return (fn as { [SOURCE]?: FunctionSource })[SOURCE];
}

/**
 * Attaches analysis to a function (used by the code the compiler appends; exported for tests and for
 * hand-written modules). A function keeps the first analysis it gets, so a re-export does not overwrite it.
 */
export function attachSource<F extends Function>(fn: F, source: FunctionSource): F {
  if (typeof fn === 'function' && !Object.prototype.hasOwnProperty.call(fn, SOURCE)) {
    Object.defineProperty(fn, SOURCE, { value: source, enumerable: false });
  }
  return fn;
}
