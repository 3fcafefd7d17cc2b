/** What source analysis learns about a module: its functions as written, its imports and exports. */
import type * as t from '@babel/types';
import type { FunctionSource, SourceLocation } from '../hamilton/source';
import type { CompilerDiagnostic } from './diagnostics';

/** A top-level function and the expression that reaches it once the module has run. */
export interface AnalysedFunction {
  /** A JavaScript expression valid at the end of the module: `a`, or `Features.age` for a static method. */
  readonly binding: string;
  readonly source: FunctionSource;
}

/** A place in a file as diagnostics give it: the start, and the end (exclusive, 1-based). */
export interface Span {
  readonly location: SourceLocation;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A name taken from another module (`a` of `import { a as b }`, `default`), where it is written. */
export interface ImportedName extends Span {
  readonly name: string;
}

/**
 * An `import … from 'x'`, `export … from 'x'` or `import('x')`, and where its specifier is written.
 */
export interface ImportReference extends Span {
  readonly specifier: string;
  /** True for `import type` (erased by the compiler, so never resolved). */
  readonly typeOnly: boolean;
  /** The names it takes from the module that must exist there (not `* as ns`, nor `type` ones). */
  readonly names: readonly ImportedName[];
  /** An `export * from 'x'`: every name of `x` (but `default`) is exported again. */
  readonly reexportsAll: boolean;
}

/** Everything analysis learns about one file. Immutable and cached by content. */
export interface ModuleAnalysis {
  readonly file: string;
  /** The file name without folder and extension: the `module` tag of its nodes. */
  readonly module: string;
  readonly functions: readonly AnalysedFunction[];
  /** Export name → local binding name, for exports of this file's own bindings. */
  readonly exports: Readonly<Record<string, string>>;
  /** Every name the module exports, values and types, its own and re-exported by name (not `export *`). */
  readonly exportNames: ReadonlySet<string>;
  readonly imports: readonly ImportReference[];
  /** Every name bound at the module's top level (so appended code can avoid them). */
  readonly bindings: ReadonlySet<string>;
  /** The top-level `function` declarations: defined before any of the module's code runs. */
  readonly functionDeclarations: ReadonlySet<string>;
  readonly diagnostics: readonly CompilerDiagnostic[];
  /** False when the file has syntax errors (then `functions` may be incomplete). */
  readonly parsed: boolean;
  /**
   * True when a class or class member, at any depth, carries `@decorators` or is an `accessor` field
   * (which Vite's own transform cannot lower, nor can any engine run yet).
   */
  readonly hasDecorators: boolean;
  /**
   * True when compiling the file takes no more than removing its types and turning its imports and
   * exports into CommonJS: no decorators or `accessor` fields, no namespaces with code, no `import x =`,
   * no top-level `await` or `import.meta`, no `export * from` (whose names a module's own exports must
   * override, whatever their order), the names `require` and `exports` nowhere and `module` not
   * declared at the top level (a CommonJS body uses those names itself).
   */
  readonly strippable: boolean;
}

/** A function as the parser gives it. */
export type FunctionLiteral =
  t.FunctionDeclaration | t.FunctionExpression | t.ArrowFunctionExpression | t.ClassMethod;

/** A top-level binding that may hold a function, before its function is resolved. */
export interface Candidate {
  readonly binding: string;
  /** The binding's own name (variable, function or method name). */
  readonly name: string;
  /** Where the binding's name is written. */
  readonly nameNode: t.Node;
  /** The function itself, or the initialiser to dig through. */
  readonly value: FunctionLiteral | t.Expression;
  /** Nodes whose leading comment may hold the doc, outermost first. */
  readonly docHosts: readonly t.Node[];
  /** For a static member: its class, whose export makes the member a node. */
  readonly className?: string;
}
