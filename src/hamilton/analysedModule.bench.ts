/**
 * Uncached execution of a real analysed module: a generated TypeScript file of 10,000 exported
 * functions in layers of 10 (each reading two of the previous layer; the first layer reads the input
 * `x`), imported through the compiler's Node loader (the same analysis the Vite plugin and the
 * playground's worker apply). Then, 7 times, a fresh driver is built and every node computed with
 * `executeSync`; the medians include the first, cold, round. Budgets: build ≤ 1 µs and executeSync of
 * all nodes ≤ 0.3 µs per node.
 * Run: `npm run bench -- analysedModule` (or `npx tsx src/hamilton/analysedModule.bench.ts`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModules } from '../compiler/node';
import { Builder } from './builder';

const N = 10_000;
const WIDTH = 10;
const ROUNDS = 7;
const BUDGET = { build: 1, executeSync: 0.3 };

/** The module's text: node i reads `x` (first layer) or two nodes of the layer before it. */
function moduleText(): string {
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    if (i < WIDTH) {
      lines.push(`export function n${i}(x: number): number {\n  return x * 0.5 + ${i};\n}`);
      continue;
    }
    const start = i - (i % WIDTH) - WIDTH;
    const a = `n${start + (i % WIDTH)}`;
    const b = `n${start + ((i + 1) % WIDTH)}`;
    lines.push(
      `export function n${i}(${a}: number, ${b}: number): number {\n  return (${a} + ${b}) * 0.5 + 1;\n}`,
    );
  }
  return lines.join('\n\n') + '\n';
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perNode = (ms: number) => (ms * 1000) / N;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hamilton-bench-'));
  try {
    const file = join(dir, 'layered.ts');
    writeFileSync(file, moduleText());
    let t = performance.now();
    const [mod] = await loadModules([file]);
    const importMs = performance.now() - t;
    const names = Array.from({ length: N }, (_, i) => `n${i}`);
    const builds: number[] = [];
    const runs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      t = performance.now();
      const dr = new Builder().withModules(mod).build();
      builds.push(performance.now() - t);
      t = performance.now();
      const out = dr.executeSync(names, { inputs: { x: 1 } }) as Record<string, number>;
      runs.push(performance.now() - t);
      if (!Number.isFinite(out[`n${N - 1}`])) throw new Error('the last node computed no number');
    }
    const line = (label: string, times: readonly number[], budget: number) => {
      const us = perNode(median(times));
      console.log(
        `  ${label.padEnd(28)} ${us.toFixed(3).padStart(7)} µs/node  (budget ≤ ${budget}) ${us <= budget ? 'OK' : 'OVER'}` +
          `  (first round ${perNode(times[0]).toFixed(3)}, fastest ${perNode(Math.min(...times)).toFixed(3)})`,
      );
    };
    console.log(
      `Analysed module of ${N.toLocaleString('en')} layered nodes, medians of ${ROUNDS} rounds (the first included):`,
    );
    console.log(`  ${'import (analyse + transform)'.padEnd(28)} ${importMs.toFixed(0).padStart(7)} ms, once`);
    line('build (fresh driver)', builds, BUDGET.build);
    line('executeSync of every node', runs, BUDGET.executeSync);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
