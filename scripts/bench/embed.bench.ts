/**
 * Docs embeds' budget: the first graph on screen ≤ 1.5 s cold, from a page holding three embeds.
 * Serves the built app (BENCH_DIST, default dist) with vite preview on its own port, opens
 * e2e/fixtures/embeds.html in headless Chromium with a fresh context (no cache) each run, and times
 * the docs page's navigation start → a drawn node in each of the three iframes, in the page's own clock.
 * Prints the median of the runs.
 *
 *   npx vite build && npx tsx scripts/bench/embed.bench.ts
 */
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath, ensureBuild, startPreview } from '../browser';

const PORT = Number(process.env.BENCH_EMBED_PORT ?? 4178);
const DIST = process.env.BENCH_DIST ?? 'dist';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_MS = 1500;
const fixture = fileURLToPath(new URL('../../e2e/fixtures/embeds.html', import.meta.url));

ensureBuild(DIST);
const server = await startPreview(DIST, PORT);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const slowest: number[] = [];
  const each: number[][] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/docs-with-embeds.html', (route) =>
      route.fulfill({ path: fixture, contentType: 'text/html' }),
    );
    await page.goto(`http://127.0.0.1:${PORT}/docs-with-embeds.html`);
    // Measured in the page's own clock: from the docs page's navigation start to the frame in which
    // each embed first shows its content (checked every animation frame).
    const origin = await page.evaluate(() => performance.timeOrigin);
    const times = await Promise.all(
      ['Hello world', 'E-commerce graph', 'Lineage code'].map(async (title) => {
        const frame = (await (await page.waitForSelector(`iframe[title="${title}"]`)).contentFrame())!;
        // The code-only embed has no graph: its first content is the code.
        const selector = title === 'Lineage code' ? '.embed-code pre' : '[data-node]';
        await frame.waitForFunction((s) => document.querySelector(s) !== null, selector, {
          polling: 'raf',
          timeout: 30_000,
        });
        return Math.round((await frame.evaluate(() => performance.timeOrigin + performance.now())) - origin);
      }),
    );
    each.push(times);
    slowest.push(Math.max(...times));
    if (run === RUNS - 1) {
      // Same-origin iframes share one JS heap in Chromium: this is the page with its three embeds
      // (workers, in their sandboxed frames, not counted; none has started, nothing was run).
      const heap = await page.evaluate(
        () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
      );
      console.log(`  JS heap of the docs page with its three embeds: ${(heap / 1e6).toFixed(1)} MB`);
    }
    await context.close();
  }
  const graphs = each.map((t) => Math.max(t[0], t[1]));
  console.log(
    `embed first graph, 3 embeds on a page, cold: median ${median(graphs)} ms over ${RUNS} runs (budget ${BUDGET_MS} ms)`,
  );
  console.log(
    `  per embed (hello split, e-commerce graph, lineage code) medians: ${[0, 1, 2].map((i) => median(each.map((t) => t[i]))).join(' / ')} ms`,
  );
  console.log(`  all three ready: median ${median(slowest)} ms`);
} finally {
  await browser.close();
  server.kill();
}
