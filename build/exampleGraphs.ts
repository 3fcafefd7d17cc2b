/**
 * The examples' compiled graphs, made at build time by running the worker's own compile in Node
 * (compileExamples.node.ts), so a graph is drawn before esbuild-wasm's ~2 s cold start is over:
 * - `virtual:first-graph`: the default example's; the page shows it at once when it opens that example
 *   unchanged, and the worker's answer replaces it a moment later (same graph, same layout).
 * - `virtual:example-graphs`: every example's; only the docs embed imports it.
 * The compile runs once and is kept until a file under `src/examples` changes.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const FIRST = 'virtual:first-graph';
const ALL = 'virtual:example-graphs';
const script = fileURLToPath(new URL('./compileExamples.node.ts', import.meta.url));
const examplesDir = fileURLToPath(new URL('../src/examples', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

/** Every example's snapshot, as JSON text of an array. */
function compileExamples(): string {
  return execFileSync(process.execPath, [tsxCli, script], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** The plugin serving both virtual modules. */
export function exampleGraphs(): Plugin {
  let snapshots: string | null = null;
  return {
    name: 'hamilton-example-graphs',
    resolveId: { filter: { id: new RegExp(`^(${FIRST}|${ALL})$`) }, handler: (id) => `\0${id}` },
    load: {
      filter: { id: new RegExp(`^\\0(${FIRST}|${ALL})$`) },
      handler(id) {
        snapshots ??= compileExamples();
        this.addWatchFile(examplesDir);
        return id === `\0${FIRST}`
          ? `export default ${JSON.stringify(JSON.parse(snapshots)[0])};`
          : `export default ${snapshots};`;
      },
    },
    watchChange(id) {
      if (id.startsWith(examplesDir)) snapshots = null;
    },
  };
}
