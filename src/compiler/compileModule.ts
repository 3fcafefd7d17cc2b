/**
 * One project file compiled on its own into a CommonJS body (for link.ts), cached by its text.
 *
 * A file whose analysis says it is `strippable` (nearly every file: types to remove, imports and exports
 * to rewrite) is compiled by sucrase, in JavaScript on this thread: about 0.5 ms for a 100-line module in
 * Chromium's worker, where esbuild-wasm's `transform` of the same file costs 3–5 ms quiet and 5–20 ms
 * on a loaded machine, most of it crossing between JavaScript and Go (its `context()`/`rebuild()` do not
 * run in a browser at all). Everything else goes to esbuild: decorators and `accessor` fields (which it
 * lowers), namespaces, top-level `await` and the other cases listed at `ModuleAnalysis.strippable`,
 * JSON and text files, and any file sucrase refuses, which esbuild then reports at its place.
 *
 * Both keep every line where it was, and both map each token back to its column.
 */
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import type { Loader, Message, TransformFailure, transform as esbuildTransform } from 'esbuild-wasm';
import { transform as sucraseTransform, type Transform } from 'sucrase';
import type { ModuleAnalysis } from './analysis';

/** The part of esbuild's API the compiler uses (`import * as esbuild from 'esbuild-wasm'` or `'esbuild'`). */
export interface Esbuild {
  readonly transform: typeof esbuildTransform;
}

/** A source map as a compiler gives it: esbuild's JSON text, or sucrase's object. */
export type ModuleMap = string | EncodedSourceMap;

/** One file compiled, or why it did not compile. */
export interface CompiledFile {
  /** A CommonJS body: reads `require` and `module`, and `exports` when {@link CompiledFile.readsExports}. */
  readonly code?: string;
  /** Whether the body reads `exports` (sucrase's); esbuild's reads `module` only and may declare `exports`. */
  readonly readsExports: boolean;
  /**
   * Statements to run before the body. Sucrase exports a function where it is declared; as in an ES
   * module, it must be exported before anything runs, so that an import cycle sees it.
   */
  readonly prologue: string;
  readonly map?: ModuleMap;
  readonly errors: readonly Message[];
  readonly warnings: readonly Message[];
}

const LOADERS: Readonly<Record<string, Loader>> = {
  ts: 'ts',
  mts: 'ts',
  tsx: 'tsx',
  js: 'js',
  mjs: 'js',
  jsx: 'jsx',
  json: 'json',
};
const SUCRASE_TRANSFORMS: Readonly<Record<string, readonly Transform[]>> = {
  ts: ['typescript', 'imports'],
  mts: ['typescript', 'imports'],
  tsx: ['typescript', 'jsx', 'imports'],
  js: ['imports'],
  mjs: ['imports'],
  jsx: ['jsx', 'imports'],
};
const CACHE_LIMIT = 256;

/** Compiled files by esbuild instance, then by map setting, name and text; least recently used first. */
const compiled = new WeakMap<Esbuild, Map<string, Promise<CompiledFile>>>();

/**
 * Compiles one file (its analysed and annotated text `code`), or returns the cached result for the same
 * name and text. `sourcesContent`: whether the map carries the text (for devtools).
 */
export function compileModule(
  esbuild: Esbuild,
  name: string,
  code: string,
  analysis: ModuleAnalysis | undefined,
  sourcesContent: boolean,
): Promise<CompiledFile> {
  let cache = compiled.get(esbuild);
  if (!cache) compiled.set(esbuild, (cache = new Map()));
  const key = `${sourcesContent}\0${name}\0${code}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const stripped = analysis?.strippable ? strip(name, code, analysis, sourcesContent) : undefined;
  const result = stripped
    ? Promise.resolve(stripped)
    : compileWithEsbuild(esbuild, name, code, sourcesContent);
  cache.set(key, result);
  // esbuild itself failing is not an answer to keep.
  result.catch(() => cache.delete(key));
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}

/** Sucrase's compile, or undefined when it refuses the file. */
function strip(
  name: string,
  code: string,
  analysis: ModuleAnalysis,
  sourcesContent: boolean,
): CompiledFile | undefined {
  const transforms = SUCRASE_TRANSFORMS[extension(name)];
  if (!transforms) return undefined;
  try {
    const out = sucraseTransform(code, {
      transforms: [...transforms],
      filePath: name,
      sourceMapOptions: { compiledFilename: name },
      // The worker's engine runs ES2022 as written (class fields keep their define semantics).
      disableESTransforms: true,
      // JSX as esbuild compiles it: `React.createElement`, without development-only props.
      production: true,
    });
    const map: EncodedSourceMap | undefined = out.sourceMap && {
      ...out.sourceMap,
      version: 3,
      ...(sourcesContent && { sourcesContent: [code] }),
    };
    const prologue = Object.entries(analysis.exports)
      .filter(([, local]) => analysis.functionDeclarations.has(local))
      .map(([exported, local]) => `exports[${JSON.stringify(exported)}] = ${local};`)
      .join(' ');
    return { code: out.code, map, readsExports: true, prologue, errors: [], warnings: [] };
  } catch {
    return undefined;
  }
}

function compileWithEsbuild(
  esbuild: Esbuild,
  name: string,
  code: string,
  sourcesContent: boolean,
): Promise<CompiledFile> {
  return esbuild
    .transform(code, {
      loader: LOADERS[extension(name)] ?? 'text',
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      // A project file's `import('./x')` must load from the project, not from a URL.
      supported: { 'dynamic-import': false },
      sourcefile: name,
      sourcemap: 'external',
      sourcesContent,
      logLevel: 'silent',
      charset: 'utf8',
      tsconfigRaw: {},
    })
    .then(
      (out): CompiledFile => ({
        code: out.code,
        map: out.map,
        readsExports: false,
        prologue: '',
        errors: [],
        warnings: out.warnings,
      }),
      (error: unknown): CompiledFile => {
        const failure = error as Partial<TransformFailure>;
        if (!failure.errors) throw error;
        return {
          readsExports: false,
          prologue: '',
          errors: failure.errors,
          warnings: failure.warnings ?? [],
        };
      },
    );
}

/** `lib/a.test.ts` → `ts`. */
export function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}
