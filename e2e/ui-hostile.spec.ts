/**
 * The playground under floods, as a user meets them: a node that prints a million lines, one that
 * prints without end, and a run of 5,000 nodes. Through each Stop answers, the next Run works, and the
 * editor keeps the user's code; the page's longest main-thread task is noted on the report.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parameterizedWorkspace } from '../scripts/bench/bigWorkspace';
import { ENDLESS, FLOOD } from '../scripts/bench/floods';
import { observeLongTasks, resetLongest } from '../scripts/bench/longTasks';
import { noteLongestTask } from './longestTask';
import { encodeLink } from '../src/share/link';
import {
  openPlayground,
  openTab,
  openWithCode,
  replaceCode,
  waitForNode,
  waitForSettled,
} from './ui-helpers';

test.beforeEach(async ({ page }) => observeLongTasks(page));

const status = (page: Page) => page.locator('.status[role="status"]');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const editorText = (page: Page) => page.locator('.editor-host .monaco-editor .view-lines');

/**
 * Clicks Run and waits for this run to end with `ended`: the status is seen running, or says something
 * new that matches (a quick run may end before a loaded machine sees it running).
 */
async function runToEnd(page: Page, ended: RegExp, timeout = 60_000) {
  const before = await status(page).textContent();
  await runButton(page).click();
  let running = false;
  await expect
    .poll(
      async () => {
        const now = (await status(page).textContent()) ?? '';
        running ||= /Running/.test(now);
        return ended.test(now) && (running || now !== before);
      },
      { timeout },
    )
    .toBe(true);
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

  // Every line, the ones left out of the list included, as a file the page makes itself.
  await resetLongest(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all lines' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('console.txt');
  expect(file.url()).toMatch(/^blob:/);
  const saved = (await readFile((await file.path())!, 'utf8')).split('\n');
  expect(saved.pop()).toBe('');
  expect(saved).toHaveLength(1_000_000);
  for (const i of [0, 999, 1000, 500_000, 999_799, 999_800, 999_999])
    expect(saved[i]).toBe(`[log] flood: line ${i}`);
  await noteLongestTask(page, 'downloading a million lines');
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

const BIG_STRING = `/** A million letters, a to z over and over. */
export function big(): string {
  return Array.from({ length: 1_000_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
}
`;

test('a 1 MB string result: the preview is cut, Show more adds the next chunk, and says when it was let go', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithCode(page, BIG_STRING);
  await waitForNode(page, 'big');
  await runToEnd(page, /Ran in/);
  await openTab(page, /^Results/);
  const value = page.locator('.result output.mono').first();
  await expect(value).toContainText('more characters');
  const before = (await value.textContent())!.length;
  expect(before).toBeLessThan(70_000);
  await value.getByRole('button', { name: 'Show more' }).click();
  await expect(value).toContainText(`${(1_000_000 - 2 * 65_536).toLocaleString('en')} more characters`);
  const after = (await value.textContent())!.length;
  expect(after - before).toBeGreaterThanOrEqual(65_536);
  // The shown text is the string itself, in order, across the chunk's seam.
  const letters = (await value.textContent())!.slice(0, 2 * 65_536);
  expect(letters).toBe(
    Array.from({ length: 2 * 65_536 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''),
  );

  // A new version's worker does not hold the old run's values: the page says so instead of waiting.
  await page.getByRole('button', { name: 'Live' }).click();
  await expect(page.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-pressed', 'false');
  await replaceCode(page, BIG_STRING.replace('A million letters', 'Still a million letters'));
  await waitForSettled(page);
  await value.getByRole('button', { name: 'Show more' }).click();
  await expect(value.getByRole('status')).toHaveText(/no longer held/);
  await expect(editorText(page)).toContainText('Still a million letters');
});
