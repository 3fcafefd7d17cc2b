/**
 * Bundles a playground project (the editor's files, held in memory) into one script with a source map.
 *
 * Each file is analysed and annotated first (analyse.ts, annotate.ts), then esbuild bundles them from a
 * virtual file system. `hamilton` and `hamilton/frame` are not bundled: they read the host's own copy
 * of the library from `globalThis.__hamilton_runtime`, so user code and the host share one instance
 * (its classes, its symbols). esbuild is injected: esbuild-wasm in the browser worker, the native
 * package in Node; both have the same API.
 */
import type { BuildFailure, Loader, Message, Plugin, build } from 'esbuild-wasm';
import { analyse, type ModuleAnalysis } from './analyse';
import { annotation } from './annotate';
import type { CompilerDiagnostic, SourceFile } from './diagnostics';

/** The part of esbuild's API the bundler uses. */
export interface Esbuild {
  readonly build: typeof build;
}

/** How to bundle. Every field has a default. */
export interface BundleOptions {
  /** Bare imports the host provides at run time. Default: `hamilton`, `hamilton/frame`. */
  readonly runtimeModules?: readonly string[];
  /** The global object holding them by name: `globalThis[runtimeGlobal]['hamilton']`. Default `__hamilton_runtime`. */
  readonly runtimeGlobal?: string;
  /**
   * `esm` (default): a module whose default export is the record of namespaces (import it from a
   * `blob:` or `data:` URL). `iife`: a classic script that stores that record in `globalThis[globalName]`.
   */
  readonly format?: 'esm' | 'iife';
  /** For `iife`: where the record of namespaces goes. Default `__hamilton_modules`. */
  readonly globalName?: string;
  /** The bundle's name in stacks (`//# sourceURL`) and in the map. Default `hamilton-bundle.js`. */
  readonly bundleName?: string;
  /** Also append the map to the code as a `data:` URL comment (for browser devtools). Default false. */
  readonly inlineSourceMap?: boolean;
}

/** Milliseconds spent, for the playground's timing display and benchmarks. */
export interface BundleTimings {
  readonly analyse: number;
  readonly bundle: number;
  readonly total: number;
}

/** What {@link bundleProject} returns. `code` and `map` are absent when the project does not build. */
export interface BundleResult {
  /** The bundle. Evaluated, it yields `{ [fileName]: moduleNamespace }` for every project file. */
  readonly code?: string;
  /** The source map (JSON text) from `code` to the project's files, with sources named as the files. */
  readonly map?: string;
  /** Everything found: syntax errors, analysis problems, unresolved imports, build errors and warnings. */
  readonly diagnostics: readonly CompilerDiagnostic[];
  /** Each file's analysis, in the order of the files given. */
  readonly analyses: readonly ModuleAnalysis[];
  readonly timings: BundleTimings;
}

const FILE_NAMESPACE = 'hamilton-file';
const RUNTIME_NAMESPACE = 'hamilton-runtime';
const ENTRY = '<hamilton-entry>';
const DEFAULT_RUNTIME_MODULES = ['hamilton', 'hamilton/frame'];
const LOADERS: Readonly<Record<string, Loader>> = { ts: 'ts', mts: 'ts', tsx: 'tsx', js: 'js', mjs: 'js', jsx: 'jsx', json: 'json' };
const ANALYSED = new Set(['ts', 'mts', 'tsx', 'js', 'mjs', 'jsx']);

let last: { readonly key: string; readonly result: Promise<BundleResult> } | undefined;

/**
 * Analyses, annotates and bundles a project. Never throws for bad user code: problems come back as
 * diagnostics at their file, line and column. Calling it again with the same files and options returns
 * the previous result; unchanged files reuse their cached analysis.
 */
export function bundleProject(
  esbuild: Esbuild,
  files: readonly SourceFile[],
  options: BundleOptions = {},
): Promise<BundleResult> {
  const key = JSON.stringify([files.map((f) => [f.name, f.code]), options]);
  if (last?.key === key) return last.result;
  const result = bundle(esbuild, files, options);
  last = { key, result };
  // A crash of esbuild itself (not a build error) must not be remembered as the answer.
  result.catch(() => {
    if (last?.result === result) last = undefined;
  });
  return result;
}

