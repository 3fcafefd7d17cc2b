import { expect, test } from '@playwright/test';
import {
  focusEditorEnd,
  openPlayground,
  openTab,
  openWithCode,
  pickOutputsWithout,
  replaceCode,
  waitForNode,
  waitForSettled,
} from './ui-helpers';

test('a function typed after the example joins the run: outputs nobody picked follow the code', async ({
  page,
}) => {
  const errors = await openPlayground(page);
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  await page.keyboard.type(
    "\nexport function e(d: Series<number>): Series<number> {\nconsole.log('e ran');\nreturn d.mul(2);",
  );
  await waitForNode(page, 'e');
  // The hello example's outputs (a, b, c, d) were not the user's pick: nothing to fix, e simply runs.
  await expect(page.getByRole('group', { name: 'Outputs' })).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.locator('[data-node="e"]')).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('region', { name: 'Result e' })).toBeVisible();
  // The picker shows what Run computes; a click makes it the user's pick.
  await openTab(page, 'Inputs & config');
  const picker = page.getByRole('group', { name: 'Outputs to compute' });
  await expect(picker).toContainText('Not picked: Run computes a, b, c, d, e');
  await expect(picker.getByRole('checkbox', { name: 'e' })).toBeChecked();
  await picker.getByRole('checkbox', { name: 'a' }).uncheck();
  await expect(picker).toContainText('Your pick: Run computes these 4 nodes');
  expect(errors).toEqual([]);
});

test('a picked output renamed in the code is flagged before Run, and one click removes it', async ({
  page,
}) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  const picker = await pickOutputsWithout(page, 'a');
  await replaceCode(
    page,
    "import { Series } from 'hamilton/frame';\nexport function a(input: number[]): Series<number> { return Series.from(input); }\nexport function total(a: Series<number>): number { return a.sum(); }\n",
  );
  await waitForNode(page, 'total');
  // The picker lists them, marked.
  await expect(picker).toContainText('d no longer in the code');
  await openTab(page, 'Results');
  const note = page.getByRole('group', { name: 'Outputs' });
  await expect(note).toContainText('The outputs b, c, d are no longer in the code: Run leaves them out');
  await note.getByRole('button', { name: 'Remove b, c, d from the outputs' }).click();
  // Nothing picked any more: Run follows the code again.
  await expect(note).toHaveCount(0);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Result total' })).toContainText('15');
});

test("the console shows the latest run's output, not every earlier run's or keystroke's", async ({
  page,
}) => {
  await openWithCode(
    page,
    "console.log('module loaded');\nexport function only(x: number): number {\n  console.log('only ran with', x);\n  return x;\n}\n",
  );
  await waitForNode(page, 'only');
  await openTab(page, 'Inputs & config');
  await page.getByRole('textbox', { name: 'Inputs (JSON)' }).fill('{ "x": 1 }');
  await page.getByRole('button', { name: 'Compute every final node instead' }).click();
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.click();
  await expect(page.locator('[data-node="only"]')).toHaveAttribute('data-state', 'done');
  // Live mode (on since that Run) runs again for a new input; the console holds that run's output only.
  await openTab(page, 'Inputs & config');
  await page.getByRole('textbox', { name: 'Inputs (JSON)' }).fill('{ "x": 2 }');
  await openTab(page, /^Console/);
  const lines = page.getByRole('list', { name: 'Console output' }).getByRole('listitem');
  await expect(lines.filter({ hasText: 'only ran with 2' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'only ran with 1' })).toHaveCount(0);
  // Typing re-evaluates the module: its line is replaced, not repeated.
  await focusEditorEnd(page);
  await page.keyboard.type('\n// a comment\n');
  await page.keyboard.type('// another\n');
  await waitForSettled(page);
  await expect(lines.filter({ hasText: 'module loaded' })).toHaveCount(1);
});

test('a run refused before any node starts leaves the graph as it was, with the reason', async ({ page }) => {
  await openWithCode(
    page,
    "import { Series } from 'hamilton/frame';\nexport function a(input: number[], scale: number): Series<number> { return Series.from(input).mul(scale); }\nexport function b(a: Series<number>): Series<number> { return a; }\nexport function c(b: Series<number>): Series<number> { return b; }\nexport function d(c: Series<number>): Series<number> { return c; }\n",
  );
  await waitForNode(page, 'scale');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Required input scale not provided' }).first(),
  ).toBeVisible();
  for (const name of ['a', 'b', 'c', 'd'])
    await expect(page.locator(`[data-node="${name}"]`)).toHaveAttribute('data-state', 'idle');
  // The error leads to the inputs, where the missing one is added with a value of its type.
  await page.getByRole('button', { name: 'Give it in Inputs & config' }).click();
  await page.getByRole('button', { name: 'Add it to the inputs' }).click();
  const inputs = page.getByRole('textbox', { name: 'Inputs (JSON)' });
  await expect(inputs).toHaveValue(/"scale": 0/);
  await inputs.fill('{ "input": [1, 2, 3], "scale": 2 }');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="d"]')).toHaveAttribute('data-state', 'done');
});

test('no example shows an outputs note: their outputs reach every function they wrote', async ({ page }) => {
  for (const [id, node] of [
    ['hello', 'd'],
    ['ecommerce', 'feature_set_v1'],
    ['streaming', 'feature_set_v1'],
    ['lineage', 'feature_set_v1'],
    ['quality', 'feature_set_v1'],
    ['decorators', 'budget_summary'],
  ]) {
    await openPlayground(page, `/?example=${id}`);
    await waitForNode(page, node);
    await expect(page.getByRole('tab', { name: 'Results' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('group', { name: 'Outputs' }), id).toHaveCount(0);
  }
});
