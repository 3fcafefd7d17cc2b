import { expect, test } from '@playwright/test';
import { openPlayground, waitForNode } from './ui-helpers';

test('the shell loads with its three regions, the graph of the default example, and no console errors', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await openPlayground(page);
  await expect(page.getByRole('heading', { name: 'Hamilton Playground' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Code' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Graph' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Results and tools' })).toBeVisible();
  for (const name of ['Run', 'Stop', 'Share'])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  await waitForNode(page, 'd');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await expect(page.locator('.editor-host[data-editor-ready] .monaco-editor')).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: 'e2e/screenshots/shell-light-desktop.png' });
  expect(errors).toEqual([]);
});
