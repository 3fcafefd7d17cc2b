/**
 * Dev server only: serves the worker as one self-contained script, as the production build does.
 *
 * The worker starts from a `blob:` URL inside a sandboxed, opaque-origin frame (see host.ts), so it can
 * import nothing: `vite build` bundles it into one file, but the dev server serves it as ES modules
 * with imports. This plugin answers the host's `runtime.worker.ts?worker&url` import with the URL of a
 * bundle that the native esbuild makes on request.
 */
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const WORKER_ENTRY = fileURLToPath(new URL('./runtime.worker.ts', import.meta.url));
const SERVED_AT = '/@hamilton/runtime.worker.js';
const VIRTUAL = '\0hamilton-dev-worker-url';

/** The plugin; `aliases` are the `hamilton` import names the worker bundle must resolve. */
export function devWorker(aliases: Record<string, string>): Plugin {
  return {
    name: 'hamilton-dev-worker',
    apply: 'serve',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './runtime.worker.ts?worker&url' && importer?.endsWith('/src/worker/host.ts'))
        return VIRTUAL;
      return null;
    },
    load(id) {
      return id === VIRTUAL ? `export default ${JSON.stringify(SERVED_AT)};` : null;
    },
    configureServer(server) {
      server.middlewares.use(SERVED_AT, (_req, res, next) => {
        import('esbuild')
          .then((esbuild) =>
            esbuild.build({
              entryPoints: [WORKER_ENTRY],
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
    },
  };
}
