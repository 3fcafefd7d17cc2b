/** The tutorial's Parallelizable/Collect step, done by hand in the browser: type the collector, run, read the sum. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openPlayground, openTab, replaceCode, waitForNode } from './ui-helpers';

const SOLUTION = readFileSync(
  new URL('../src/examples/tutorial/files/parallel_solution.ts', import.meta.url),
  'utf8',
);

test('the parallel step: typing a Collect node gathers every page’s count, drawn with crow’s feet', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A returning user whose tutorial progress is at the last step opens the tutorial.
  // (The init script runs in every frame; the worker's sandboxed frame has no storage.)
  await page.addInitScript(() => {
    if (window !== window.top) return;
    localStorage.setItem('hamilton-playground:tutorial', JSON.stringify({ step: 'parallel', done: [] }));
  });
  const errors = await openPlayground(page);
  await page.getByRole('button', { name: 'Tutorial' }).click();
  const panel = page.getByRole('complementary', { name: 'Tutorial' });
  await expect(
    panel.getByRole('heading', { name: '11. Parallel blocks: Parallelizable and Collect' }),
  ).toBeVisible();
  await panel.getByRole('button', { name: 'Reset' }).click();
  await waitForNode(page, 'counts');
  await expect(page.locator('[data-node="total_words"]')).toHaveCount(0);
  // The block's edge out of the Parallelizable ends in a crow's foot (both ends drawn: the panel
  // leaves the graph little room, so the opening view may fold the inputs' end).
  await waitForNode(page, 'url');
  await expect(page.locator('path.edge[data-parallel="expand"]')).toHaveCount(1);

  // Typed as a user would finish the step: the Collect import, and the collecting function.
  await replaceCode(page, SOLUTION);
  await waitForNode(page, 'total_words');
  await waitForNode(page, 'counts');
  await expect(page.locator('path.edge[data-parallel="collect"]')).toHaveCount(1);
  await expect(page.locator('[data-node="total_words"]')).toHaveClass(/\bcollect\b/);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel.locator('.tutorial-status')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  // Each URL's page loaded once: the block's node counts its three items.
  await expect(page.locator('[data-node="url_loaded"]')).toHaveAttribute('aria-label', /3 items done/);
  await openTab(page, 'Results');
  await expect(page.getByRole('region', { name: 'Result total_words' })).toContainText('28');

  // Run again: the Parallelizable recomputes its items (it may be folded out of this small view), and
  // each item's nodes and the collector come from the cache, keyed by the item.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="url_loaded"]')).toHaveAttribute('data-cached', 'true', {
    timeout: 30_000,
  });
  await expect(page.locator('[data-node="total_words"]')).toHaveAttribute('data-cached', 'true');
  await expect(page.getByRole('region', { name: 'Result total_words' })).toContainText('28');
  expect(errors).toEqual([]);
});
