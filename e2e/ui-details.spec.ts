/** Details a new user trips over: the catalog's types, the theme button, new file names, the export's name, icons. */
import { expect, test } from '@playwright/test';
import { openExample, openPlayground, openTab, waitForNode } from './ui-helpers';

test('the catalog shows a column’s resolved type beside the written one, and an input once', async ({
  page,
}) => {
  await openPlayground(page, '/?example=ecommerce');
  await waitForNode(page, 'feature_set_v1');
  await expect(page.locator('.editor-host[data-editor-ready]')).toBeVisible({ timeout: 30_000 });
  await openTab(page, 'Catalog');
  const row = page.locator('tr[data-variable="client_id"]');
  await expect(row).toContainText("Series<Survey['client_id']>");
  await expect(row).toContainText('= Series<number>', { timeout: 30_000 });
  // An input's row says what it is without repeating "input" (the hello example's input is named input).
  await expect(page.locator('tr[data-variable="execution_time"] .tag-kind')).toHaveText('external');
});

test('every click of the theme button changes the theme, and its title says to what', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openPlayground(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const button = page.getByRole('button', { name: /^Theme:/ });
  await expect(button).toHaveAttribute('title', /switch to dark/);
  for (const theme of ['dark', 'light', 'dark']) {
    await button.click();
    await expect(html).toHaveAttribute('data-theme', theme);
  }
});

test('a new file’s name box selects the stem, so typing a name keeps ".ts"', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await page.getByRole('button', { name: 'Add a file' }).click();
  await page.keyboard.type('extra');
  await expect(page.getByRole('textbox', { name: 'New file name' })).toHaveValue('extra.ts');
});

test('the project export is named after the example', async ({ page }) => {
  await openPlayground(page);
  await openExample(page, 'E-commerce');
  await waitForNode(page, 'feature_set_v1');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download project' }).click();
  expect((await download).suggestedFilename()).toBe('hamilton-ecommerce.zip');
});

test('both pages have the app’s icon: no request for a missing /favicon.ico', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  for (const path of ['/', '/embed.html?example=hello']) {
    await page.goto(path);
    await waitForNode(page, 'd');
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect((await page.request.get(new URL(icon!, page.url()).href)).status()).toBe(200);
  }
  expect(missing).toEqual([]);
});
