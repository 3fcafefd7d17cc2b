import { expect, test } from '@playwright/test';
import { focusEditorEnd, openPlayground, openTab, replaceCode, waitForNode } from './ui-helpers';

test('Run shows every output and marks each node done with its duration', async ({ page }) => {
  const errors = await openPlayground(page);
  await waitForNode(page, 'd');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const name of ['a', 'b', 'c', 'd']) {
    await expect(page.locator(`[data-node="${name}"]`)).toHaveAttribute('data-state', 'done');
    await expect(page.locator(`[data-node="${name}"]`)).toHaveAttribute('aria-label', /done, (<1|\d+) m?s/);
  }
  for (const name of ['a', 'b', 'c', 'd'])
    await expect(page.getByRole('region', { name: `Result ${name}` })).toBeVisible();
  // a = input % 7 for input 1..5: the table shows it.
  const a = page.getByRole('region', { name: `Result a` });
  await expect(a.getByRole('cell')).toContainText(['0', '1', '1', '2', '2', '3', '3', '4', '4', '5']);
  await expect(a.getByRole('img', { name: /Histogram of a/ })).toBeVisible();
  // Ctrl/Cmd+Enter in the editor runs too.
  await focusEditorEnd(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('status').filter({ hasText: /Ran in/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a failing node is marked failed, its consumers skipped, and the error sits at its line', async ({
  page,
}) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  const code = [
    "import { Series } from 'hamilton/frame';",
    '',
    'export function a(input: number[]): Series<number> {',
    '  return Series.from(input);',
    '}',
    '',
    'export function b(a: Series<number>): Series<number> {',
    "  console.log('b sees', a.length);",
    "  throw new RangeError('b cannot do this');",
    '}',
    '',
    'export function c(b: Series<number>): Series<number> {',
    '  return b;',
    '}',
    '',
  ].join('\n');
  await replaceCode(page, code);
  await expect(page.locator('[data-node="d"]')).toHaveCount(0);
  // The example's outputs a, b, c, d follow the code: d is gone, so Run leaves it out.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="a"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-node="b"]')).toHaveAttribute('data-state', 'failed');
  await expect(page.locator('[data-node="c"]')).toHaveAttribute('data-state', 'skipped');
  await openTab(page, 'Results');
  await expect(page.getByRole('alert').filter({ hasText: 'b cannot do this' })).toBeVisible();
  // The error's place is listed over the graph and in the results, each a link to the line.
  await expect(page.getByRole('list', { name: 'Problems in the code' })).toContainText('b cannot do this');
  const link = page
    .getByRole('region', { name: 'Results and tools' })
    .getByRole('button', { name: 'functions.ts:9' });
  await expect(link).toBeVisible();
  // The editor marks line 9.
  await link.click();
  await expect(page.locator('.monaco-editor .active-line-number')).toHaveText('9');
  await page.keyboard.press('F8');
  await expect(page.locator('.monaco-editor .marker-widget')).toContainText('b cannot do this');
  // The console shows what b printed, attributed to b.
  await openTab(page, /Console/);
  await expect(
    page.getByRole('list', { name: 'Console output' }).getByRole('listitem').filter({ hasText: 'b sees 5' }),
  ).toContainText('b');
});
