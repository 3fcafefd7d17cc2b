import { expect, test } from '@playwright/test';
import { openExample, openPlayground, waitForNode } from './ui-helpers';

test('selecting a node highlights its lineage, shows its details, and jumps to its code', async ({
  page,
}) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await page.locator('[data-node="b"]').click();
  const details = page.getByRole('complementary', { name: 'Details of b' });
  await expect(details).toContainText('Series<number>');
  await expect(details.getByRole('button', { name: 'a', exact: true })).toBeVisible();
  await expect(details.getByRole('button', { name: 'c', exact: true })).toBeVisible();
  await expect(page.locator('[data-node="b"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('path.edge.lit')).not.toHaveCount(0);
  await details.getByRole('button', { name: /Go to definition: functions.ts:(\d+)/ }).click();
  await expect(page.locator('.monaco-editor .active-line-number')).toHaveText('9');

  // Keyboard: from b, → goes downstream, ← upstream, Enter selects.
  await page.locator('[data-node="b"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-node="c"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Details of c' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: /Details of/ })).toHaveCount(0);
});

test('lineage dims what is unrelated', async ({ page }) => {
  await openPlayground(page);
  await openExample(page, 'Lineage as code');
  await waitForNode(page, 'is_male');
  await page.locator('[data-node="is_male"]').click();
  await expect(page.locator('[data-node="is_male"]')).not.toHaveClass(/dim/);
  await expect(page.locator('[data-node="gender"]')).not.toHaveClass(/dim/);
  await expect(page.locator('[data-node="age_mean"]')).toHaveClass(/dim/);
});

test('hovering a node shows a compact summary', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await page.locator('[data-node="c"]').hover();
  await expect(page.getByRole('tooltip')).toContainText('c');
  await expect(page.getByRole('tooltip')).toContainText('a * 3 + b * 2');
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
});
