// Benchmarks: every src/**/*.bench.ts (library, frame, compiler; plain scripts) and every
// scripts/bench/*.bench.ts (browser timings in headless Chromium against the built app), each run
// with tsx, one after another so they do not compete for the CPU. `npm run bench -- frame` runs only
// the files whose path contains "frame".
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2];
const find = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? find(path) : name.endsWith('.bench.ts') ? [path] : [];
  });

const files = [...find('src'), ...find('scripts/bench')].filter((f) => !filter || f.includes(filter));
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (failed) {
  console.error(`\n${failed} benchmark file(s) failed`);
  process.exit(1);
}
