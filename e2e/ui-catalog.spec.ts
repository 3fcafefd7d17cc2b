import { expect, test } from '@playwright/test';
import { openExample, openPlayground, openTab, waitForNode } from './ui-helpers';

test('the catalog filters by tag and answers who owns a feature, how it is computed and where it is used', async ({
  page,
}) => {
  await openPlayground(page);
  await openExample(page, 'Lineage as code');
  await waitForNode(page, 'age_normalized');
  await openTab(page, 'Catalog');
  const rows = page.locator('.catalog-table tbody tr[data-variable]');
  await page.getByRole('textbox', { name: 'Filter by tags' }).fill('owner=data-engineering');
  await expect(rows.first()).toBeVisible();
  for (const name of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-variable')))) {
    await expect(page.locator(`tr[data-variable="${name}"]`)).toContainText('owner=data-engineering');
  }
  // Tags on survey_results land on the columns it extracts, as in Hamilton.
  await expect(page.locator('tr[data-variable="age"]')).toBeVisible();
  await expect(page.locator('tr[data-variable="is_male"]')).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Filter by tags' }).fill('pii=false owner=data-science');
  await expect(page.locator('tr[data-variable="age_normalized"]')).toBeVisible();
  await expect(page.locator('tr[data-variable="is_high_roller"]')).toHaveCount(0);
  await page
    .locator('tr[data-variable="age_normalized"]')
    .getByRole('button', { name: 'age_normalized' })
    .click();
  const answers = page.locator('dl[aria-label="Lineage of age_normalized"]');
  await expect(answers).toContainText('data-science');
  await expect(answers.locator('dd').nth(1).getByRole('button', { name: 'age_mean' })).toBeVisible();
  await expect(answers.locator('dd').nth(2).getByRole('button', { name: 'feature_set_v1' })).toBeVisible();
  await expect(answers.locator('dd').nth(3)).not.toBeEmpty();

  // Search narrows by name and documentation.
  await page.getByRole('textbox', { name: 'Filter by tags' }).fill('');
  await page.getByRole('searchbox', { name: 'Search variables' }).fill('roller');
  await expect(rows).toHaveCount(1);
});
