/**
 * Code that stops compiling keeps the last graph that built on screen, marked stale, with the error at
 * its place; fixed, the new graph replaces it. (The host reports a compile without a graph; the UI's
 * session decides what to draw.)
 */
import { expect, test } from '@playwright/test';
import { focusEditorEnd, openWithCode, paste, replaceCode, waitForNode } from './ui-helpers';

const good = 'export function a(x: number): number {\n  return x + 1;\n}\n';

test('a syntax error keeps the last graph, marked stale; the fix draws the new one', async ({ page }) => {
  await openWithCode(page, good);
  await waitForNode(page, 'a');
  // The example this replaced has an `a` too: its `d` gone says the graph on screen is this code's.
  await expect(page.locator('[data-node="d"]')).toHaveCount(0);
  const stale = page.getByText('The code has errors; this is the last graph that built.');
  await expect(stale).toHaveCount(0);
  // One edit (a paste): typing key by key would let a valid half-typed version build first.
  await focusEditorEnd(page);
  await paste(page, 'export function b(a: number): number {\n  return a *;\n}\n');
  await expect(stale).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-node="a"]')).toBeVisible();
  await expect(page.locator('[data-node="b"]')).toHaveCount(0);
  // Fixed: the new graph, no longer stale.
  await replaceCode(page, `${good}export function b(a: number): number {\n  return a * 2;\n}\n`);
  await waitForNode(page, 'b');
  await expect(stale).toHaveCount(0);
});
