/**
 * A project, bundled by the compiler and ready to evaluate: the compiler's result plus what the worker
 * needs from it (the modules out of the evaluated bundle, positions mapped back to the user's files).
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { bundleProject, type Esbuild } from '../compiler/bundle';
import type { Diagnostic, SourceFile } from './protocol';

export type { Esbuild };

/** A position in a user's file (1-based line and column). */
export interface UserPosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What the worker keeps of a bundled project. */
export interface BuiltProject {
  /** The bundle (an ES module); absent when the project does not build. */
  readonly code?: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The name the bundle carries in stacks (its `//# sourceURL`). */
  readonly bundleName: string;
  /** The project's module namespaces, by file name, out of the evaluated bundle. */
  modulesOf(namespace: Record<string, unknown>): Record<string, object>;
  /** Maps a 1-based line and column of the bundle back to the user's file. */
  originalPosition(line: number, column: number): UserPosition | null;
}

const BUNDLE_NAME = 'hamilton-bundle.js';

/** Analyses and bundles the project's files with the compiler. */
export async function buildProject(esbuild: Esbuild, files: readonly SourceFile[]): Promise<BuiltProject> {
  const result = await bundleProject(esbuild, files, { bundleName: BUNDLE_NAME });
  let trace: TraceMap | undefined;
  return {
    code: result.code,
    diagnostics: result.diagnostics,
    bundleName: BUNDLE_NAME,
    modulesOf(namespace) {
      const record = namespace.default;
      if (typeof record !== 'object' || record === null) throw new Error('the bundle did not export its modules');
      return record as Record<string, object>;
    },
    originalPosition(line, column) {
      if (!result.map) return null;
      trace ??= new TraceMap(result.map);
      const p = originalPositionFor(trace, { line, column: column - 1 });
      return p.source && p.line !== null && p.column !== null ? { file: p.source, line: p.line, column: p.column + 1 } : null;
    },
  };
}
