/** The tutorial's steps check themselves in the browser: typing a step's goal, or showing its solution, and running. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openPlayground, replaceCode, waitForNode } from './ui-helpers';

test('the tutorial: step 1 typed by hand, then every step through its solution, with progress kept', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openPlayground(page);
  await waitForNode(page, 'd');
  await page.getByRole('button', { name: 'Tutorial' }).click();
  const panel = page.getByRole('complementary', { name: 'Tutorial' });
  const status = panel.locator('.tutorial-status');
  await expect(panel.getByRole('heading', { name: '1. One function is one node' })).toBeVisible();
  await expect(status).toHaveAttribute('data-done', 'false');

  await replaceCode(
    page,
    "import { Series } from 'hamilton/frame';\n\nexport function a(input: number[]): Series<number> {\n  return Series.from(input).mod(7);\n}\n",
  );
  await waitForNode(page, 'a');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status).toHaveAttribute('data-done', 'true', { timeout: 30_000 });

  const steps = await panel.locator('.tutorial-count').textContent();
  const total = Number(/of (\d+)/.exec(steps ?? '')?.[1]);
  expect(total).toBeGreaterThanOrEqual(8);
  for (let step = 2; step <= total; step++) {
    await panel.getByRole('button', { name: 'Next step →' }).click();
    await expect(panel.locator('.tutorial-count')).toContainText(`Step ${step} of`);
    await expect(status).toHaveAttribute('data-done', 'false');
    await panel.getByRole('button', { name: 'Show solution' }).click();
    const run = page.getByRole('button', { name: 'Run', exact: true });
    await expect(run).toBeEnabled({ timeout: 30_000 });
    // The solution's graph, not the start's: wait until every check that reads the graph is ticked.
    await expect(panel.locator('.tutorial-checks li[data-needs-run="false"][data-ok="false"]')).toHaveCount(
      0,
      { timeout: 30_000 },
    );
    await run.click();
    await expect(status, `step ${step}`).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  }
  await expect(panel.locator('.tutorial-count')).toContainText(`${total} done`);

  // Progress is kept: reload, and the panel opens where it was.
  await page.reload();
  await expect(
    page.getByRole('complementary', { name: 'Tutorial' }).locator('.tutorial-count'),
  ).toContainText(`Step ${total} of ${total} · ${total} done`);
});

test('Reset brings a step back to its start', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Tutorial' }).click();
  const panel = page.getByRole('complementary', { name: 'Tutorial' });
  await panel.getByRole('button', { name: 'Show solution' }).click();
  await waitForNode(page, 'a');
  await panel.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('[data-node="a"]')).toHaveCount(0, { timeout: 30_000 });
});

test('the tutorial panel and the share banner pass axe, in both themes', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/#h1.broken');
    await expect(page.locator('[data-banner="bad-link"]')).toBeVisible();
    await page.getByRole('button', { name: 'Tutorial' }).click();
    await expect(page.getByRole('complementary', { name: 'Tutorial' })).toBeVisible();
    await expect(page.locator('.editor-host[data-editor-ready] .monaco-editor')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: `e2e/screenshots/tutorial-${colorScheme}.png` });
    const result = await new AxeBuilder({ page }).exclude('.monaco-editor .monaco-scrollable-element').analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  }
});
