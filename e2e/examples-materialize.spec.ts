/** The load-and-save example reads a workspace CSV, runs green and offers the file it saved for download. */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openPlayground, openTab, waitForNode } from './ui-helpers';
import { runUntilDone } from './share-helpers';

test('the materialize example saves budget_by_gender.csv and Results offers it for download', async ({
  page,
}) => {
  const errors = await openPlayground(page, '/?example=materialize');
  await waitForNode(page, 'save_budget_by_gender');
  await waitForNode(page, 'survey.load_data.raw');
  await runUntilDone(page, 'save_budget_by_gender');
  for (const node of ['survey.load_data.raw', 'survey', 'budget_by_gender', 'save_budget_by_gender']) {
    await expect(page.locator(`[data-node="${node}"]`)).toHaveAttribute('data-state', 'done');
  }
  await expect(page.locator('.run-error')).toHaveCount(0);
  await openTab(page, 'Results');
  const saved = page.getByRole('region', { name: 'Saved files' });
  await expect(saved).toContainText('budget_by_gender.csv');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    saved.getByRole('button', { name: 'Download saved file budget_by_gender.csv' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('budget_by_gender.csv');
  const text = await readFile((await download.path()) as string, 'utf8');
  expect(text.split('\n')[0]).toBe('gender,clients,mean_budget,max_budget');
  expect(text.trim().split('\n').length).toBeGreaterThan(1);
  expect(errors).toEqual([]);
});
