/** Share links: the round trip, the URL following edits, the malformed-link banner and autosave restore. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decodeLink } from '../src/share/link';
import { openPlayground, waitForNode, waitForSettled } from './ui-helpers';
import { editorText, pasteCode, runUntilDone, savedWorkspace } from './share-helpers';

// The hello world with one more node.
const EDITED = `${readFileSync(new URL('../src/examples/hello/functions.ts', import.meta.url), 'utf8')}
export function shared_node(d: Series<number>): number {
  return d.sum();
}
`;

test('share link round trip: copy, open in a new page, same files, runs only after Run', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  await waitForNode(page, 'd');
  await pasteCode(page, EDITED);
  await waitForNode(page, 'shared_node');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  const decoded = decodeLink(new URL(link).hash);
  expect(decoded?.ok && decoded.workspace.files).toEqual([{ name: 'functions.ts', code: EDITED }]);

  // Someone else opens it: a browser of their own (nothing saved).
  const other = await (await browser.newContext()).newPage();
  const errors = await openPlayground(other, link.replace(/^https?:\/\/[^/]+/, ''));
  await waitForNode(other, 'shared_node');
  await expect(other.locator('[data-banner="link"]')).toContainText('came from a link');
  expect(await editorText(other)).toContain('export function shared_node(d: Series<number>): number {');
  // Drawn by the worker, and not run.
  await waitForSettled(other);
  await expect(other.locator('header [role="status"]')).toHaveText('Ready');
  await expect(other.locator('[data-node][data-state="done"]')).toHaveCount(0);
  await runUntilDone(other, 'd');
  expect(errors).toEqual([]);
});

test('the URL follows edits', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await pasteCode(page, EDITED);
  const urlCode = () => {
    const decoded = decodeLink(new URL(page.url()).hash);
    return decoded?.ok ? decoded.workspace.files[0].code : null;
  };
  await expect.poll(urlCode, { timeout: 10_000 }).toBe(EDITED);
});

test('autosave: reopening the playground restores the work', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await pasteCode(page, EDITED);
  await expect.poll(() => savedWorkspace(page), { timeout: 10_000 }).toContain('shared_node');
  await page.goto('/');
  await waitForNode(page, 'shared_node');
  expect(await editorText(page)).toContain('shared_node');
  await expect(page.locator('[data-banner]')).toHaveCount(0);
});

for (const [name, hash] of [
  ['malformed', '#h1.this-is-not-deflate'],
  ['truncated', '#h1.q1YqSy0qzszPU7JSMlTSUUrLzEnVU8rJz0tPLElVslIqLcnLz0nPzM'],
  ['future-version', '#h7.AAAA'],
] as const) {
  test(`a ${name} link shows a banner and keeps the user's own work open`, async ({ page }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await pasteCode(page, EDITED);
    await expect.poll(() => savedWorkspace(page), { timeout: 10_000 }).toContain('shared_node');
    const saved = await savedWorkspace(page);

    // A link pasted into a new tab.
    const tab = await page.context().newPage();
    await tab.goto(`/${hash}`);
    const banner = tab.locator('[data-banner="bad-link"]');
    await expect(banner).toContainText('could not be opened');
    await expect(banner).toContainText('Your own work is open instead');
    await waitForNode(tab, 'shared_node');
    expect(await savedWorkspace(tab)).toBe(saved);
    expect(new URL(tab.url()).hash).not.toBe(hash);
  });
}

test('opening a link never overwrites the user’s work without a way back', async ({ page, browser }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await pasteCode(page, EDITED);
  await expect.poll(() => savedWorkspace(page), { timeout: 10_000 }).toContain('shared_node');

  // Someone else's link: the e-commerce example, shared from their own browser.
  const someone = await (await browser.newContext()).newPage();
  await someone.goto('/?example=ecommerce');
  await waitForNode(someone, 'feature_set_v1');
  await someone.getByRole('button', { name: 'Share', exact: true }).click();
  const theirs = someone.url();
  expect(new URL(theirs).search).toBe('');

  await page.goto(theirs.replace(/^https?:\/\/[^/]+/, ''));
  await waitForNode(page, 'feature_set_v1');
  const banner = page.locator('[data-banner="link"]');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Restore my previous work' }).click();
  await waitForNode(page, 'shared_node');
  // The link's work is in History in turn.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: 'History' })).toContainText('Shared link');
});
