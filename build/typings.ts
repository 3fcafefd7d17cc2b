/**
 * Build-time typings for the editor: a Vite plugin serving `virtual:hamilton-typings`, the declarations
 * of `hamilton` (src/hamilton/index.ts) and `hamilton/frame` (src/frame/index.ts) emitted by the
 * TypeScript compiler from our sources, TSDoc included. The editor registers them as extra libs under
 * `file:///node_modules/hamilton/…`, so `import … from 'hamilton'` resolves there as in a real project
 * and completion, hover docs and type errors all come from the library as written.
 */
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** An extra lib: where it lives in the editor's file system, and its text. */
export interface ExtraLib {
  readonly path: string;
  readonly content: string;
}

const VIRTUAL = 'virtual:hamilton-typings';
const RESOLVED = `\0${VIRTUAL}`;
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const ROOTS = { hamilton: resolve(SRC, 'hamilton/index.ts'), frame: resolve(SRC, 'frame/index.ts') };
const BASE = 'file:///node_modules/hamilton';

/** `./x.ts` → `./x`: the editor's TypeScript resolves extensionless relative imports of .d.ts files. */
const dropTsExtensions = (text: string) =>
  text.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3$2');

/** Emits the declarations of both entry points and wraps them as a package named `hamilton`. */
export function emitHamiltonTypings(): { libs: ExtraLib[]; sources: string[]; errors: string[] } {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    rootDir: SRC,
    outDir: '/virtual-out',
    lib: ['lib.es2023.d.ts'],
    types: [],
    paths: { hamilton: [ROOTS.hamilton], 'hamilton/frame': [ROOTS.frame] },
  };
  const program = ts.createProgram([ROOTS.hamilton, ROOTS.frame], options);
  const libs: ExtraLib[] = [];
  const result = program.emit(undefined, (fileName, text) => {
    const rel = relative('/virtual-out', fileName).replaceAll('\\', '/');
    libs.push({ path: `${BASE}/src/${rel}`, content: dropTsExtensions(text) });
  });
  const errors = result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  libs.push({ path: `${BASE}/index.d.ts`, content: "export * from './src/hamilton/index';\n" });
  libs.push({ path: `${BASE}/frame/index.d.ts`, content: "export * from '../src/frame/index';\n" });
  const sources = program
    .getSourceFiles()
    .map((f) => f.fileName)
    .filter((f) => f.startsWith(SRC));
  return { libs, sources, errors };
}

export function hamiltonTypings(): Plugin {
  return {
    name: 'hamilton-typings',
    resolveId: { filter: { id: new RegExp(`^${VIRTUAL}$`) }, handler: () => RESOLVED },
    load: {
      filter: { id: new RegExp(`^\0${VIRTUAL}$`) },
      handler() {
        const { libs, sources, errors } = emitHamiltonTypings();
        if (errors.length) this.error(`hamilton typings: ${errors.join('\n')}`);
        for (const source of sources) this.addWatchFile(source);
        return `export default ${JSON.stringify(libs)};`;
      },
    },
  };
}
