/**
 * What the compiler reports and what it reads. These shapes match `Diagnostic` and `SourceFile` of
 * `src/worker/protocol.ts` structurally, so the worker passes them on unchanged, while this folder
 * depends on nothing but the library's types.
 */

/** A user's source file: its name as the user sees it (`features.ts`) and its TypeScript text. */
export interface SourceFile {
  readonly name: string;
  readonly code: string;
}

/** A problem found while analysing or bundling, at its place in the user's file when it has one. */
export interface CompilerDiagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly source: 'syntax' | 'analysis' | 'bundle';
  readonly message: string;
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}
