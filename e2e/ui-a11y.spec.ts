import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, openTab, waitForNode } from './ui-helpers';

/** Serious and critical axe violations on the page as it is now (Monaco's own widgets excluded). */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page })
    .exclude('.monaco-editor .monaco-scrollable-element')
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The default example at 1440×900, run, with node c selected: the page most people see first. */
async function openRun(page: Page, colorScheme: 'light' | 'dark') {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await waitForNode(page, 'd');
  await expect(page.locator('.editor-host[data-editor-ready] .monaco-editor')).toBeVisible({
    timeout: 30_000,
  });
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="d"]')).toHaveAttribute('data-state', 'done');
  await page.locator('[data-node="c"]').click();
  await page.mouse.move(0, 0);
}

// One view per test: each axe pass takes seconds on a loaded machine, so a test checking every view
// would need a minute on its own.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test(`axe finds no serious violation on the desktop graph, editor and results (${colorScheme})`, async ({
      page,
    }) => {
      await openRun(page, colorScheme);
      expect(await violations(page)).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/desktop-${colorScheme}.png` });
    });

    test(`axe finds no serious violation on the Console, Catalog and Inputs tabs (${colorScheme})`, async ({
      page,
    }) => {
      await openRun(page, colorScheme);
      for (const tab of ['Console', 'Catalog', 'Inputs & config'] as const) {
        await openTab(page, new RegExp(`^${tab.replace('&', '\\&')}`));
        expect(await violations(page), tab).toEqual([]);
      }
      await page.screenshot({ path: `e2e/screenshots/desktop-${colorScheme}-inputs.png` });
      await openTab(page, 'Catalog');
      await page.screenshot({ path: `e2e/screenshots/desktop-${colorScheme}-catalog.png` });
    });

    test(`axe finds no serious violation on a phone's graph and results (${colorScheme})`, async ({
      page,
    }) => {
      await openRun(page, colorScheme);
      await page.setViewportSize({ width: 375, height: 812 });
      const regions = page.getByRole('tablist', { name: 'Region' });
      await regions.getByRole('tab', { name: 'Graph' }).click();
      expect(await violations(page)).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/phone-${colorScheme}-graph.png` });
      await regions.getByRole('tab', { name: 'Code' }).click();
      await page.screenshot({ path: `e2e/screenshots/phone-${colorScheme}-code.png` });
      await regions.getByRole('tab', { name: 'Results' }).click();
      await page
        .getByRole('tablist', { name: 'Results and tools' })
        .getByRole('tab', { name: 'Results' })
        .click();
      await page.screenshot({ path: `e2e/screenshots/phone-${colorScheme}-results.png` });
      expect(await violations(page)).toEqual([]);
    });
  });
}
