import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { bigWorkspace } from '../scripts/bench/bigWorkspace';
import { encodeLink } from '../src/share/link';
import { openPlayground } from './ui-helpers';

test('a 1,000-node graph draws what the view shows; keys, fit and export still reach every node', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = await openPlayground(page, `/${encodeLink(bigWorkspace(1000))}`);
  const svg = page.locator('svg.graph-svg');
  // (973 nodes: 27 of the 50 inputs are read by nothing.)
  await expect(svg).toHaveAttribute('aria-label', /973 nodes/, { timeout: 90_000 });
  const nodes = page.locator('[data-node]');
  // It opens readable, at its right end (the outputs), drawing only the nodes in and around the view.
  await expect(nodes.first()).toBeVisible();
  await expect(page.locator('[data-node] text.name').first()).toBeVisible();
  // The region around the view is drawn just after the first paint.
  await expect.poll(() => nodes.count()).toBeGreaterThan(10);
  expect(await nodes.count()).toBeLessThan(400);

  // The arrow keys walk upstream to an input far outside the first view; each node is drawn, focused
  // and brought into view as the keyboard reaches it.
  await page.locator('[data-node][tabindex="0"]').focus();
  let focused = '';
  for (let i = 0; i < 150 && !focused.startsWith('x_'); i++) {
    await page.keyboard.press('ArrowLeft');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('data-node') ?? '');
  }
  expect(focused).toMatch(/^x_\d+$/);
  const box = (await page.locator(`[data-node="${focused}"]`).boundingBox())!;
  const view = (await svg.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(view.x);
  expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: `Details of ${focused}` })).toBeVisible();
  await page.keyboard.press('Escape');

  // Fit shows, and so draws, all of it.
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(nodes).toHaveCount(973);

  // The export has every node, labels included, whatever the view.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Export the graph' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'SVG image' }).click();
  const text = readFileSync((await (await download).path())!, 'utf8');
  expect(text.match(/data-node="/g)).toHaveLength(973);
  for (const name of ['x_49', 'f_50', 'f_999']) expect(text.includes(`>${name}</text>`), name).toBe(true);
  expect(errors).toEqual([]);
});

test('a graph of over 2,000 nodes is laid out in the layout worker and drawn around the view', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = await openPlayground(page, `/${encodeLink(bigWorkspace(2500))}`);
  const svg = page.locator('svg.graph-svg');
  await expect(svg).toHaveAttribute('aria-label', /\d{4} nodes/, { timeout: 200_000 });
  await expect(page.locator('[data-node] text.name').first()).toBeVisible();
  expect(await page.locator('[data-node]').count()).toBeLessThan(400);
  const workerLoaded = await page.evaluate(() =>
    performance.getEntriesByType('resource').some((e) => e.name.includes('layout.worker')),
  );
  expect(workerLoaded).toBe(true);
  expect(errors).toEqual([]);
});
