/** Shared steps of the examples, share, tutorial and embed browser tests. */
import { expect, type Page } from '@playwright/test';
import { focusEditorEnd } from './ui-helpers';

/** The editor's visible text (Monaco renders spaces as no-break spaces). */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-host[data-editor-ready] .view-lines');
  await expect(lines).toBeVisible({ timeout: 30_000 });
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** Clicks Run and waits for the run to end with `output` done. */
export async function runUntilDone(page: Page, output: string) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator(`[data-node="${output}"]`)).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
}

/** The saved workspace (what the editor holds) in localStorage, as text. */
export function savedWorkspace(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const saved = localStorage.getItem('hamilton-playground:work');
    return (
      saved && JSON.stringify((JSON.parse(saved) as { current: { workspace: unknown } }).current.workspace)
    );
  });
}

/** Replaces the active file's text by pasting (typing would let Monaco re-indent it). */
export async function pasteCode(page: Page, code: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await focusEditorEnd(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
}
