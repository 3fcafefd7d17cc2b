import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { focusEditorEnd, openPlayground, replaceCode, waitForNode } from './ui-helpers';

test('a parameter whose type cannot take its producer’s value gets a TypeScript marker', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('export const e = (d: string): number => d.length;');
  await waitForNode(page, 'e');
  // The marker is on e's parameter d (line 23), with a message naming the edge. (Markers of the
  // half-typed line come and go first, so look until the edge's own marker is the first one.)
  const widget = page.locator('.monaco-editor .marker-widget');
  // Back to the editor: reaching node e may have taken a click on the graph's Show all.
  await page.locator('.editor-host .monaco-editor .view-lines').click();
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('F8');
    await expect(widget).toContainText('d cannot feed parameter d of e', { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(widget).toContainText("Type 'Series<number>' is not assignable to type 'string'");
  await expect(page.locator('.monaco-editor .active-line-number')).toHaveText('23');
});

test('the editor knows the library: completion and hover docs come from our typings', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('const s = Series.fr');
  const suggestions = page.locator('.monaco-editor .suggest-widget');
  await expect(async () => {
    await page.keyboard.press('Control+Space');
    await expect(suggestions.getByRole('option', { name: /from/ })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 45_000 });
  // Accepting it, then asking for the hover (Ctrl/Cmd+K Ctrl/Cmd+I) shows the method's TSDoc.
  await page.keyboard.press('Enter');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('const s = Series.from');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+k');
  await page.keyboard.press('ControlOrMeta+i');
  await expect(
    page.getByRole('tooltip').filter({ hasText: 'A Series from an array or typed array' }),
  ).toBeVisible();
});

test('edges into and out of decorated functions are type-checked too (tag, extractColumns)', async ({
  page,
}) => {
  await openPlayground(page, '/?example=lineage');
  await waitForNode(page, 'age_normalized');
  await page.getByRole('button', { name: 'features.ts', exact: true }).click();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('export const is_male = tag(');
  // is_male reads the column gender that extractColumns makes from survey_results; age_normalized
  // (tagged) reads age_mean (tagged). Make both edges wrong.
  const code = readFileSync('src/examples/lineage/features.ts', 'utf8')
    .replace(/function is_male\(\s*gender: Series<string>/, 'function is_male(gender: Series<number>')
    .replace(
      'function age_mean(age: Series<number>): number {\n  return age.mean();',
      'function age_mean(age: Series<number>): string {\n  return String(age.mean());',
    );
  expect(code).toContain('gender: Series<number>');
  expect(code).toContain('): string {');
  await replaceCode(page, code);
  const widget = page.locator('.monaco-editor .marker-widget');
  for (const message of [
    'gender cannot feed parameter gender of is_male',
    'age_mean cannot feed parameter age_mean of age_normalized',
  ]) {
    await expect(async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('ControlOrMeta+Home');
      // F8 walks the markers in order; look at each until the edge's own one shows.
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('F8');
        if ((await widget.textContent({ timeout: 1000 }).catch(() => ''))?.includes(message)) return;
      }
      throw new Error(`no marker: ${message}`);
    }).toPass({ timeout: 45_000 });
  }
});
