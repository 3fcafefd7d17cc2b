import { expect, test } from '@playwright/test';
import { openPlayground, waitForNode } from './ui-helpers';

test.use({ viewport: { width: 375, height: 812 } });

test('at 375 px one region shows at a time, chosen with the Code / Graph / Results switcher', async ({
  page,
}) => {
  const errors = await openPlayground(page);
  const switcher = page.getByRole('tablist', { name: 'Region' });
  await expect(switcher.getByRole('tab')).toHaveText(['Code', 'Graph', 'Results']);
  await expect(page.getByRole('region', { name: 'Code' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Graph' })).toBeHidden();
  await switcher.getByRole('tab', { name: 'Graph' }).click();
  await waitForNode(page, 'd');
  await expect(page.getByRole('region', { name: 'Code' })).toBeHidden();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="d"]')).toHaveAttribute('data-state', 'done');
  await switcher.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('region', { name: 'Result d' })).toBeVisible();
  // Nothing sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
});

test('at 375 px a Run from the code marks the Results tab until it is opened', async ({ page }) => {
  await openPlayground(page);
  const switcher = page.getByRole('tablist', { name: 'Region' });
  await expect(page.getByRole('region', { name: 'Code' })).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const marked = switcher.getByRole('tab', { name: 'Results (new)' });
  await expect(marked).toBeVisible({ timeout: 30_000 });
  // The user stays where they were, with the news on the tab.
  await expect(page.getByRole('region', { name: 'Code' })).toBeVisible();
  await marked.click();
  await expect(page.getByRole('region', { name: 'Result d' })).toBeVisible();
  await expect(switcher.getByRole('tab', { name: 'Results', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(switcher.getByRole('tab', { name: 'Results (new)' })).toHaveCount(0);
});

test('at 375 px the header is one row; Share and the tutorial are in its More menu', async ({ page }) => {
  const errors = await openPlayground(page);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 30_000 });
  // One row of controls, not a quarter of the screen.
  const header = await page.locator('header').boundingBox();
  expect(header!.height).toBeLessThan(50);
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeHidden();
  await page.getByRole('button', { name: 'More actions' }).click();
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Tutorial' }).click();
  // The menu closes on an action, and the tutorial shows above the region.
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Tutorial' })).toBeVisible();
  expect(errors).toEqual([]);
});
