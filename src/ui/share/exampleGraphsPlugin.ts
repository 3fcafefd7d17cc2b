/**
 * `virtual:example-graphs`: every example's compiled graph, made at build time (exampleGraphs.node.ts).
 * Only the docs embed imports it, so a page of embeds draws each example's graph before its worker is up.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:example-graphs';
const script = fileURLToPath(new URL('../state/exampleGraphs.node.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

export function exampleGraphs(): Plugin {
  return {
    name: 'hamilton-example-graphs',
    resolveId: { filter: { id: /^virtual:example-graphs$/ }, handler: () => `\0${VIRTUAL}` },
    load: {
      filter: { id: /^\0virtual:example-graphs$/ },
      handler() {
        const json = execFileSync(process.execPath, [tsx, script], { encoding: 'utf8', maxBuffer: 64 << 20 });
        this.addWatchFile(fileURLToPath(new URL('../../examples', import.meta.url)));
        return `export default ${json};`;
      },
    },
  };
}
