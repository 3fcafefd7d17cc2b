/**
 * Budgets of hamilton/frame, measured: `npx tsx src/frame/frame.bench.ts`.
 * Each timing is the median of several runs after warm-up; the process exits non-zero when a budget fails.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { DataFrame, Series } from './index';

const ROWS = 1_000_000;
const JOIN_ROWS = 100_000;

function median(run: () => unknown, repeats = 15): number {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

let failed = false;
function report(name: string, value: string, budget: string, ok: boolean): void {
  failed ||= !ok;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(44)} ${value.padEnd(34)} budget ${budget}`);
}

// Deterministic data; strings are built at run time, as a CSV parser makes them (not interned literals).
const ageValues = new Float64Array(ROWS);
const genderValues = new Array<string>(ROWS);
for (let i = 0; i < ROWS; i++) {
  ageValues[i] = 18 + ((i * 7919) % 63);
  genderValues[i] = ['fe', 'male'].slice(i % 3 === 0 ? 0 : 1).join('');
}
const age = Series.from(ageValues);
const gender = Series.from(genderValues);
const mean = age.mean();
const std = age.std();

/** A Series operation against the same loop written by hand: at most `limit` times slower. */
function againstHand(name: string, series: () => unknown, hand: () => unknown, limit: number | null): void {
  const ms = median(series);
  const handMs = median(hand);
  report(
    name,
    `${ms.toFixed(2)} ms vs hand ${handMs.toFixed(2)} ms = ${(ms / handMs).toFixed(2)}x`,
    limit === null ? '(info)' : `<= ${limit}x`,
    limit === null || ms <= limit * handMs,
  );
}

againstHand(
  'age.sub(mean).div(std), 1M rows',
  () => age.sub(mean).div(std),
  () => {
    const out = new Float64Array(ROWS);
    for (let i = 0; i < ROWS; i++) out[i] = (ageValues[i] - mean) / std;
    return out;
  },
  2,
);
againstHand(
  "gender.eq('male'), 1M rows",
  () => gender.eq('male'),
  () => {
    const out = new Uint8Array(ROWS);
    for (let i = 0; i < ROWS; i++) out[i] = genderValues[i] === 'male' ? 1 : 0;
    return out;
  },
  2,
);

// mean + std: one pass over the data (stats() on a fresh Series, so nothing is cached), against the
// hand-written two-pass loop; then std() after mean() on one Series costs nothing (the pass is cached).
const handTwoPass = median(() => {
  let sum = 0;
  for (let i = 0; i < ROWS; i++) sum += ageValues[i];
  const m = sum / ROWS;
  let squares = 0;
  for (let i = 0; i < ROWS; i++) squares += (ageValues[i] - m) ** 2;
  return Math.sqrt(squares / (ROWS - 1));
});
const onePass = median(() => Series.from(ageValues).stats());
const meanThenStd = median(() => {
  const fresh = Series.from(ageValues);
  return [fresh.mean(), fresh.std()];
});
report(
  'mean + std in one pass, 1M rows',
  `${onePass.toFixed(2)} ms (mean() then std(): ${meanThenStd.toFixed(2)} ms) vs hand 2-pass ${handTwoPass.toFixed(2)} ms`,
  'one pass',
  Math.abs(Series.from(ageValues).std() - std) < 1e-9,
);

againstHand(
  'normalize incl. mean and std, 1M rows',
  () => {
    const fresh = Series.from(ageValues);
    return fresh.sub(fresh.mean()).div(fresh.std());
  },
  () => {
    let sum = 0;
    for (let i = 0; i < ROWS; i++) sum += ageValues[i];
    const m = sum / ROWS;
    let squares = 0;
    for (let i = 0; i < ROWS; i++) squares += (ageValues[i] - m) ** 2;
    const s = Math.sqrt(squares / (ROWS - 1));
    const out = new Float64Array(ROWS);
    for (let i = 0; i < ROWS; i++) out[i] = (ageValues[i] - m) / s;
    return out;
  },
  null,
);

// Left join of 100,000 by 100,000 rows: every left key unique-ish in shuffled order, 10% unmatched.
const leftIds = new Float64Array(JOIN_ROWS);
for (let i = 0; i < JOIN_ROWS; i++) leftIds[i] = (i * 48271) % (JOIN_ROWS + JOIN_ROWS / 10);
const left = DataFrame.fromColumns({ client_id: leftIds, budget: leftIds.map((x) => x * 3) });
const rightIds = new Float64Array(JOIN_ROWS);
for (let i = 0; i < JOIN_ROWS; i++) rightIds[i] = JOIN_ROWS - 1 - i;
const right = DataFrame.fromColumns(
  {
    client_id: rightIds,
    last_login: rightIds.map((x) => 1.7e12 + x * 1000),
    channel: Array.from(rightIds, (x) => `c${x % 7}`),
  },
  { dtypes: { last_login: 'date' } },
);
const join = median(() => left.leftJoin(right, { on: 'client_id' }), 11);
report('leftJoin 100k x 100k rows', `${join.toFixed(2)} ms`, '< 100 ms', join < 100);

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  write: false,
});
const bytes = bundle.outputFiles[0].contents;
const gzipped = gzipSync(bytes, { level: 9 }).length;
report(
  'hamilton/frame bundle (esbuild --minify, gzip -9)',
  `${(gzipped / 1024).toFixed(1)} KB gzip (${(bytes.length / 1024).toFixed(1)} KB min)`,
  '< 15 KB gzip',
  gzipped < 15 * 1024,
);

if (failed) process.exitCode = 1;
