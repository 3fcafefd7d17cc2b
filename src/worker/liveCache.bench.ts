/**
 * Live mode's memory budget, in Node: a 100-edit random session of the e-commerce example (edits of one
 * function's constant, new execution times, new survey tables of 2,000–10,000 rows), each version in a
 * fresh Session seeded from one LiveCache and sending its news back through a structured clone, as the
 * runtime worker and the user-code workers do. The cache must stay under its bound (the default 200 MB,
 * and a tight 4 MB that forces eviction) after every run.
 * Usage: npx tsx src/worker/liveCache.bench.ts
 */
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import { bundle } from './build';
import { LiveCache } from './liveCache';
import type { RunRequest, SourceFile } from './protocol';
import { installRuntime } from './runtime';
import { Session } from './session';

installRuntime(hamilton, frame);
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const files: SourceFile[] = ['load_data.ts', 'features.ts', 'data_sets.ts'].map((name) => ({
  name,
  code: read(`../examples/ecommerce/${name}`),
}));
const logins = read('../../public/data/login_data.csv');

let seed = 11;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

function survey(rows: number): string {
  const lines = ['client_id,budget,age,gender'];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `${(i % 300) + 1},${Math.round(100 + random() * 3000)},${Math.round(18 + random() * 60)},${random() < 0.5 ? 'female' : 'male'}`,
    );
  return lines.join('\n');
}

async function session(maxBytes: number, edits: number) {
  const cache = new LiveCache(maxBytes);
  let lastRun: RunRequest | undefined;
  let threshold = 1000;
  let table = read('../../public/data/survey_results.csv');
  let day = 1;
  let peak = 0;
  let computed = 0;
  let reused = 0;
  for (let i = 0; i < edits; i++) {
    const pick = random();
    if (pick < 0.5) threshold = 500 + Math.floor(random() * 1000);
    else if (pick < 0.8) day = 1 + Math.floor(random() * 28);
    else table = survey(2000 + Math.floor(random() * 8000));
    const version = files.map((f) =>
      f.name === 'features.ts'
        ? { ...f, code: f.code.replace('budget.gt(1000)', `budget.gt(${threshold})`) }
        : f,
    );
    const nodes = new Set<string>();
    const s = new Session({
      post: (e) => {
        if (e.type === 'compiled') e.graph?.nodes.forEach((n) => nodes.add(n.name));
        if (e.type === 'node-finished' && e.cached) reused++;
        else if (e.type === 'node-finished') computed++;
      },
      now: () => performance.now(),
    });
    s.useCache(structuredClone(cache.index()));
    s.compileBundled(
      { type: 'compile', id: 1, files: version, config: {} },
      await bundle(esbuild, version),
      0,
      lastRun,
    );
    s.seedCache(structuredClone(cache.resultsOf(nodes)));
    lastRun = {
      type: 'run',
      id: 2,
      outputs: ['feature_set_v1'],
      inputs: { execution_time: `2024-06-${String(day).padStart(2, '0')}` },
      overrides: {},
      tables: { survey_data: table, login_data: logins },
    };
    await s.receive(lastRun);
    const news = s.takeCacheNews();
    if (news) cache.add(structuredClone(news));
    peak = Math.max(peak, cache.bytes);
    if (cache.bytes > maxBytes)
      throw new Error(`over the bound after edit ${i}: ${cache.bytes} > ${maxBytes}`);
  }
  return { peak, final: cache.bytes, results: cache.size, computed, reused };
}

const MB = 1024 * 1024;
for (const bound of [200 * MB, 4 * MB]) {
  const r = await session(bound, 100);
  console.log(
    `100-edit random session, bound ${(bound / MB).toFixed(0)} MB: peak ${(r.peak / MB).toFixed(2)} MB, ` +
      `final ${(r.final / MB).toFixed(2)} MB in ${r.results} values; nodes computed ${r.computed}, reused ${r.reused}`,
  );
}
