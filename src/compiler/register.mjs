// Plain-Node entry for running Hamilton modules written in TypeScript:
//   node --import ./src/compiler/register.mjs my-script.mjs
// It compiles nodeHooks.ts (TypeScript, which plain Node cannot load) with the native esbuild into
// node_modules/.cache and registers it as module hooks. See README.md in this folder.
import { build } from 'esbuild';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const dir = `${root}/node_modules/.cache/hamilton`;
const outfile = `${dir}/node-hooks.mjs`;
const { outputFiles } = await build({
  entryPoints: [fileURLToPath(new URL('./nodeHooks.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  write: false,
  outfile,
  logLevel: 'warning',
});
const text = outputFiles[0].text;
const current = await readFile(outfile, 'utf8').catch(() => undefined);
if (current !== text) {
  // Several processes may start at once: write aside, then rename (atomic), so none reads half a file.
  await mkdir(dir, { recursive: true });
  const temporary = `${outfile}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, outfile);
}
register(pathToFileURL(outfile), { data: { root } });
