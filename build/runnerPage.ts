/**
 * Emits the runner's document (`runner.html`, see frame.ts) into the build, and serves it in dev. It is
 * generated from `frameMain` so that the frame's script is type-checked with the host that talks to it.
 */
import type { Plugin } from 'vite';
import { FRAME_CSP, RUNNER_PAGE, runnerDocument } from '../src/worker/frame.ts';

/** The plugin. */
export function runnerPage(): Plugin {
  return {
    name: 'hamilton-runner-page',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: RUNNER_PAGE, source: runnerDocument() });
    },
    configureServer(server) {
      server.middlewares.use(`/${RUNNER_PAGE}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        // The frame's `csp` attribute asks for this policy (embedded enforcement): a document served
        // without it is refused, and the runner would never start.
        res.setHeader('Content-Security-Policy', FRAME_CSP);
        res.end(runnerDocument());
      });
    },
  };
}
