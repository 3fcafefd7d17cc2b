/**
 * Vite (and so vitest) plugin: analyses Hamilton modules from their TypeScript source, before Vite's
 * own transform renames shadowing parameters, and appends the analysis (see annotate.ts).
 */
import type { Plugin } from 'vite';
import { relative } from 'node:path';
import { analyse } from '../src/compiler/analyse.ts';
import { annotation } from '../src/compiler/annotate.ts';
import {
  codeFilter,
  importsHamilton,
  includePatterns,
  includesPath,
  mayImport,
  type ModuleFilter,
} from '../src/compiler/filter.ts';

/** Options of {@link hamiltonAnalysis}: which files are Hamilton modules. */
export type HamiltonAnalysisOptions = ModuleFilter;

/** The plugin. By default it analyses every `.ts` module that exports a function, outside the app's own folders, tests and node_modules. */
export function hamiltonAnalysis(options: HamiltonAnalysisOptions = {}): Plugin {
  let root = process.cwd();
  return {
    name: 'hamilton-analysis',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    transform: {
      // Rolldown tests these before calling into JavaScript, which matters for the thousands of
      // modules (Monaco's) that are not Hamilton modules; the handler checks precisely.
      filter: { id: [...includePatterns(options)], code: codeFilter(options) },
      async handler(code, id) {
        const [path, query] = id.split('?', 2);
        if (query && !isPlainModuleQuery(query)) return null; // `?raw`, `?url`, `?worker`: not the module's code
        if (!includesPath(path, options) || !mayImport(code, options)) return null;
        const analysis = analyse(code, relative(root, path).replaceAll('\\', '/'));
        // A file that does not parse is left to Vite, whose own error is as good as ours.
        if (!analysis.parsed || !importsHamilton(analysis, options)) return null;
        for (const d of analysis.diagnostics) {
          this.warn({
            message: d.message,
            loc: d.line ? { line: d.line, column: (d.column ?? 1) - 1 } : undefined,
          });
        }
        const annotated = code + annotation(analysis);
        // Vite's own transform (Oxc) cannot lower standard TS 5 decorators (`@tag(...) static f()`), and
        // neither Node nor Chromium runs them yet; esbuild can, as the playground's worker does.
        if (analysis.hasDecorators) {
          const { transform } = await import('esbuild');
          const out = await transform(annotated, {
            loader: 'ts',
            target: 'es2022',
            sourcemap: true,
            sourcefile: path,
          });
          return { code: out.code, map: out.map };
        }
        // Appending moves no original code, so `map: null` keeps the source map exact.
        return { code: annotated, map: null };
      },
    },
  };
}

/** Vite's bookkeeping queries on a module's own code (cache busting, import analysis). */
function isPlainModuleQuery(query: string): boolean {
  return [...new URLSearchParams(query).keys()].every((key) =>
    ['v', 't', 'import', 'used', 'direct'].includes(key),
  );
}
