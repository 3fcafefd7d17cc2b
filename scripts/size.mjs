// Bundle-size report: the gzip size of every built file, split into what the playground page loads at
// start (its HTML entry and the chunks it imports statically) and what loads later (lazy chunks,
// workers, wasm). Usage: npm run size [-- --no-build] [-- --json]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.env.SIZE_DIST ?? 'dist';
const args = new Set(process.argv.slice(2));
if (!args.has('--no-build') || !existsSync(join(dist, '.vite/manifest.json'))) {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

/** Files one HTML entry loads before anything lazy: the entry chunk, its static imports, their CSS. */
function startFiles(entryKey) {
  const seen = new Set();
  const files = new Set();
  const visit = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  visit(entryKey);
  return files;
}

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === '.vite') return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

const all = walk(dist)
  .filter((p) => /\.(js|mjs|css|wasm|html)$/.test(p))
  .map((p) => {
    const bytes = readFileSync(p);
    return { file: relative(dist, p), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);

const entries = Object.entries(manifest).filter(([, c]) => c.isEntry && c.src?.endsWith('.html'));
const kb = (n) => (n / 1024).toFixed(1).padStart(9);
const rows = [];
for (const [key] of entries) {
  const start = startFiles(key);
  const html = all.find((f) => f.file === key);
  const atStart = all.filter((f) => start.has(f.file) || f === html);
  const total = atStart.reduce((s, f) => s + f.gzip, 0);
  const jsTotal = atStart.filter((f) => f.file.endsWith('.js')).reduce((s, f) => s + f.gzip, 0);
  rows.push({ entry: key, atStart, total, jsTotal });
}
const startSet = new Set(rows.flatMap((r) => r.atStart.map((f) => f.file)));
const later = all.filter((f) => !startSet.has(f.file));

if (args.has('--json')) {
  console.log(JSON.stringify({ entries: rows, later }, null, 2));
} else {
  for (const r of rows) {
    console.log(`\nLoaded at start by ${r.entry}  (JS ${kb(r.jsTotal).trim()} KB gzip; all ${kb(r.total).trim()} KB)`);
    console.log(`${'file'.padEnd(58)} ${'raw KB'.padStart(9)} ${'gzip KB'.padStart(9)}`);
    for (const f of r.atStart) console.log(`${f.file.padEnd(58)} ${kb(f.raw)} ${kb(f.gzip)}`);
  }
  const laterTotal = later.reduce((s, f) => s + f.gzip, 0);
  console.log(`\nLoaded later (lazy chunks, workers, wasm)  (${kb(laterTotal).trim()} KB gzip)`);
  console.log(`${'file'.padEnd(58)} ${'raw KB'.padStart(9)} ${'gzip KB'.padStart(9)}`);
  for (const f of later) console.log(`${f.file.padEnd(58)} ${kb(f.raw)} ${kb(f.gzip)}`);
}
