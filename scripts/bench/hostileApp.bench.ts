/**
 * Hostile workloads through the whole playground (the React views included), in headless Chromium at
 * 1440×900 against a test build served by vite preview: a million console lines, printing until Stop,
 * and runs of 5,000 and 20,000 nodes. For each, the page's longest main-thread task while the graph
 * opened and while the run went on (budget ≤ 200 ms; 0 means none over 50 ms), medians of
 * HOSTILE_BENCH_RUNS rounds (default 3), each in a fresh page.
 * Usage: npx tsx scripts/bench/hostileApp.bench.ts   (HOSTILE_BENCH_DIST reuses a build; HOSTILE_BENCH_PORT;
 * HOSTILE_BENCH_ONLY=<text> measures only the workloads whose name contains it, e.g. "console" or "5,000")
 */
import type { Browser } from 'playwright-core';
import { withServedBuild } from '../browser';
import { encodeLink } from '../../src/share/link';
import type { Workspace } from '../../src/share/workspace';
import { parameterizedWorkspace } from './bigWorkspace';
import { codeWorkspace, ENDLESS, FLOOD } from './floods';
import {
  longestTask,
  median,
  observeLongTasks,
  openLink,
  resetLongest,
  runApp,
  DRAW_WAIT_MS,
  type Drawn,
} from './longTasks';

const dist = process.env.HOSTILE_BENCH_DIST ?? 'dist-hostile-bench';
const port = Number(process.env.HOSTILE_BENCH_PORT ?? 4196);
const rounds = Number(process.env.HOSTILE_BENCH_RUNS ?? 3);

interface Workload {
  readonly name: string;
  readonly workspace: Workspace;
  readonly drawn: Drawn;
  /** Stop the run once this node runs (else the run is let finish). */
  readonly stopAt?: string;
}

const allWorkloads: Workload[] = [
  { name: '1,000,000 console lines in a node', workspace: codeWorkspace(FLOOD), drawn: { node: 'flood' } },
  {
    name: 'printing without end, then Stop',
    workspace: codeWorkspace(ENDLESS),
    drawn: { node: 'endless' },
    stopAt: 'endless',
  },
  { name: 'a 5,000-node run', workspace: parameterizedWorkspace(5000), drawn: { nodes: 5000 } },
  { name: 'a 20,000-node run', workspace: parameterizedWorkspace(20_000), drawn: { nodes: 20_000 } },
];
const only = process.env.HOSTILE_BENCH_ONLY;
const workloads = only ? allWorkloads.filter((w) => w.name.includes(only)) : allWorkloads;

/** One round: the longest task while opening, while running, and the run's wall time. */
async function round(browser: Browser, workload: Workload) {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await observeLongTasks(page);
  const opened = await openLink(
    page,
    `http://127.0.0.1:${port}/${encodeLink(workload.workspace)}`,
    workload.drawn,
  );
  const opening = await longestTask(page);
  if (opened === 'uncompiled') {
    await page.context().close();
    return { opening, running: NaN, wall: NaN, opened };
  }
  await resetLongest(page);
  const t = Date.now();
  await runApp(page, workload.stopAt);
  const wall = Date.now() - t;
  const running = await longestTask(page);
  await page.context().close();
  return { opening, running, wall, opened };
}

async function main() {
  await withServedBuild(dist, port, !process.env.HOSTILE_BENCH_DIST, async (browser) => {
    console.log(
      `hostile workloads in the playground (Chromium ${browser.version()}, ${dist}, median of ${rounds}): longest page task while the graph opened, while the run went on (≤ 200 ms), run time`,
    );
    const w = Math.max(...workloads.map((x) => x.name.length));
    for (const workload of workloads) {
      const results: Awaited<ReturnType<typeof round>>[] = [];
      for (let i = 0; i < rounds; i++) results.push(await round(browser, workload));
      const ran = results.filter((r) => r.opened !== 'uncompiled');
      const ms = (pick: (r: (typeof results)[number]) => number) =>
        `${ran.length ? median(ran.map(pick)).toFixed(0) : '–'} ms`.padStart(9);
      const count = (what: string) => results.filter((r) => r.opened === what).length;
      const note = [
        count('undrawn') &&
          `graph not drawn within ${DRAW_WAIT_MS / 1000} s in ${count('undrawn')} of ${rounds}`,
        count('uncompiled') &&
          `module code stopped at the 5 s limit in ${count('uncompiled')} of ${rounds} (not run)`,
      ]
        .filter(Boolean)
        .join('; ');
      console.log(
        `${workload.name.padEnd(w)}  ${ms((r) => r.opening)}  ${ms((r) => r.running)}  ${ms((r) => r.wall)}${note && `  (${note})`}`,
      );
    }
  });
}

await main();
