/**
 * The playground under floods, as a user meets them: a node that prints a million lines, one that
 * prints without end, and a run of 5,000 nodes. Through each Stop answers, the next Run works, and the
 * editor keeps the user's code; the page's longest main-thread task is noted on the report.
 */
import { expect, test, type Page } from '@playwright/test';
import { parameterizedWorkspace } from '../scripts/bench/bigWorkspace';
import { ENDLESS, FLOOD } from '../scripts/bench/floods';
import { observeLongTasks, resetLongest } from '../scripts/bench/longTasks';
import { noteLongestTask } from './longestTask';
import { encodeLink } from '../src/share/link';
import { openPlayground, openTab, openWithCode, replaceCode, waitForNode } from './ui-helpers';

test.beforeEach(async ({ page }) => observeLongTasks(page));

const status = (page: Page) => page.locator('.status[role="status"]');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const editorText = (page: Page) => page.locator('.editor-host .monaco-editor .view-lines');

/** Clicks Run and waits for the run to start, then to end with `ended`. */
async function runToEnd(page: Page, ended: RegExp, timeout = 60_000) {
  await runButton(page).click();
  await expect(status(page)).toHaveText(/Running/, { timeout });
  await expect(status(page)).toHaveText(ended, { timeout });
}

test('a million console lines: the page stays responsive, the first and last lines show, the rest are counted', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openWithCode(page, FLOOD);
  await waitForNode(page, 'flood');
  await resetLongest(page);
  await runToEnd(page, /Ran in/, 120_000);
  await noteLongestTask(page, 'a million lines');

  // 1,000 lines from the start, a line counting the rest, the last 200.
  await openTab(page, 'Console (1201)');
  const list = page.getByRole('list', { name: 'Console output' });
  const lines = list.getByRole('listitem');
  await expect(lines.filter({ hasText: /^log.*line 999999$/ })).toBeVisible();
  // Only the lines in view are in the page.
  expect(await lines.count()).toBeLessThan(100);
  await list.evaluate((el) => (el.parentElement!.scrollTop = 0));
  await expect(lines.filter({ hasText: /line 0$/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'log' }).uncheck();
  await expect(lines).toHaveText([/998,800 more console lines not shown/]);
  await page.getByRole('checkbox', { name: 'log' }).check();
  await expect(editorText(page)).toContainText('export function flood');
});

test('printing without end: Stop answers at once, and after it the next run works', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithCode(page, ENDLESS);
  const node = await waitForNode(page, 'endless');
  await resetLongest(page);
  await runButton(page).click();
  await expect(node).toHaveAttribute('data-state', 'running');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');
  await noteLongestTask(page, 'Stop of an endless print');
  await expect(editorText(page)).toContainText('export function endless');

  // Live mode (on since the first Run) would run the new code by itself: this test runs it.
  await page.getByRole('button', { name: 'Live' }).click();
  await expect(page.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-pressed', 'false');
  await replaceCode(page, FLOOD);
  await waitForNode(page, 'flood');
  await resetLongest(page);
  await runToEnd(page, /Ran in/, 90_000);
  await noteLongestTask(page, 'a run after Stop');
});

// 20,000 nodes is the hostile benchmark's: building that graph can take the whole module-code limit.
for (const size of [5000]) {
  test(`a ${size.toLocaleString('en')}-node run: node states arrive a frame at a time, and the next run works`, async ({
    page,
  }) => {
    test.setTimeout(600_000);
    await openPlayground(page, `/${encodeLink(parameterizedWorkspace(size))}`);
    await expect(page.locator('svg.graph-svg')).toHaveAttribute('aria-label', new RegExp(`${size} nodes`), {
      timeout: 400_000,
    });
    await expect(runButton(page)).toBeEnabled({ timeout: 60_000 });
    await resetLongest(page);
    await runToEnd(page, /Ran in/, 120_000);
    await noteLongestTask(page, 'the run');
    await expect(page.locator('[data-node][data-state="done"]').first()).toBeVisible();
    await expect(
      page.locator('[data-node][data-state="pending"], [data-node][data-state="running"]'),
    ).toHaveCount(0);

    await resetLongest(page);
    await runToEnd(page, /Ran in/, 120_000);
    await noteLongestTask(page, 'the second run');
    await expect(editorText(page)).toContainText('parameterize');
  });
}