async function bundle(esbuild: Esbuild, files: readonly SourceFile[], options: BundleOptions): Promise<BundleResult> {
  const t0 = performance.now();
  const runtimeModules = options.runtimeModules ?? DEFAULT_RUNTIME_MODULES;
  const runtimeGlobal = options.runtimeGlobal ?? '__hamilton_runtime';
  const format = options.format ?? 'esm';
  const bundleName = options.bundleName ?? 'hamilton-bundle.js';

  const contents = new Map<string, string>();
  const analyses: ModuleAnalysis[] = [];
  const diagnostics: CompilerDiagnostic[] = [];
  for (const file of files) {
    const name = normalise(file.name);
    if (ANALYSED.has(extension(name))) {
      const analysis = analyse(file.code, name);
      analyses.push(analysis);
      diagnostics.push(...analysis.diagnostics);
      contents.set(name, file.code + annotation(analysis));
    } else {
      contents.set(name, file.code);
    }
  }
  const t1 = performance.now();
  if (analyses.some((a) => !a.parsed)) {
    return { diagnostics, analyses, timings: { analyse: t1 - t0, bundle: 0, total: t1 - t0 } };
  }

  const names = [...contents.keys()];
  const available = () =>
    [...runtimeModules.map((m) => `'${m}'`), ...names.map((n) => `'./${n}'`)].join(', ');
  const resolveRelative = (importer: string, path: string) => {
    const base = importer.slice(0, importer.lastIndexOf('/') + 1);
    return candidates(normalise(base + path)).find((p) => contents.has(p));
  };
  const unresolved = (importer: string, path: string): string | undefined => {
    if (runtimeModules.includes(path)) return undefined;
    if (!path.startsWith('./') && !path.startsWith('../')) return `Unknown import '${path}'. Available: ${available()}.`;
    if (resolveRelative(importer, path) === undefined) return `Cannot find '${path}' in the project. Available: ${available()}.`;
    return undefined;
  };

  // Imports are checked here, at their place, even those TypeScript would drop as unused.
  const importErrors: CompilerDiagnostic[] = [];
  for (const analysis of analyses) {
    for (const ref of analysis.imports) {
      const message = ref.typeOnly ? undefined : unresolved(analysis.file, ref.specifier);
      if (!message) continue;
      importErrors.push({
        severity: 'error',
        source: 'bundle',
        message,
        ...ref.location,
        endLine: ref.endLine,
        endColumn: ref.endColumn,
      });
    }
  }
  if (importErrors.length > 0) {
    return { diagnostics: [...diagnostics, ...importErrors], analyses, timings: { analyse: t1 - t0, bundle: 0, total: performance.now() - t0 } };
  }
  const entry =
    names.map((n, i) => `import * as m${i} from ${JSON.stringify(`./${n}`)};\n`).join('') +
    (format === 'esm' ? 'export default ' : `globalThis[${JSON.stringify(options.globalName ?? '__hamilton_modules')}] = `) +
    `{${names.map((n, i) => `${JSON.stringify(n)}: m${i}`).join(', ')}};\n`;

  const plugin: Plugin = {
    name: 'hamilton-virtual-files',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return { path: ENTRY, namespace: FILE_NAMESPACE };
        if (runtimeModules.includes(args.path)) return { path: args.path, namespace: RUNTIME_NAMESPACE };
        const importer = args.importer === ENTRY ? '' : args.importer;
        const problem = unresolved(importer, args.path);
        if (problem) return { errors: [{ text: problem }] };
        return { path: resolveRelative(importer, args.path), namespace: FILE_NAMESPACE };
      });
      b.onLoad({ filter: /.*/, namespace: FILE_NAMESPACE }, (args) =>
        args.path === ENTRY
          ? { contents: entry, loader: 'js' }
          : { contents: contents.get(args.path), loader: LOADERS[extension(args.path)] ?? 'text' },
      );
      b.onLoad({ filter: /.*/, namespace: RUNTIME_NAMESPACE }, (args) => ({
        // CommonJS, so that esbuild turns named imports into property reads of the host's module object.
        contents:
          `const runtime = globalThis[${JSON.stringify(runtimeGlobal)}]?.[${JSON.stringify(args.path)}];\n` +
          `if (!runtime) throw new Error(${JSON.stringify(`The host did not provide the module '${args.path}'.`)});\n` +
          `module.exports = runtime;\n`,
        loader: 'js',
      }));
    },
  };

  let messages: { errors: Message[]; warnings: Message[] };
  let code: string | undefined;
  let map: string | undefined;
  try {
    const result = await esbuild.build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format,
      platform: 'neutral',
      target: 'es2022',
      outfile: bundleName,
      sourcemap: 'external',
      logLevel: 'silent',
      charset: 'utf8',
      tsconfigRaw: {},
      plugins: [plugin],
    });
    messages = result;
    for (const out of result.outputFiles ?? []) {
      if (out.path.endsWith('.map')) map = renameSources(out.text);
      else code = out.text;
    }
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    if (!failure.errors) throw error;
    messages = { errors: failure.errors, warnings: failure.warnings ?? [] };
  }
  diagnostics.push(...messages.errors.map((m) => fromMessage(m, 'error')));
  diagnostics.push(...messages.warnings.map((m) => fromMessage(m, 'warning')));
  if (code !== undefined && map !== undefined) {
    code += `//# sourceURL=${bundleName}\n`;
    if (options.inlineSourceMap) code += `//# sourceMappingURL=data:application/json;base64,${base64(map)}\n`;
  }
  const t2 = performance.now();
  return { code, map, diagnostics, analyses, timings: { analyse: t1 - t0, bundle: t2 - t1, total: t2 - t0 } };
}

/** The files an import may mean: as written, then with a TypeScript extension or index file. */
function candidates(path: string): string[] {
  const js = /\.[cm]?js$/.test(path) ? [path.replace(/js$/, 'ts')] : [];
  return [path, `${path}.ts`, `${path}.tsx`, ...js, `${path}/index.ts`];
}

/** `a/./b/../c.ts` → `a/c.ts`; leading `./` and `/` dropped. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

function fileOf(path: string): string {
  return path.startsWith(`${FILE_NAMESPACE}:`) ? path.slice(FILE_NAMESPACE.length + 1) : path;
}

function fromMessage(m: Message, severity: 'error' | 'warning'): CompilerDiagnostic {
  const loc = m.location;
  if (!loc || fileOf(loc.file) === ENTRY) return { severity, source: 'bundle', message: m.text };
  const column = loc.column + 1;
  return {
    severity,
    source: 'bundle',
    message: m.text,
    file: fileOf(loc.file),
    line: loc.line,
    column,
    endLine: loc.line,
    endColumn: column + Math.max(loc.length, 1),
  };
}

/** Names the map's sources as the user's files (`features.ts`), not esbuild's `hamilton-file:features.ts`. */
function renameSources(mapText: string): string {
  const map = JSON.parse(mapText) as { sources: string[] };
  map.sources = map.sources.map(fileOf);
  return JSON.stringify(map);
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
