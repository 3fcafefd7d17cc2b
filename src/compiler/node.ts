/**
 * Running Hamilton modules in Node. Two ways, both analysing each module's TypeScript source:
 *
 * - plain Node: `node --import ./src/compiler/register.mjs script.mjs`, then `import * as m from './features.ts'`
 *   (or `loadModules`) and `new Driver({}, m)`;
 * - tsx or any TypeScript-aware runner: `await loadModules(['./features.ts'])`, which registers the same
 *   hooks on first use.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports TypeScript modules (paths relative to the working directory, or file URLs), analysed, with
 * `hamilton` resolving to this repository's library. Returns their namespaces in order, ready for
 * `new Driver(config, ...modules)`.
 */
export async function loadModules(paths: readonly (string | URL)[]): Promise<Record<string, unknown>[]> {
  await import('./register.mjs');
  return Promise.all(
    paths.map((p) => {
      const url =
        p instanceof URL ? p.href : pathToFileURL(isAbsolute(p) ? p : resolve(process.cwd(), p)).href;
      return import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>;
    }),
  );
}
