/**
 * What the compiler reports and what it reads: the protocol's own shapes (types only, so this folder
 * loads nothing of the worker), so the worker passes them on unchanged.
 */
import type { Diagnostic, DIAGNOSTIC_SOURCES } from '../worker/protocol';

export type { SourceFile } from '../worker/protocol';

/** The diagnostic sources the compiler reports: the first steps of a compile. */
type CompilerSource = Extract<(typeof DIAGNOSTIC_SOURCES)[number], 'syntax' | 'analysis' | 'bundle'>;

/** A problem found while analysing or bundling, at its place in the user's file when it has one. */
export type CompilerDiagnostic = Diagnostic & { readonly source: CompilerSource };
