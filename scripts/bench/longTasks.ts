/**
 * The page's longest main-thread task, from a `PerformanceObserver` for long tasks (those over 50 ms;
 * 0 means none was): what the hostile browser tests assert and the hostile benchmark reports; and
 * opening a link until the page is settled and running the app to the end of a run, as the hostile
 * benchmarks and the profile do.
 */
import type { Page } from 'playwright-core';

/** The budget for any task of the page while user code does its worst. */
export const LONGEST_TASK_MS = 200;

/** Starts watching in every document the page opens from now on (call before `goto`). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
}

/**
 * The longest task since the last reset. Long tasks are reported after they end, so this waits for
 * one animation frame and a task after it: a task still running when asked has then been reported.
 */
export async function longestTask(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          setTimeout(() => resolve((window as unknown as { longest: number }).longest)),
        ),
      ),
  );
}

export async function resetLongest(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The app's status line. */
export const status = (page: Page) => page.locator('.status[role="status"]');

/** Clicks Run and waits for the run to end; with `stopAt`, Stop is clicked once that node runs. */
export async function runApp(page: Page, stopAt?: string): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  if (stopAt) {
    await page.locator(`[data-node="${stopAt}"][data-state="running"]`).waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await status(page).filter({ hasText: 'Stopped' }).waitFor({ timeout: 60_000 });
  } else
    await status(page)
      .filter({ hasText: /Ran in|failed/ })
      .waitFor({ timeout: 300_000 });
}

/** How long a 20,000-node graph may take to be laid out and drawn before the run starts anyway. */
export const DRAW_WAIT_MS = 180_000;

/** What shows a link's graph is drawn: a node of it, or its node count in the graph's label. */
export type Drawn = { readonly node: string } | { readonly nodes: number };

/** Opens a link and waits for its graph: drawn, compiled but not drawn in time, or not compiled. */
export async function openLink(
  page: Page,
  url: string,
  drawn: Drawn,
): Promise<'drawn' | 'undrawn' | 'uncompiled'> {
  await page.goto(url);
  await status(page)
    .filter({ hasText: /Ready|Errors/ })
    .waitFor({ timeout: 300_000 });
  if (!(await status(page).innerText()).includes('Ready')) return 'uncompiled';
  const shown =
    'node' in drawn
      ? page.locator(`[data-node="${drawn.node}"]`).waitFor({ timeout: DRAW_WAIT_MS })
      : page.waitForFunction(
          (nodes) =>
            document.querySelector('svg.graph-svg')?.getAttribute('aria-label')?.includes(`${nodes} nodes`),
          drawn.nodes,
          { timeout: DRAW_WAIT_MS },
        );
  const opened = await shown.then(
    () => 'drawn' as const,
    () => 'undrawn' as const,
  );
  await settled(page);
  return opened;
}

/**
 * Waits until the page has finished opening (the editor loaded, the graph on screen is the compile of
 * its text, the main thread idle), so that what a run measures is the run's, not the opening's tail.
 */
async function settled(page: Page): Promise<void> {
  await page.locator('.editor-host[data-editor-ready="true"]').waitFor({ timeout: 120_000 });
  await page.locator('.status[data-settled="true"]').waitFor({ timeout: 120_000 });
  await page.evaluate(
    () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 10_000 })),
  );
}
