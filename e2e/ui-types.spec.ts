import { expect, test } from '@playwright/test';
import { focusEditorEnd, openPlayground, waitForNode } from './ui-helpers';

test('a parameter whose type cannot take its producer’s value gets a TypeScript marker', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('export function e(d: string): number {\n  return d.length;\n}\n');
  await waitForNode(page, 'e');
  // The marker is on e's parameter d (line 24 col 19), with a message naming the edge.
  await expect(page.locator('.monaco-editor .squiggly-error')).not.toHaveCount(0, { timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('F8');
  await expect(page.locator('.monaco-editor .marker-widget')).toContainText('d cannot feed parameter d of e');
  await expect(page.locator('.monaco-editor .active-line-number')).toHaveText('23');
});
