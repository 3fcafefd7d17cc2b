/**
 * Which files are Hamilton modules, for the hosts that analyse files on disk (the Vite plugin and the
 * Node loader). The playground's bundler analyses every file of a project and needs none of this.
 */
import type { ModuleAnalysis } from './analyse.ts';

/** Which files to analyse. */
export interface ModuleFilter {
  /** Paths to consider. Default: TypeScript files. */
  readonly include?: RegExp | readonly RegExp[];
  /** Paths never analysed. Default: the app's own code (library, frame, UI, worker, compiler; fixtures excepted), tests and node_modules. */
  readonly exclude?: RegExp | readonly RegExp[];
  /** A file is a Hamilton module when it imports one of these. Default: `hamilton`, `hamilton/frame`. Empty: every included file. */
  readonly imports?: readonly string[];
}

const DEFAULT_INCLUDE = [/\.[cm]?tsx?(?:$|\?)/];
const DEFAULT_EXCLUDE = [
  /^(?!.*\/(__)?fixtures(__)?\/).*\/src\/(hamilton|frame|ui|worker|compiler)\//,
  /\.(test|spec|bench)\.[cm]?tsx?$/,
  /\/node_modules\//,
  /\.d\.[cm]?ts$/,
];
const DEFAULT_IMPORTS = ['hamilton', 'hamilton/frame'];

/** A cheap test on the text (no parse) that a file may import one of the modules; the parse confirms it. */
export function mayImport(code: string, filter: ModuleFilter = {}): boolean {
  const texts = importTexts(filter);
  return texts === undefined || texts.some((text) => code.includes(text));
}

/** Whether a path (without query) is one to analyse. */
export function includesPath(path: string, filter: ModuleFilter = {}): boolean {
  const normalised = path.replaceAll('\\', '/');
  const include = list(filter.include, DEFAULT_INCLUDE);
  const exclude = list(filter.exclude, DEFAULT_EXCLUDE);
  return include.some((r) => r.test(normalised)) && !exclude.some((r) => r.test(normalised));
}

/** Whether an analysed file imports one of the filter's modules (by its parsed imports). */
export function importsHamilton(analysis: ModuleAnalysis, filter: ModuleFilter = {}): boolean {
  const imports = filter.imports ?? DEFAULT_IMPORTS;
  return imports.length === 0 || analysis.imports.some((i) => imports.includes(i.specifier));
}

/** The include patterns (for a bundler's own pre-filter on ids). */
export function includePatterns(filter: ModuleFilter = {}): readonly RegExp[] {
  return list(filter.include, DEFAULT_INCLUDE);
}

/** Texts one of which a Hamilton module contains (for a bundler's own pre-filter on code); none when any file qualifies. */
export function importTexts(filter: ModuleFilter = {}): string[] | undefined {
  const imports = filter.imports ?? DEFAULT_IMPORTS;
  return imports.length === 0 ? undefined : imports.flatMap((name) => [`'${name}'`, `"${name}"`]);
}

function list(value: RegExp | readonly RegExp[] | undefined, fallback: readonly RegExp[]): readonly RegExp[] {
  if (value === undefined) return fallback;
  return value instanceof RegExp ? [value] : value;
}
