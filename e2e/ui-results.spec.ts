import { expect, test } from '@playwright/test';
import { openPlayground, openTab, replaceCode, waitForNode } from './ui-helpers';

/**
 * Replaces the project with `code` (whose one final node is `output`), sets the inputs in the Inputs &
 * config tab, and lets Run compute every final node instead of the default example's outputs.
 */
async function project(page: import('@playwright/test').Page, code: string, inputs: string, output: string) {
  await replaceCode(page, code);
  await waitForNode(page, output);
  await openTab(page, 'Inputs & config');
  await page.getByRole('textbox', { name: 'Inputs (JSON)' }).fill(inputs);
  await page.getByRole('button', { name: 'Compute every final node instead' }).click();
  await expect(page.getByRole('group', { name: 'Outputs to compute' })).toContainText(
    `every final node (${output})`,
  );
}

test('a 100,000-row series scrolls in a virtualized table and sorts', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await project(
    page,
    "import { Series } from 'hamilton/frame';\n\n/** A permutation of 0..n-1. */\nexport function big(n: number): Series<number> {\n  return Series.from(Array.from({ length: n }, (_, i) => (i * 7919) % n));\n}\n",
    '{ "n": 100000 }',
    'big',
  );
  await waitForNode(page, 'big');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await openTab(page, 'Results');
  const table = page.getByRole('region', { name: 'big: 100,000 rows' });
  await expect(table).toBeVisible();
  // Only the rows in view (plus a margin) are in the page.
  expect(await table.locator('tbody tr:not([aria-hidden])').count()).toBeLessThan(80);
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.locator('tr[aria-rowindex="100001"] td').first()).toHaveText('99999');
  // Sorting by the column: ascending puts 0 first, descending 99999.
  await table.evaluate((el) => (el.scrollTop = 0));
  await table.getByRole('button', { name: /big/ }).click();
  await expect(table.locator('tr[aria-rowindex="2"] td').nth(1)).toHaveText('0');
  await table.getByRole('button', { name: /big/ }).click();
  await expect(table.locator('tr[aria-rowindex="2"] td').nth(1)).toHaveText('99999');
  await expect(table.getByRole('columnheader', { name: /big/ })).toHaveAttribute('aria-sort', 'descending');
});

test('the console shows who printed what, filters by level and clears', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await project(
    page,
    "export function loud(x: number): number {\n  console.log('plain note', x);\n  console.warn('careful', x);\n  return x;\n}\n",
    '{ "x": 3 }',
    'loud',
  );
  await waitForNode(page, 'loud');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="loud"]')).toHaveAttribute('data-state', 'done');
  await openTab(page, /^Console/);
  const lines = page.getByRole('list', { name: 'Console output' }).getByRole('listitem');
  await expect(lines.filter({ hasText: 'plain note 3' })).toContainText('loud');
  await expect(lines.filter({ hasText: 'careful 3' })).toContainText('warn');
  await page.getByRole('checkbox', { name: 'log' }).uncheck();
  await expect(lines.filter({ hasText: 'plain note' })).toHaveCount(0);
  await expect(lines.filter({ hasText: 'careful 3' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('list', { name: 'Console output' })).toHaveCount(0);
});

test('a CSV file becomes a table input', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await project(
    page,
    "import { DataFrame } from 'hamilton/frame';\n\nexport function total(sales: DataFrame<{ amount: number }>): number {\n  return sales.column('amount').sum();\n}\n",
    '{}',
    'total',
  );
  await waitForNode(page, 'total');
  await page.getByRole('combobox', { name: 'Input', exact: true }).fill('sales');
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from('amount\n1.5\n2\n3\n') });
  await expect(page.getByText('3 rows uploaded')).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await openTab(page, 'Results');
  await expect(page.getByRole('region', { name: 'Result total' })).toContainText('6.5');
});

test('Stop ends a runaway run: the node did not finish, and Stop is not an error', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await project(
    page,
    'export function spin(x: number): number {\n  for (;;) x++;\n}\n',
    '{ "x": 1 }',
    'spin',
  );
  await waitForNode(page, 'spin');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="spin"]')).toHaveAttribute('data-state', 'running');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.locator('[data-node="spin"]')).toHaveAttribute('data-state', 'skipped');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 30_000 });
  // The status line says what happened; no red alert for the user's own choice.
  await expect(page.locator('.header .status')).toHaveText('Stopped');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
});
