/**
 * Build-time bundling of what an exported project needs to run in plain Node (the library, the frame,
 * the result printer, and the module hooks that analyse and strip TypeScript), with the native esbuild.
 * A Vite plugin serves the files as the virtual module `virtual:hamilton-export-runtime` (path → text),
 * which the playground loads only when the user downloads a project.
 */
import { build, type Plugin as EsbuildPlugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** The virtual module's id. */
export const RUNTIME_MODULE = 'virtual:hamilton-export-runtime';
const RESOLVED = `\0${RUNTIME_MODULE}`;

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

// `hamilton/frame` inside the bundled library and printer: one shared copy of the frame.
const libraryAliases: EsbuildPlugin = {
  name: 'hamilton-aliases',
  setup(b) {
    b.onResolve({ filter: /^hamilton(\/frame)?$/ }, (args) => ({
      path: src(args.path === 'hamilton' ? 'hamilton/index.ts' : 'frame/index.ts'),
    }));
  },
};

/** The runtime files of an exported project, relative to its root (all under `hamilton/`). */
export async function buildExportRuntime(): Promise<Record<string, string>> {
  const common = {
    bundle: true,
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    charset: 'utf8',
  } as const;
  const [library, hooks] = await Promise.all([
    build({
      ...common,
      entryPoints: {
        index: src('hamilton/index.ts'),
        frame: src('frame/index.ts'),
        report: src('share/export/report.ts'),
      },
      splitting: true,
      platform: 'neutral',
      outdir: '/hamilton',
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunk-[hash]',
      plugins: [libraryAliases],
    }),
    // Third-party parsers: minified, since nobody reads them in the exported project.
    build({
      ...common,
      entryPoints: { hooks: src('share/export/hooks.ts'), register: src('share/export/register.ts') },
      platform: 'node',
      outdir: '/hamilton',
      outExtension: { '.js': '.mjs' },
      minify: true,
    }),
  ]);
  return Object.fromEntries(
    [...library.outputFiles, ...hooks.outputFiles].map((file) => [file.path.replace(/^\//, ''), file.text]),
  );
}

/** The Vite plugin serving {@link buildExportRuntime} as `virtual:hamilton-export-runtime`. */
export function hamiltonExportRuntime(): Plugin {
  return {
    name: 'hamilton-export-runtime',
    // Hook filters: the bundler calls these for the virtual module only.
    resolveId: {
      filter: { id: /^virtual:hamilton-export-runtime$/ },
      handler: () => RESOLVED,
    },
    load: {
      filter: { id: /^\0virtual:hamilton-export-runtime$/ },
      handler: async () => `export default ${JSON.stringify(await buildExportRuntime())};`,
    },
  };
}
