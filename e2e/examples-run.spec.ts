/** Each example opens, draws its graph and runs green in the built playground. */
import { expect, test } from '@playwright/test';
import { openPlayground, openExample, openTab, waitForNode, waitForSettled } from './ui-helpers';
import { runUntilDone } from './share-helpers';
import { EXAMPLES } from './examples';

for (const example of EXAMPLES) {
  test(`example ${example.id} runs green`, async ({ page }) => {
    const errors = await openPlayground(page, `/?example=${example.id}`);
    // The worker's graph, not only the one drawn at build time, before the view is unfolded.
    await waitForSettled(page);
    for (const output of example.outputs) await waitForNode(page, output);
    for (const output of example.outputs.slice(1)) {
      await expect(page.locator(`[data-node="${output}"]`)).toBeVisible();
    }
    await runUntilDone(page, example.outputs[0]);
    for (const output of example.outputs) {
      await expect(page.locator(`[data-node="${output}"]`)).toHaveAttribute('data-state', 'done');
    }
    await expect(page.locator('[data-state="failed"]')).toHaveCount(0);
    await expect(page.locator('.run-error')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

test('the Examples menu opens an example', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await openExample(page, 'E-commerce features');
  await waitForNode(page, 'feature_set_v1');
  await waitForNode(page, 'time_since_last_login');
});

test('the streaming example toggles between streaming and batch', async ({ page }) => {
  await openPlayground(page, '/?example=streaming');
  await waitForNode(page, 'client');
  await waitForNode(page, 'survey_records');
  await runUntilDone(page, 'feature_set_v1');
  await openTab(page, /^Inputs/);
  await page.getByRole('radio', { name: 'batch' }).check();
  await waitForNode(page, 'survey_data');
  await expect(page.locator('[data-node="client"]')).toHaveCount(0);
  await runUntilDone(page, 'feature_set_v1');
  await expect(page.locator('[data-state="failed"]')).toHaveCount(0);
});
