/**
 * Caching benchmark on the e-commerce example (src/examples/ecommerce) at 100,000 rows: the run without a
 * cache; a cold run with a cache (fingerprinting, keying and storing every result) and, of that,
 * fingerprinting alone (the budget: ≤ 10% of the uncached run); a re-run after one leaf node's code
 * changed (≤ 25% of the full run) and a fully cached re-run (≤ 5 ms). Medians of several runs; cold runs
 * get freshly made input frames, so no fingerprint is reused from an earlier run.
 * Run: `npm run bench -- cache` (or `npx tsx src/hamilton/caching/cache.bench.ts`).
 */
import { loadModules } from '../../compiler/node';
import { DataFrame, Series } from '../../frame';
import { Builder } from '../builder';
import { sourceOf, attachSource } from '../source';
import { dataVersionOf } from './fingerprint';
import type { CacheOptions } from './options';

const ROWS = 100_000;
const REPS = 51;
const EXECUTION_TIME = '2024-06-01';

function inputs(seed: number) {
  let s = seed;
  const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const ids = Float64Array.from({ length: ROWS }, (_, i) => i);
  const genders = ['male', 'female', 'other'];
  const survey_data = DataFrame.fromColumns({
    client_id: Series.from(ids),
    budget: Series.from(Float64Array.from({ length: ROWS }, () => random() * 2000)),
    age: Series.from(Float64Array.from({ length: ROWS }, () => 18 + Math.floor(random() * 60))),
    gender: Series.from(Array.from({ length: ROWS }, () => genders[Math.floor(random() * 3)])),
  });
  const shuffled = ids.slice().sort(() => random() - 0.5);
  const login_data = DataFrame.fromColumns({
    client_id: Series.from(shuffled),
    last_login: Series.from(
      Float64Array.from({ length: ROWS }, () => Date.UTC(2024, 0, 1) + random() * 1.5e10),
      'date',
    ),
  });
  return { survey_data, login_data, execution_time: EXECUTION_TIME };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const [loadData, features, dataSets] = await loadModules([
    'src/examples/ecommerce/load_data.ts',
    'src/examples/ecommerce/features.ts',
    'src/examples/ecommerce/data_sets.ts',
  ]);
  const modules = [loadData, features, dataSets];
  const request = ['feature_set_v1'];
  const given = inputs(1);
  const fresh = () => ({ inputs: inputs(1) });
  const driver = (mods: readonly object[], cache?: CacheOptions) => {
    const builder = new Builder().withModules(...mods);
    return cache ? builder.withCache(cache).build() : builder.build();
  };

  const uncached: number[] = [];
  const cold: number[] = [];
  for (let r = 0; r < REPS; r++) {
    // Alternate, so both see the same machine load; both get a new driver and new input frames.
    const plain = driver(modules);
    const a = fresh();
    uncached.push(timed(() => plain.executeSync(request, a)));
    const dr = driver(modules, {});
    const b = fresh();
    cold.push(timed(() => dr.executeSync(request, b)));
  }

  // Fingerprinting alone: every value a cold run versions (its inputs and every node's result), taken from
  // an uncached run that kept them all and hashed after it. The cold run hashes each result as it is
  // made, while it is still in the processor's cache, so this is an upper bound on its share.
  const keeper = driver(modules);
  const computed = keeper
    .whatIsUpstreamOf(...request)
    .filter((v) => !v.isExternalInput)
    .map((v) => v.name);
  const hashing: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const given = fresh();
    const values = keeper.executeSync(computed, given) as Record<string, unknown>;
    const all = [...Object.values(given.inputs), ...computed.map((name) => values[name])];
    hashing.push(timed(() => all.forEach(dataVersionOf)));
  }

  const cachedDriver = driver(modules, {});
  cachedDriver.executeSync(request, { inputs: given });
  const warm: number[] = [];
  for (let r = 0; r < REPS; r++) warm.push(timed(() => cachedDriver.executeSync(request, { inputs: given })));

  // One leaf node's code changes (is_female reads only gender; only feature_set_v1 reads it, and its
  // new values change feature_set_v1 too): a new driver over the stores of a fully cached run.
  const original = features.is_female as (gender: Series<string>) => Series<boolean>;
  const edited = attachSource(
    ((gender: Series<string>) => gender.ne('male')) as typeof original,
    sourceOf(original)!,
  );
  const editedModules = [loadData, { ...features, is_female: edited }, dataSets];
  const changed: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const primed = driver(modules, {});
    primed.executeSync(request, { inputs: given });
    const stores = { metadataStore: primed.cache.metadataStore, resultStore: primed.cache.resultStore };
    const dr = driver(editedModules, stores);
    changed.push(timed(() => dr.executeSync(request, { inputs: given })));
    if (r === 0) {
      const logs = dr.cache.logs({ runId: dr.cache.lastRunId });
      const ran = Object.keys(logs).filter((n) => logs[n].some((e) => e.eventType === 'EXECUTE_NODE'));
      console.log(`After the edit, executed: ${ran.join(', ')}`);
    }
  }

  const u = median(uncached);
  const c = median(cold);
  const f = median(hashing);
  const e = median(changed);
  const w = median(warm);
  const line = (label: string, value: string, budget: string, ok: boolean) =>
    console.log(`  ${label.padEnd(44)} ${value.padStart(10)}   (budget ${budget}) ${ok ? 'OK' : 'OVER'}`);
  console.log(`E-commerce, ${ROWS.toLocaleString('en')} rows, medians of ${REPS} runs:`);
  console.log(`  ${'uncached run'.padEnd(44)} ${`${u.toFixed(2)} ms`.padStart(10)}`);
  console.log(
    `  ${'cold cached run (fingerprint, key, store)'.padEnd(44)} ${`${c.toFixed(2)} ms`.padStart(10)}`,
  );
  console.log(`  ${'  overhead'.padEnd(44)} ${`${(((c - u) / u) * 100).toFixed(1)} %`.padStart(10)}`);
  line('  of which fingerprinting, at most', `${f.toFixed(2)} ms`, '≤ 10% of the run', f <= u * 0.1);
  console.log(
    `  ${'  share of the uncached run'.padEnd(44)} ${`${((f / u) * 100).toFixed(1)} %`.padStart(10)}`,
  );
  line('re-run after a leaf node changed', `${e.toFixed(2)} ms`, '≤ 25% of full', e <= u * 0.25);
  console.log(`  ${'  share of the full run'.padEnd(44)} ${`${((e / u) * 100).toFixed(1)} %`.padStart(10)}`);
  line('fully cached re-run', `${w.toFixed(2)} ms`, '≤ 5 ms', w <= 5);
}

void main();
