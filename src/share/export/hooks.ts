/**
 * Node module hooks shipped inside an exported project (bundled to `hamilton/hooks.mjs`), so the project
 * runs with no dependency at all: `hamilton` and `hamilton/frame` resolve to the library copy beside this
 * file, relative imports may omit `.ts`, and each `.ts` file is analysed (src/compiler, as the playground
 * does) and then stripped of its types by sucrase, which keeps every line where it was.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'sucrase';
import { analyse } from '../../compiler/analyse';
import { annotation } from '../../compiler/annotate';

interface ResolveContext {
  readonly parentURL?: string;
}
type Resolved = { url: string; shortCircuit?: boolean };
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<Resolved>;
type Loaded = { format?: string | null; source?: unknown; shortCircuit?: boolean };
type NextLoad = (url: string, context?: unknown) => Promise<Loaded>;

const LIBRARY: Record<string, string> = {
  hamilton: new URL('./index.mjs', import.meta.url).href,
  'hamilton/frame': new URL('./frame.mjs', import.meta.url).href,
};

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<Resolved> {
  const library = LIBRARY[specifier];
  if (library) return { url: library, shortCircuit: true };
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  if (!relative || /\.[cm]?[jt]s$/.test(specifier)) return next(specifier, context);
  // TypeScript's bundler-style imports: `./features` means `./features.ts`.
  try {
    return await next(`${specifier}.ts`, context);
  } catch {
    return next(specifier, context);
  }
}

export async function load(url: string, context: unknown, next: NextLoad): Promise<Loaded> {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const code = await readFile(path, 'utf8');
  const analysis = analyse(code, basename(path));
  const annotated = code + annotation(analysis);
  const { code: js } = transform(annotated, {
    transforms: ['typescript'],
    disableESTransforms: true,
    filePath: path,
  });
  return { format: 'module', source: js, shortCircuit: true };
}
