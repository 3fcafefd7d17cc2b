/**
 * Node module hooks (node:module `register`) that run Hamilton modules written in TypeScript in plain
 * Node: `hamilton` and `hamilton/frame` resolve to this repository's library, relative imports may omit
 * `.ts`, and every `.ts` file is compiled with the native esbuild, Hamilton modules being analysed and
 * annotated first (the same code the Vite plugin and the playground use). Loaded by register.mjs.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { analyse } from './analyse';
import { annotation } from './annotate';
import { importsHamilton, includesPath, mayImport, type ModuleFilter } from './filter';

/** What register.mjs passes to the hooks thread. */
export interface HookData {
  /** The repository's root directory (holding src/hamilton and src/frame). */
  readonly root: string;
  readonly filter?: ModuleFilter;
}

interface ResolveContext {
  readonly parentURL?: string;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<{ url: string }>;
type NextLoad = (url: string, context?: unknown) => Promise<{ format?: string | null; source?: unknown }>;

let aliases: Record<string, string> = {};
let filter: ModuleFilter = {};

export function initialize(data: HookData): void {
  aliases = {
    hamilton: pathToFileURL(`${data.root}/src/hamilton/index.ts`).href,
    'hamilton/frame': pathToFileURL(`${data.root}/src/frame/index.ts`).href,
    'hamilton/threads': pathToFileURL(`${data.root}/src/hamilton/threads.ts`).href,
  };
  filter = data.filter ?? {};
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<{ url: string; shortCircuit?: boolean }> {
  const alias = aliases[specifier];
  if (alias) return { url: alias, shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (error) {
    // TypeScript's bundler-style resolution: `./b` and `./b.js` may mean `./b.ts`.
    const relativeFromTs =
      (specifier.startsWith('./') || specifier.startsWith('../')) &&
      /\.[cm]?tsx?$/.test(context.parentURL ?? '');
    if (!relativeFromTs) throw error;
    const base = specifier.replace(/\.[cm]?js$/, '');
    for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
      try {
        return await next(candidate, context);
      } catch {
        // try the next candidate
      }
    }
    throw error;
  }
}

export async function load(
  url: string,
  context: unknown,
  next: NextLoad,
): Promise<{ format?: string | null; source?: unknown; shortCircuit?: boolean }> {
  if (!url.startsWith('file:') || !/\.m?tsx?$/.test(url)) return next(url, context);
  const path = fileURLToPath(url);
  const code = await readFile(path, 'utf8');
  let source = code;
  if (includesPath(path, filter) && mayImport(code, filter)) {
    const analysis = analyse(code, relative(process.cwd(), path).replaceAll('\\', '/'));
    if (analysis.parsed && importsHamilton(analysis, filter)) source += annotation(analysis);
  }
  const out = await transform(source, {
    loader: path.endsWith('x') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: path,
  });
  return { format: 'module', source: out.code, shortCircuit: true };
}
