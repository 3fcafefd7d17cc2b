/**
 * Live mode's budgets, in headless Chromium against the production build, through the real host on
 * worker-test.html, warm (the project ran once, so the worker's cache holds its values): an edit of one
 * function near the end of the graph → its compile → the live run of the stale nodes → results received.
 * - e-commerce (`is_high_roller`'s threshold): ≤ 60 ms median; Hello (`d`): ≤ 30 ms median.
 * The page's paint of the results is not in this number (the UI benchmark times drawing).
 * Usage: npx tsx scripts/bench/live.bench.ts   (LIVE_BENCH_DIST=dist reuses a test build; LIVE_BENCH_PORT, LIVE_BENCH_RUNS)
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, ensureBuild, startPreview } from '../browser';

const dist = process.env.LIVE_BENCH_DIST ?? 'dist-worker-bench';
const port = Number(process.env.LIVE_BENCH_PORT ?? 4181);
const runs = Number(process.env.LIVE_BENCH_RUNS ?? 15);

/** Each example, the text its edit replaces, and the budget. */
const cases = [
  { id: 'hello', find: 'c.pow(3)', edit: 'c.pow(3).add(EDIT)', budget: 30 },
  { id: 'ecommerce', find: 'budget.gt(1000)', edit: 'budget.gt(EDIT)', budget: 60 },
];

interface LiveTimes {
  median: number;
  /** Of which edit → graph. */
  compile: number;
  /** Medians of the compile's own steps (its `timings`), of the run inside the worker and graph → results. */
  steps: Record<string, number>;
  computed: number;
  cached: number;
  ok: boolean;
}

async function main() {
  ensureBuild(dist, false);
  const server = await startPreview(dist, port);
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      console.log(`live mode budgets, medians of ${runs} (Chromium ${browser.version()}, ${dist})`);
      for (const c of cases) {
        const page = await (await browser.newContext()).newPage();
        // tsx names the functions below with a `__name` helper the page does not have.
        await page.addInitScript('globalThis.__name = (f) => f;');
        await page.goto(`http://127.0.0.1:${port}/worker-test.html`);
        await page.waitForFunction(() => window.workerTest?.readyAt !== undefined, undefined, {
          timeout: 60_000,
        });
        const t: LiveTimes = await page.evaluate(
          async ({ c, runs }) => {
            const { host, examples } = window.workerTest;
            const { workspace } = examples.find((e) => e.id === c.id)!;
            // The e-commerce tables are served data files: the page reads them as the playground does.
            const tables: Record<string, string> = {};
            for (const [name, path] of Object.entries(workspace.tables))
              tables[name] = await (await fetch(`/${path}`)).text();
            const request = { outputs: workspace.outputs, inputs: workspace.inputs, overrides: {}, tables };
            let compiledAt = 0;
            const compileSteps: Record<string, number>[] = [];
            const runSteps: { worker: number; run: number }[] = [];
            const compileThenRun = (files: typeof workspace.files, live: boolean) =>
              new Promise<{ ok: boolean; computed: number; cached: number }>((resolve) => {
                let compileId = -1;
                let runId = -1;
                let computed = 0;
                let cached = 0;
                const off = host.subscribe((e) => {
                  if (e.type === 'compiled' && e.id === compileId) {
                    compiledAt = performance.now();
                    compileSteps.push(e.timings);
                    runId = host.run({ ...request, ...(live && { live: true }) });
                  } else if (e.type === 'node-finished' && e.runId === runId) {
                    if (e.cached) cached++;
                    else computed++;
                  } else if (e.type === 'run-finished' && e.runId === runId) {
                    runSteps.push({ worker: e.durationMs, run: performance.now() - compiledAt });
                    off();
                    resolve({ ok: e.ok, computed, cached });
                  }
                });
                compileId = host.compile(files, workspace.config);
              });
            const edited = (i: number) =>
              workspace.files.map((f) =>
                f.code.includes(c.find)
                  ? { ...f, code: f.code.replace(c.find, c.edit.replace('EDIT', String(1000 + i))) }
                  : f,
              );
            // Warm: esbuild's wasm tiers up over its first compiles; the cache gets the project's values.
            for (let i = 0; i < 20; i++) await compileThenRun(edited(i), true);
            const times: number[] = [];
            const compiles: number[] = [];
            let last = { ok: true, computed: 0, cached: 0 };
            for (let i = 0; i < runs; i++) {
              // Edits reach the worker at most once per debounce (150 ms after typing stops).
              await new Promise((resolve) => setTimeout(resolve, 150));
              const start = performance.now();
              last = await compileThenRun(edited(100 + i), true);
              times.push(performance.now() - start);
              compiles.push(compiledAt - start);
            }
            times.sort((a, b) => a - b);
            compiles.sort((a, b) => a - b);
            const middle = Math.floor(times.length / 2);
            const medianOf = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
            const measured = { compile: compileSteps.slice(-runs), run: runSteps.slice(-runs) };
            const steps: Record<string, number> = {};
            for (const name of Object.keys(measured.compile[0]))
              steps[name] = medianOf(measured.compile.map((t) => t[name] ?? 0));
            steps['run in the worker'] = medianOf(measured.run.map((t) => t.worker));
            steps['graph → results'] = medianOf(measured.run.map((t) => t.run));
            return { median: times[middle], compile: compiles[middle], steps, ...last };
          },
          { c, runs },
        );
        console.log(
          `edit → compile → live run → results, ${c.id.padEnd(9)} ${t.median.toFixed(1).padStart(6)} ms  ≤ ${c.budget} ms` +
            `  (graph after ${t.compile.toFixed(1)} ms; ${t.computed} computed, ${t.cached} from the cache${t.ok ? '' : ', FAILED'})`,
        );
        console.log(
          `  of which: ${Object.entries(t.steps)
            .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
            .join(', ')} ms`,
        );
        await page.context().close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}

await main();
