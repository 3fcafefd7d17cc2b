/**
 * The UI's budgets, measured in headless Chromium against the production build served by
 * vite preview on our own port:
 * - JavaScript loaded before the first graph shows (gzip), and the time to that first graph from a cold load;
 * - layout and drawing of a 1,000-node graph (the page's own `hamilton:graph-*` User Timing marks),
 *   and the frame intervals while panning it; the same for a 10,000-node graph with subdags.
 * Usage: npx tsx scripts/bench/ui.bench.ts   (UI_BENCH_DIST=dist-bench reuses a build; UI_BENCH_PORT,
 * UI_BENCH_RUNS cold loads (default 5), UI_BENCH_BIG_RUNS big-graph loads (default 5), UI_BENCH_HUGE_RUNS 10,000-node loads (default 3))
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { linkUrl } from '../../src/share/link';
import type { Workspace } from '../../src/share/workspace';
import { bigWorkspace } from './bigWorkspace';
import { compactSubdagWorkspace } from './hugeWorkspace';
import { CHROMIUM_ARGS, chromiumPath, ensureBuild, startPreview } from '../browser';

const dist = process.env.UI_BENCH_DIST ?? 'dist-ui-bench';
const port = Number(process.env.UI_BENCH_PORT ?? 4176);
const runs = Number(process.env.UI_BENCH_RUNS ?? 5);
const base = `http://127.0.0.1:${port}/`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Records when the first graph node is attached, and every animation frame's time. A string, not a
 * function: tsx's keepNames would wrap inner functions in a `__name` helper the page does not have.
 */
const INIT = `
  window.__frames = [];
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-node]')) {
      window.__firstNode = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  requestAnimationFrame(function tick(t) {
    window.__frames.push(t);
    requestAnimationFrame(tick);
  });
`;

async function coldLoad(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ content: INIT });
  await page.goto(base);
  await page.waitForSelector('[data-node]', { timeout: 60_000 });
  const { firstNode, scripts, fetched } = await page.evaluate(() => {
    const firstNode = (window as unknown as { __firstNode: number }).__firstNode;
    const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (e) => e.responseEnd <= firstNode && /\.js(\?|$)/.test(e.name),
    );
    // Page scripts (what the graph needs) apart from fetches (the worker host preloading its script).
    return {
      firstNode,
      scripts: before.filter((e) => e.initiatorType !== 'fetch').map((e) => new URL(e.name).pathname),
      fetched: before.filter((e) => e.initiatorType === 'fetch').map((e) => new URL(e.name).pathname),
    };
  });
  await context.close();
  const size = (paths: string[]) =>
    paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(dist, path))).length, 0);
  return { firstNode, gzip: size(scripts), fetchedGzip: size(fetched), scripts };
}

/**
 * Waits this long at most for a big graph's drawing: a page that never draws it (a link it refused, a
 * compile stopped by the time limit) fails the run instead of holding it for minutes.
 */
const DRAW_TIMEOUT_MS = 120_000;
/** The start of the banner of a link the page could not open. */
const REFUSED = 'This link could not be opened';

