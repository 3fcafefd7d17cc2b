import { expect, test } from '@playwright/test';
import { editorText, runUntilDone } from './share-helpers';
import { focusEditorEnd, openPlayground, paste, waitForNode, waitForSettled } from './ui-helpers';

test('a new function appears as a node while typing, wired to what it reads', async ({ page }) => {
  const errors = await openPlayground(page);
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type(
    'export const e = (d: Series<number>, c: Series<number>): Series<number> => d.add(c);',
  );
  const e = await waitForNode(page, 'e');
  await expect(e).toHaveAttribute('aria-label', /^e: function, type Series<number>/);
  // Its edges are drawn: selecting it lights d and c as its upstream.
  await e.click();
  const details = page.getByRole('complementary', { name: 'Details of e' });
  await expect(details.getByRole('button', { name: 'd', exact: true })).toBeVisible();
  await expect(details.getByRole('button', { name: 'c', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test('file tabs: add, rename and delete a file; its functions join and leave the graph', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await page.getByRole('button', { name: 'Add a file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('extra.ts');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('button', { name: 'extra.ts', pressed: true })).toBeVisible();
  await focusEditorEnd(page);
  await paste(
    page,
    "import { Series } from 'hamilton/frame';\nexport function f(d: Series<number>): number {\n  return d.sum();\n}\n",
  );
  await waitForNode(page, 'f');
  await page.getByRole('button', { name: 'Rename extra.ts' }).click();
  await page.getByRole('textbox', { name: 'New name for extra.ts' }).fill('more.ts');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(page.getByRole('button', { name: 'more.ts', pressed: true })).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete more.ts' }).click();
  await expect(page.locator('[data-node="f"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'functions.ts', pressed: true })).toBeVisible();
});

test('an edit that does not change the graph leaves every node where it was', async ({ page }) => {
  await openPlayground(page);
  const c = await waitForNode(page, 'c');
  await expect(page.locator('.editor-host[data-editor-ready] .monaco-editor')).toBeVisible({
    timeout: 30_000,
  });
  const before = await page
    .locator('[data-node]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('transform')));
  const box = await c.boundingBox();
  // Change a function body only: a new compile, the same graph.
  await focusEditorEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('// a comment changes no node');
  await waitForSettled(page);
  expect(
    await page.locator('[data-node]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('transform'))),
  ).toEqual(before);
  expect(await c.boundingBox()).toEqual(box);
});

test('code put in as one block of text, as automation tools and input methods paste, stays as written and runs', async ({
  page,
}) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  await page.keyboard.press('ControlOrMeta+A');
  const code = [
    'export function raw(): number[] {',
    '  return [1, 2, 3];',
    '}',
    'export function total(raw: number[]): number {',
    '  return raw.reduce((a, b) => a + b, 0);',
    '}',
  ].join('\n');
  await page.keyboard.insertText(code);
  await waitForNode(page, 'total');
  // Typed one character at a time, each `{` would have gained a `}` and each line more indentation.
  await expect.poll(() => editorText(page)).toBe(code);
  await runUntilDone(page, 'total');
  await expect(page.getByRole('tabpanel', { name: 'Results' })).toContainText('6');
});
