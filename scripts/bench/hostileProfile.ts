/**
 * Where the page's long tasks go while a hostile workload runs in the playground: a sampling CPU profile
 * (Chrome DevTools Protocol) of the run, its samples kept only inside the long tasks a
 * `PerformanceObserver` saw (over 100 ms), summed per function (self time, and time with callees), then
 * each such task on its own.
 * With `open` after the workload it profiles the page's opening instead (from navigation until the page
 * is settled; the profile's clock is lined up with the page's by a mark the page makes).
 * Build without minifying so the names mean something.
 * Usage: npx vite build --mode test --minify false --outDir dist-profile
 *        HOSTILE_BENCH_DIST=dist-profile npx tsx scripts/bench/hostileProfile.ts <flood|endless|5000|20000>
 *        (add `open` after the workload for the opening)
 */
import type { Page } from 'playwright-core';
import { withServedBuild } from '../browser';
import { encodeLink } from '../../src/share/link';
import { parameterizedWorkspace } from './bigWorkspace';
import { codeWorkspace, ENDLESS, FLOOD } from './floods';
import { longestTask, observeLongTasks, openLink, runApp } from './longTasks';

const dist = process.env.HOSTILE_BENCH_DIST ?? 'dist-profile';
const port = Number(process.env.HOSTILE_BENCH_PORT ?? 4197);
const which = process.argv[2] ?? 'flood';
const opening = process.argv[3] === 'open';
const workspace =
  which === 'flood'
    ? codeWorkspace(FLOOD)
    : which === 'endless'
      ? codeWorkspace(ENDLESS)
      : parameterizedWorkspace(Number(which));
/** Long tasks shorter than this are left out of the profile's sums. */
const LONG_MS = 100;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const nameOf = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

/** The page's long tasks since it opened, as [start, duration] in its `performance.now()` time. */
async function recordTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { tasks: number[][] };
    w.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
}

/** Milliseconds per function, self and with callees, of the samples inside `tasks`. */
function sums(profile: Profile, t0: number, tasks: readonly number[][]) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
  let t = profile.startTime;
  const samples = profile.samples ?? [];
  samples.forEach((id, i) => {
    const delta = profile.timeDeltas?.[i] ?? 0;
    t += delta;
    const at = t0 + (t - profile.startTime) / 1000;
    if (!tasks.some(([s, d]) => at >= s && at <= s + d)) return;
    add(self, nameOf(byId.get(id)!), delta / 1000);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = nameOf(byId.get(n)!);
      if (!seen.has(name)) add(total, name, delta / 1000);
      seen.add(name);
    }
  });
  return { self, total };
}

/**
 * Where `performance.now()` 0 falls on the profile's clock (ms from the profile's start): the page busies
 * itself in a function of a known name at a known `performance.now()`, and the profile's first sample in
 * it says when that was.
 */
async function lineUp(page: Page): Promise<(profile: Profile) => number> {
  const at = await page.evaluate(function profileMark() {
    const t = performance.now();
    while (performance.now() - t < 5);
    return t;
  });
  return (profile) => {
    const marks = new Set(
      profile.nodes.filter((n) => n.callFrame.functionName === 'profileMark').map((n) => n.id),
    );
    let t = 0;
    const samples = profile.samples ?? [];
    for (let i = 0; i < samples.length; i++) {
      t += (profile.timeDeltas?.[i] ?? 0) / 1000;
      if (marks.has(samples[i])) return at - t;
    }
    throw new Error('the profile has no sample of the mark');
  };
}

const top = (m: Map<string, number>, count = 25) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');

/** Opens the workload's link and waits until its graph is drawn and the page settled. */
const openAndSettle = (page: Page) =>
  openLink(
    page,
    `http://127.0.0.1:${port}/${encodeLink(workspace)}`,
    which === 'flood' || which === 'endless' ? { node: which } : { nodes: Number(which) },
  );

/** The page's CPU profiler, ready to start (a sample every 0.2 ms). */
async function profiler(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  return cdp;
}

/** Per function, then task by task: the profile of the page's opening, from navigation until settled. */
async function profileOpening(page: Page): Promise<void> {
  await page.goto('about:blank');
  const cdp = await profiler(page);
  await cdp.send('Profiler.start');
  await openAndSettle(page);
  await longestTask(page);
  const origin = await lineUp(page);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const tasks = await page.evaluate(() => (window as unknown as { tasks: number[][] }).tasks);
  report(`${which}, opening`, profile, origin(profile), tasks);
}

/** Long tasks (start, duration), then per function in those over LONG_MS, then each of them. */
function report(what: string, profile: Profile, t0: number, tasks: readonly number[][]): void {
  console.log(
    `${what}: long tasks (start, ms):`,
    tasks.map(([s, d]) => `${Math.round(s - t0)}+${Math.round(d)}`).join(' ') || 'none',
  );
  const long = tasks.filter(([, d]) => d > LONG_MS);
  const { self, total } = sums(profile, t0, long);
  console.log(`self time in tasks over ${LONG_MS} ms\n${top(self)}`);
  // Each long task on its own: what one frame's work was made of.
  for (const task of long) {
    const one = sums(profile, t0, [task]);
    console.log(
      `task at ${Math.round(task[0] - t0)} ms, ${Math.round(task[1])} ms, with callees\n${top(one.total, 14)}\nself\n${top(one.self, 8)}`,
    );
  }
  console.log(`time with callees in tasks over ${LONG_MS} ms\n${top(total)}`);
}

void withServedBuild(dist, port, false, async (browser) => {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await observeLongTasks(page);
  await recordTasks(page);
  if (opening) return profileOpening(page);
  await openAndSettle(page);
  const cdp = await profiler(page);
  const t0 = await page.evaluate(() => {
    (window as unknown as { tasks: number[][] }).tasks = [];
    return performance.now();
  });
  await cdp.send('Profiler.start');
  await runApp(page, which === 'endless' ? 'endless' : undefined);
  // Waits for a frame and a task after it: the last long task has been reported.
  await longestTask(page);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const tasks = await page.evaluate(() => (window as unknown as { tasks: number[][] }).tasks);
  report(`${which}, run (start after Run)`, profile, t0, tasks);
});
