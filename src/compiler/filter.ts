/**
 * Which files are Hamilton modules, for the hosts that analyse files on disk (the Vite plugin and the
 * Node loader). The playground's bundler analyses every file of a project and needs none of this.
 *
 * A Hamilton module is plain code: Hamilton's own hello world imports nothing from Hamilton. So by
 * default every TypeScript module outside the app's own folders that exports a function is analysed;
 * a cheap text test (an `export` and a function-ish token) spares the parse for the rest.
 */
import type { ModuleAnalysis } from './analyse.ts';

/** Which files to analyse. */
export interface ModuleFilter {
  /** Paths to consider. Default: TypeScript files. */
  readonly include?: RegExp | readonly RegExp[];
  /** Paths never analysed. Default: the app's own code (library, frame, UI, worker, compiler; fixtures excepted), tests and node_modules. */
  readonly exclude?: RegExp | readonly RegExp[];
  /** When given and not empty, a file is a Hamilton module only when it imports one of these. Default: any module that exports a function. */
  readonly imports?: readonly string[];
}

const DEFAULT_INCLUDE = [/\.[cm]?tsx?(?:$|\?)/];
const DEFAULT_EXCLUDE = [
  /^(?!.*\/(__)?fixtures(__)?\/).*\/src\/(hamilton|frame|ui|worker|compiler|share)\//,
  /\.(test|spec|bench)\.[cm]?tsx?$/,
  /\/node_modules\//,
  /\.d\.[cm]?ts$/,
];
/** Tokens without which a module cannot export a function (`export function`, `export const f = () =>`, a class's static method, a decorated `export const f = tag(...)(fn)`). */
const FUNCTION_TOKENS = /\bfunction\b|=>|\bclass\b|\)\s*\(/;

/**
 * A cheap test on the text (no parse) that a file may be a Hamilton module: it may export a function
 * and, when the filter names modules to import, mentions one of them. The parse confirms it.
 */
export function mayImport(code: string, filter: ModuleFilter = {}): boolean {
  const texts = importTexts(filter);
  if (texts !== undefined) return texts.some((text) => code.includes(text));
  return code.includes('export') && FUNCTION_TOKENS.test(code);
}

/** Whether a path (without query) is one to analyse. */
export function includesPath(path: string, filter: ModuleFilter = {}): boolean {
  const normalised = path.replaceAll('\\', '/');
  const include = list(filter.include, DEFAULT_INCLUDE);
  const exclude = list(filter.exclude, DEFAULT_EXCLUDE);
  return include.some((r) => r.test(normalised)) && !exclude.some((r) => r.test(normalised));
}

/**
 * Whether an analysed file is a Hamilton module: it exports a function (a class's static method counts)
 * and, when the filter names modules, imports one of them (by its parsed imports).
 */
export function importsHamilton(analysis: ModuleAnalysis, filter: ModuleFilter = {}): boolean {
  const imports = filter.imports ?? [];
  if (imports.length > 0) return analysis.imports.some((i) => imports.includes(i.specifier));
  const exported = new Set(Object.values(analysis.exports));
  return analysis.functions.some((f) => exported.has(f.binding.split('.')[0]));
}

/** The include patterns (for a bundler's own pre-filter on ids). */
export function includePatterns(filter: ModuleFilter = {}): readonly RegExp[] {
  return list(filter.include, DEFAULT_INCLUDE);
}

/** Texts one of which a Hamilton module contains (for a bundler's own pre-filter on code). */
export function importTexts(filter: ModuleFilter = {}): string[] | undefined {
  const imports = filter.imports ?? [];
  return imports.length === 0 ? undefined : imports.flatMap((name) => [`'${name}'`, `"${name}"`]);
}

/** What a bundler's own pre-filter on code may require: the import texts, or else the word `export`. */
export function codeFilter(filter: ModuleFilter = {}): string[] {
  return importTexts(filter) ?? ['export'];
}

function list(value: RegExp | readonly RegExp[] | undefined, fallback: readonly RegExp[]): readonly RegExp[] {
  if (value === undefined) return fallback;
  return value instanceof RegExp ? [value] : value;
}
