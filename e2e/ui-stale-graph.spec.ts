/**
 * Code that stops compiling keeps the last graph that built on screen, marked stale, with the error at
 * its place; fixed, the new graph replaces it. (The host reports a compile without a graph; the UI's
 * session decides what to draw.)
 */
import { expect, test } from '@playwright/test';
import { focusEditorEnd, openWithCode, waitForNode } from './ui-helpers';

const good = 'export function a(x: number): number {\n  return x + 1;\n}\n';

test('a syntax error keeps the last graph, marked stale; the fix draws the new one', async ({ page }) => {
  await openWithCode(page, good);
  await waitForNode(page, 'a');
  const stale = page.getByText('The code has errors; this is the last graph that built.');
  await expect(stale).toHaveCount(0);
  await focusEditorEnd(page);
  await page.keyboard.type('export function b(a: number): number {\nreturn a *;');
  await expect(stale).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-node="a"]')).toBeVisible();
  await expect(page.locator('[data-node="b"]')).toHaveCount(0);
  // Fixed: the new graph, no longer stale.
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' 2;');
  await waitForNode(page, 'b');
  await expect(stale).toHaveCount(0);
});
