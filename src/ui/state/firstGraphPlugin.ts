/**
 * `virtual:first-graph`: the default example's compiled graph, made at build time by running the
 * worker's own compile in Node (exampleGraphs.node.ts --first). The page shows it at once when it opens the
 * default example unchanged, and the worker's answer replaces it a moment later (same graph, same
 * layout, so nothing moves). Without it the first graph waits for esbuild-wasm's ~2 s cold start.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:first-graph';
const RESOLVED = `\0${VIRTUAL}`;
const script = fileURLToPath(new URL('./exampleGraphs.node.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

export function firstGraph(): Plugin {
  return {
    name: 'hamilton-first-graph',
    resolveId: { filter: { id: new RegExp(`^${VIRTUAL}$`) }, handler: () => RESOLVED },
    load: {
      filter: { id: new RegExp(`^\\0${VIRTUAL}$`) },
      handler() {
        const json = execFileSync(process.execPath, [tsx, script, '--first'], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
        this.addWatchFile(fileURLToPath(new URL('../../examples', import.meta.url)));
        return `export default ${JSON.stringify(JSON.parse(json)[0])};`;
      },
    },
  };
}