/** Opens a big graph; its measures are those of a drawing of at least `minNodes` nodes. */
async function bigGraph(browser: Browser, workspace: Workspace, minNodes: number) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ content: INIT });
  await page.goto(linkUrl(workspace, base));
  // Drawn: the page measured the big graph's drawing up to the frame that shows it (a big graph draws
  // only the nodes in and around the view, so no particular node need be there). A refused link says
  // so in a banner, and the page keeps its example: that ends the wait too.
  await page.waitForFunction(
    ([min, refusal]) =>
      document.body.innerText.includes(refusal) ||
      performance
        .getEntriesByName('hamilton:graph-draw')
        .some((m) => (m as PerformanceMeasure).detail?.nodes >= min),
    [minNodes, REFUSED] as const,
    { timeout: DRAW_TIMEOUT_MS, polling: 100 },
  );
  const refused = page.getByText(REFUSED);
  if (await refused.count())
    throw new Error(`the page refused the project: ${await refused.first().innerText()}`);
  await page.waitForTimeout(300);
  const drawnNodes = await page.locator('[data-node]').count();
  const measures = await page.evaluate(
    (min) =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('hamilton:graph-') && (m as PerformanceMeasure).detail?.nodes >= min)
        .map((m) => ({ name: m.name, duration: m.duration })),
    minNodes,
  );
  // Pan for about a second, once the editor has loaded too, and look at the frame intervals.
  await page.waitForSelector('.editor-host[data-editor-ready]', { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const box = (await page.locator('svg.graph-svg').boundingBox())!;
  const start = await page.evaluate(() => performance.now());
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) {
    await page.mouse.move(box.x + box.width / 2 - i * 6, box.y + box.height / 2 - i * 2);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  // The gaps between frames during the pan, counting from its start to its end (a frozen page is one long gap).
  const times = await page.evaluate(
    (t0) => [
      t0,
      ...(window as unknown as { __frames: number[] }).__frames.filter((t) => t > t0),
      performance.now(),
    ],
    start,
  );
  const frameCount = times.length - 2;
  const intervals = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  await context.close();
  return {
    layout: measures.find((m) => m.name === 'hamilton:graph-layout')?.duration ?? NaN,
    draw: measures.find((m) => m.name === 'hamilton:graph-draw')?.duration ?? NaN,
    panP95: intervals[Math.floor(intervals.length * 0.95)] ?? NaN,
    panFrames: frameCount,
    panMs: times[times.length - 1] - times[0],
    drawnNodes,
  };
}

ensureBuild(dist, !process.env.UI_BENCH_DIST);
const server = await startPreview(dist, port);
try {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const loads = [];
  for (let i = 0; i < runs; i++) loads.push(await coldLoad(browser));
  const big = bigWorkspace(1000);
  const bigs = [];
  for (let i = 0; i < Number(process.env.UI_BENCH_BIG_RUNS ?? 5); i++)
    bigs.push(await bigGraph(browser, big, 900));
  // 10,000 nodes with subdags, which open folded: the drawn graph has about 7,900 nodes and boxes. (A
  // compact source: the one-function-per-line project of that size passes a share link's 512 KB.)
  const huge = compactSubdagWorkspace(10_000);
  const huges = [];
  for (let i = 0; i < Number(process.env.UI_BENCH_HUGE_RUNS ?? 3); i++)
    huges.push(await bigGraph(browser, huge, 5000));
  await browser.close();

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (x: number) => `${Math.round(x)} ms`;
  const rows: [string, string, string][] = [
    ['JS the page loaded before the first graph (gzip)', kb(median(loads.map((l) => l.gzip))), '≤ 200 KB'],
    ['  + worker script the host prefetched by then', kb(median(loads.map((l) => l.fetchedGzip))), ''],
    ['First graph, cold load (median)', ms(median(loads.map((l) => l.firstNode))), '≤ 1500 ms'],
    ['1,000 nodes: layout (median)', ms(median(bigs.map((b) => b.layout))), ''],
    ['1,000 nodes: layout + draw (median)', ms(median(bigs.map((b) => b.draw))), '≤ 120 ms'],
    ['1,000 nodes: nodes drawn (the view and a margin)', String(median(bigs.map((b) => b.drawnNodes))), ''],
    ['1,000 nodes: frame interval while panning (p95)', ms(median(bigs.map((b) => b.panP95))), 'smooth'],
    ['1,000 nodes: frames drawn during a ~1 s pan', String(median(bigs.map((b) => b.panFrames))), ''],
    ['10,000 nodes, subdags folded: layout (median)', ms(median(huges.map((b) => b.layout))), ''],
    ['10,000 nodes: first paint (layout + draw)', ms(median(huges.map((b) => b.draw))), '≤ 1000 ms'],
    ['10,000 nodes: frame interval while panning (p95)', ms(median(huges.map((b) => b.panP95))), '≤ 20 ms'],
  ];
  // Timings on a shared machine swing with its load: the line says what it was.
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(
    `UI budgets (${runs} cold loads, ${bigs.length} big-graph loads; dist: ${dist}; load average ${load})`,
  );
  for (const [what, value, budget] of rows)
    console.log(`${what.padEnd(48)} ${value.padStart(10)}   ${budget}`);
  console.log(`scripts before the first graph: ${loads[0].scripts.join(', ')}`);
} finally {
  server.kill();
}
