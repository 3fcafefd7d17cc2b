/** Shared steps of the UI's browser tests: open the app, collect console errors, wait for the graph. */
import { expect, type Page } from '@playwright/test';

/** Opens the playground and returns the list its console errors (and page errors) land in. */
export async function openPlayground(page: Page, path = '/'): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(path);
  return errors;
}

/**
 * Waits until the graph shows the node `name`, unfolding the graph ("Show all") when the opening view
 * folded that node away because it did not fit legibly.
 */
export async function waitForNode(page: Page, name: string) {
  const node = page.locator(`[data-node="${name}"]`);
  const showAll = page.getByRole('button', { name: /Show all$/ });
  await expect(async () => {
    if (!(await node.isVisible()) && (await showAll.isVisible())) await showAll.click();
    await expect(node).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  return node;
}

/** Waits until the graph on screen is the worker's compile of the text in the editor (no edit waiting). */
export async function waitForSettled(page: Page) {
  await expect(page.locator('header [data-settled]')).toHaveAttribute('data-settled', 'true', { timeout: 30_000 });
}

/** Waits for Monaco, then puts the cursor at the end of the active file. */
export async function focusEditorEnd(page: Page) {
  const editor = page.locator('.editor-host[data-editor-ready] .monaco-editor');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
}

/** Opens an example from the Examples menu. */
export async function openExample(page: Page, title: string) {
  await page.getByRole('button', { name: 'Examples ▾' }).click();
  await page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
}

/** Pastes `text` into the focused editor (a real paste event: no auto-closing or auto-indent). */
export async function paste(page: Page, text: string) {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Replaces the active file's whole text, as a user selecting all and pasting would. */
export async function replaceCode(page: Page, code: string) {
  await focusEditorEnd(page);
  await page.keyboard.press('ControlOrMeta+A');
  await paste(page, code);
}

/** Opens the playground, waits for the default example's graph, then replaces its code with `code`. */
export async function openWithCode(page: Page, code: string) {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await replaceCode(page, code);
}

/** Opens a tab of the panel under the graph. */
export async function openTab(page: Page, name: RegExp | string) {
  await page.getByRole('tab', { name }).click();
}

/** Makes the outputs the user's pick: Inputs & config → Outputs to compute, every computed one but `name`. */
export async function pickOutputsWithout(page: Page, name: string) {
  await openTab(page, 'Inputs & config');
  const picker = page.getByRole('group', { name: 'Outputs to compute' });
  await picker.getByRole('checkbox', { name }).uncheck();
  await expect(picker).toContainText('Your pick');
  return picker;
}
