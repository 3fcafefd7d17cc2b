import { expect, test } from '@playwright/test';
import { openExample, openPlayground, openTab, waitForNode } from './ui-helpers';

test('a config toggle swaps the config.when variant and the graph redraws', async ({ page }) => {
  await openPlayground(page);
  await openExample(page, 'Batch, streaming and online');
  await waitForNode(page, 'client');
  await openTab(page, 'Inputs & config');
  const mode = page.getByRole('group', { name: 'mode' });
  await expect(mode.getByRole('radio', { name: 'streaming' })).toBeChecked();
  await mode.getByRole('radio', { name: 'batch' }).check();
  await expect(page.locator('[data-node="client"]')).toHaveCount(0);
  await expect(page.locator('[data-node="mode"]')).toHaveAttribute('aria-label', /value batch/);
  await expect(page.getByRole('textbox', { name: 'Config (JSON)' })).toHaveValue(/"mode": "batch"/);
  await mode.getByRole('radio', { name: 'streaming' }).check();
  await waitForNode(page, 'client');
});
