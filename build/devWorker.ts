/**
 * Dev server only: serves the worker as one self-contained script, as the production build does.
 *
 * The worker starts from a `blob:` URL inside a sandboxed, opaque-origin frame (see host.ts), so it can
 * import nothing: `vite build` bundles it into one file, but the dev server serves it as ES modules
 * with imports. This plugin answers the host's `runtime.worker.ts?worker&url` import with the URL of a
 * bundle that the native esbuild makes on request.
 */
import type { Plugin, ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';

/** The workers host.ts imports as `./<name>.worker.ts?worker&url`. */
const WORKERS = ['runtime', 'user'] as const;
const entry = (name: string) => fileURLToPath(new URL(`../src/worker/${name}.worker.ts`, import.meta.url));
const servedAt = (name: string) => `/@hamilton/${name}.worker.js`;
const VIRTUAL = '\0hamilton-dev-worker-url:';

/** The plugin; `aliases` are the `hamilton` import names the worker bundle must resolve. */
export function devWorker(aliases: Record<string, string>): Plugin {
  return {
    name: 'hamilton-dev-worker',
    apply: 'serve',
    enforce: 'pre',
    resolveId(source, importer) {
      const name = WORKERS.find((w) => source === `./${w}.worker.ts?worker&url`);
      return name && importer?.endsWith('/src/worker/host.ts') ? VIRTUAL + name : null;
    },
    load(id) {
      return id.startsWith(VIRTUAL)
        ? `export default ${JSON.stringify(servedAt(id.slice(VIRTUAL.length)))};`
        : null;
    },
    configureServer(server) {
      for (const name of WORKERS) serve(server, name);
    },
  };

  function serve(server: ViteDevServer, name: string): void {
    server.middlewares.use(servedAt(name), (_req, res, next) => {
      import('esbuild')
        .then((esbuild) =>
          esbuild.build({
            entryPoints: [entry(name)],
            bundle: true,
            write: false,
            format: 'esm',
            platform: 'browser',
            target: 'es2022',
            alias: aliases,
            sourcemap: 'inline',
            logLevel: 'silent',
          }),
        )
        .then((result) => {
          res.setHeader('Content-Type', 'text/javascript');
          res.setHeader('Cache-Control', 'no-store');
          res.end(result.outputFiles[0].text);
        })
        .catch(next);
    });
  }
}
