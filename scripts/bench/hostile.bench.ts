/**
 * Hostile workloads against the worker, in headless Chromium against a test build served by vite
 * preview, through the real host on worker-test.html. For each: the page's longest main-thread task while
 * it ran (budget ≤ 200 ms, from a `PerformanceObserver` for long tasks; 0 means none over 50 ms), and how
 * long the next edit took to answer (budget ≤ 1.5 s after a watchdog bypass); medians of
 * HOSTILE_BENCH_RUNS rounds (default 3), each in a fresh page. (`hostileApp.bench.ts` measures the
 * whole playground, its views included.)
 * Usage: npx tsx scripts/bench/hostile.bench.ts   (HOSTILE_BENCH_DIST reuses a build; HOSTILE_BENCH_PORT)
 */
import type { Page } from 'playwright-core';
import { withServedBuild } from '../browser';
import { bigWorkspace, parameterizedWorkspace } from './bigWorkspace';
import { median, observeLongTasks } from './longTasks';

const dist = process.env.HOSTILE_BENCH_DIST ?? 'dist-hostile-bench';
const port = Number(process.env.HOSTILE_BENCH_PORT ?? 4195);

interface Workload {
  readonly name: string;
  readonly code: string;
  /** Run it (else compiling it is the workload). */
  readonly run: boolean;
  /** The test page's query (a longer watchdog limit for slow module code). */
  readonly query?: string;
}

const rounds = Number(process.env.HOSTILE_BENCH_RUNS ?? 3);

const workloads: Workload[] = [
  {
    name: '1,000,000 console lines in a node',
    code: 'export function flood(x: number): number {\n  for (let i = 0; i < 1_000_000; i++) console.log(`line ${i}`);\n  return x;\n}\n',
    run: true,
  },
  {
    name: 'a 200 MB string in a Series',
    code: "import { Series } from 'hamilton/frame';\nexport function big(x: number): Series<string> {\n  return Series.from(['x'.repeat(200_000_000)]);\n}\n",
    run: true,
  },
  {
    name: 'a 200 MB string thrown by a node',
    code: "export function boom(x: number): number {\n  throw new Error('y'.repeat(200_000_000));\n}\n",
    run: true,
  },
  {
    name: 'a 200 MB string thrown by module code',
    code: "throw new Error('y'.repeat(200_000_000));\nexport function t(x: number): number {\n  return x;\n}\n",
    run: false,
  },
  {
    name: 'a setTimeout that spins, started by a node',
    code: 'export function t(x: number): number {\n  setTimeout(() => { while (true) {} });\n  return x;\n}\n',
    run: true,
  },
  {
    name: 'an endless microtask loop in module code',
    code: '(async () => { for (;;) await null; })();\nexport function t(x: number): number {\n  return x;\n}\n',
    run: false,
  },
  {
    name: 'self.close() in module code',
    code: '(self as unknown as { close(): void }).close();\nexport function t(x: number): number {\n  return x;\n}\n',
    run: false,
  },
  { name: 'a 5,000-node graph, compiled and run', code: bigWorkspace(5000).files[0].code, run: true },
  {
    name: 'a 20,000-node graph, compiled and run',
    code: parameterizedWorkspace(20_000).files[0].code,
    run: true,
    // Building 20,000 nodes can pass the default 5 s on a loaded machine: the page, not the limit, is measured.
    query: '?timeout=60000',
  },
];

/** The page side of {@link measure}, as script text. */
const MEASURE = `
    const { host } = window.workerTest;
    const w = window;
    w.longest = 0;
    const next = (match) =>
      new Promise((resolve) => {
        const off = host.subscribe((e) => {
          if (match(e)) {
            off();
            resolve();
          }
        });
      });
    const inputs = {};
    for (let i = 0; i < 50; i++) inputs['x_' + i] = i;
    inputs.x = 1;
    let id = -1;
    const compiled = next((e) => e.type === 'compiled' && e.id === id);
    id = host.compile([{ name: 'w.ts', code }], {});
    await compiled;
    if (run) {
      let runId = -1;
      const finished = next((e) => e.type === 'run-finished' && e.runId === runId);
      runId = host.run({ outputs: [], inputs, overrides: {}, tables: {} });
      await finished;
    }
    const t = performance.now();
    let editId = -1;
    const edited = next((e) => e.type === 'compiled' && e.id === editId);
    editId = host.compile(
      [
        {
          name: 'ok.ts',
          code: 'export function ok(x: number): number {\\n  return x + ' + Math.random() + ';\\n}\\n',
        },
      ],
      {},
    );
    await edited;
    const nextEdit = performance.now() - t;
    // Let the long-task observer report the last tasks.
    await new Promise((r) => setTimeout(r, 100));
    return { longest: w.longest, nextEdit };
`;

/** Compiles (and runs) one workload, then an ordinary edit; the longest task and the edit's answer time. */
async function measure(page: Page, workload: Workload): Promise<{ longest: number; nextEdit: number }> {
  // A script text, not a function: tsx's name-keeping helpers do not exist in the page.
  const script = `(async ({ code, run }) => {${MEASURE}})(${JSON.stringify(workload)})`;
  return page.evaluate(script) as Promise<{ longest: number; nextEdit: number }>;
}

async function main() {
  await withServedBuild(dist, port, !process.env.HOSTILE_BENCH_DIST, async (browser) => {
    const rows: [string, string, string][] = [];
    for (const workload of workloads) {
      const measured: { longest: number; nextEdit: number }[] = [];
      for (let i = 0; i < rounds; i++) {
        const page = await (await browser.newContext()).newPage();
        await observeLongTasks(page);
        await page.goto(`http://127.0.0.1:${port}/worker-test.html${workload.query ?? ''}`);
        await page.waitForFunction(() => window.workerTest?.readyAt !== undefined, undefined, {
          timeout: 60_000,
        });
        measured.push(await measure(page, workload));
        await page.context().close();
      }
      const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
      rows.push([workload.name, ms(measured.map((m) => m.longest)), ms(measured.map((m) => m.nextEdit))]);
    }
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(
      `hostile workloads (Chromium ${browser.version()}, ${dist}, median of ${rounds}): longest page task (≤ 200 ms), next edit answered`,
    );
    for (const [name, longest, next] of rows)
      console.log(`${name.padEnd(w)}  ${longest.padStart(7)}  ${next.padStart(8)}`);
  });
}

await main();
