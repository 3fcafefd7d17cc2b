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
  /** Whether there is a bundle to evaluate (false when the project does not build). */
  readonly built: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds spent analysing and bundling. */
  readonly timings: { readonly analyse: number; readonly bundle: number };
  /** The name the bundle carries in stacks (its `//# sourceURL`). */
  readonly bundleName: string;
  /** Runs the bundle (the modules' top-level code) and returns the project's modules by file name. */
  evaluate(): Record<string, object>;
  /** Maps a 1-based line and column of the bundle back to the user's file. */
  originalPosition(line: number, column: number): UserPosition | null;
}

const BUNDLE_NAME = 'hamilton-bundle.js';
const GLOBAL_NAME = '__hamilton_modules';

/**
 * A project as the compiler bundled it, in plain data: what crosses from the worker that bundles (it
 * holds esbuild) to the worker that evaluates user code.
 */
export interface Bundle {
  readonly code?: string;
  /** The source map (JSON text), when there is code. */
  readonly map?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly timings: { readonly analyse: number; readonly bundle: number };
}

/**
 * Analyses and bundles the project's files with the compiler. The bundle is a classic script run by
 * indirect eval: cheaper than importing a module from a `blob:` URL, and collectable once replaced
 * (imported modules stay in the module map forever). The price: no top-level `await` in user code.
 */
export async function bundle(esbuild: Esbuild, files: readonly SourceFile[]): Promise<Bundle> {
  const result = await bundleProject(esbuild, files, {
    bundleName: BUNDLE_NAME,
    format: 'iife',
    globalName: GLOBAL_NAME,
  });
  return {
    ...(result.code !== undefined && { code: result.code, map: result.map }),
    diagnostics: result.diagnostics,
    timings: { analyse: result.timings.analyse, bundle: result.timings.bundle },
  };
}

/** A bundle made ready to evaluate, with positions mapped back to the user's files. */
export function loadBundle(result: Bundle): BuiltProject {
  let trace: TraceMap | undefined;
  return {
    built: result.code !== undefined,
    diagnostics: result.diagnostics,
    timings: result.timings,
    bundleName: BUNDLE_NAME,
    evaluate() {
      if (result.code === undefined) throw new Error('the project did not build');
      const scope = globalThis as Record<string, unknown>;
      try {
        (0, eval)(result.code);
        const record = scope[GLOBAL_NAME];
        if (typeof record !== 'object' || record === null)
          throw new Error('the bundle did not provide its modules');
        return record as Record<string, object>;
      } finally {
        delete scope[GLOBAL_NAME];
      }
    },
    originalPosition(line, column) {
      if (!result.map) return null;
      trace ??= new TraceMap(result.map);
      const p = originalPositionFor(trace, { line, column: column - 1 });
      return p.source && p.line !== null && p.column !== null
        ? { file: p.source, line: p.line, column: p.column + 1 }
        : null;
    },
  };
}

/** {@link bundle} then {@link loadBundle}, in one realm (Node tests, the build-time first graph). */
export async function buildProject(esbuild: Esbuild, files: readonly SourceFile[]): Promise<BuiltProject> {
  return loadBundle(await bundle(esbuild, files));
}
