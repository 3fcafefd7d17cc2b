/**
 * Compiler timings: analysis of a 300-line module (cold, warm, cached), its annotation, and the whole
 * analyse + bundle step for the tutorial's largest example (its files compile with sucrase; native
 * esbuild is injected for files that would need it; the browser's numbers come from the worker's
 * browser benchmark). Run: npx tsx src/compiler/compiler.bench.ts
 */
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { analyse } from './analyse';
import { annotation } from './annotate';
import { bundleProject } from './bundle';

function moduleOf(functions: number): string {
  const parts = [
    "import { tag, config, extractColumns } from 'hamilton';",
    "import type { DataFrame, Series } from 'hamilton/frame';",
    '',
  ];
  for (let i = 0; i < functions; i++) {
    const previous = i === 0 ? 'input' : `f${i - 1}`;
    parts.push(
      '/**',
      ` * Feature ${i}: a documented node.`,
      ` * @param ${previous} the previous feature`,
      ' */',
      `export const f${i} = tag({ owner: 'team${i % 3}' })(function f${i}(`,
      `  ${previous}: Series<number>,`,
      `  scale: number = ${i},`,
      `  label?: string,`,
      `): Series<number> {`,
      `  const shifted = ${previous}.add(scale);`,
      `  return label ? shifted : shifted.mul(2);`,
      '});',
      '',
    );
  }
  return parts.join('\n');
}

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(3);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms (n=${s.length})`;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const code = moduleOf(23);
console.log(`module: ${code.split('\n').length} lines, ${code.length} chars`);
console.log(
  `analyse, cold (first parse in the process): ${time(() => analyse(code, 'cold.ts')).toFixed(3)} ms`,
);
const warm: number[] = [];
for (let i = 0; i < 400; i++) {
  const edited = `${code}// edit ${i}\n`; // new content: no cache hit, as after a keystroke
  warm.push(time(() => analyse(edited, 'features.ts')));
}
console.log(`analyse, first 100 changed contents (JIT warming up): ${stats(warm.slice(0, 100))}`);
console.log(`analyse, warm, changed content: ${stats(warm.slice(100))}`);
const cached: number[] = [];
for (let i = 0; i < 300; i++) cached.push(time(() => analyse(code, 'cold.ts')));
console.log(`analyse, unchanged content (cache): ${stats(cached)}`);
const analysis = analyse(code, 'cold.ts');
if (analysis.diagnostics.length > 0) throw new Error(JSON.stringify(analysis.diagnostics));
const annotate: number[] = [];
for (let i = 0; i < 300; i++) annotate.push(time(() => annotation(analysis)));
console.log(`annotation of its ${analysis.functions.length} functions: ${stats(annotate)}`);

const names = ['load_data.ts', 'features.ts', 'data_sets.ts'];
const files = names.map((name) => ({
  name,
  code: readFileSync(new URL(`../examples/lineage/${name}`, import.meta.url), 'utf8'),
}));
const edits: number[] = [];
const bundles: number[] = [];
for (let i = 0; i < 100; i++) {
  // One file edited per round, as when typing in one tab.
  const project = files.map((f, j) => (j === 1 ? { ...f, code: `${f.code}// edit ${i}\n` } : f));
  const t = performance.now();
  const r = await bundleProject(esbuild, project);
  edits.push(performance.now() - t);
  bundles.push(r.timings.bundle);
  if (r.diagnostics.length > 0) throw new Error(JSON.stringify(r.diagnostics));
}
console.log(
  `analyse + bundle of the lineage example (3 files) after an edit (the edited file recompiled): ${stats(edits.slice(10))}`,
);
console.log(`  of which compiling and linking: ${stats(bundles.slice(10))}`);

// What the Vite plugin (and so this repository's vitest run) spends deciding which files are Hamilton
// modules and analysing them: every TypeScript file of src/ through the plugin's own tests, cold.
const { readdirSync, statSync } = await import('node:fs');
const { join } = await import('node:path');
const { includesPath, mayImport, importsHamilton } = await import('./filter');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
const repoFiles = walk(new URL('../', import.meta.url).pathname).map((path) => ({
  path,
  code: readFileSync(path, 'utf8'),
}));
let parsed = 0;
let modules = 0;
const started = performance.now();
for (const { path, code: text } of repoFiles) {
  if (!includesPath(path) || !mayImport(text)) continue;
  parsed++;
  if (importsHamilton(analyse(text, path))) modules++;
}
console.log(
  `plugin filter + analysis over this repository's ${repoFiles.length} src files: ${parsed} parsed, ${modules} Hamilton modules, ${(performance.now() - started).toFixed(1)} ms in all`,
);
