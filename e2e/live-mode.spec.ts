/**
 * Live mode: after the first Run, an edit re-runs only what it made stale, the rest reused from the
 * worker's cache; before it (a link, an embed) and with Live off, nothing runs until Run.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, openTab, replaceCode, waitForNode, waitForSettled } from './ui-helpers';

const features = readFileSync(new URL('../src/examples/ecommerce/features.ts', import.meta.url), 'utf8');
const hello = readFileSync(new URL('../src/examples/hello/functions.ts', import.meta.url), 'utf8');

const live = (page: Page) => page.getByRole('button', { name: 'Live', exact: true });
const run = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const node = (page: Page, name: string) => page.locator(`[data-node="${name}"]`);

/** Every drawn node's name, state and whether it came from the cache. */
async function nodeStates(page: Page) {
  return page.locator('[data-node]').evaluateAll((nodes) =>
    nodes.map((n) => ({
      name: n.getAttribute('data-node')!,
      state: n.getAttribute('data-state')!,
      cached: n.getAttribute('data-cached') === 'true',
    })),
  );
}

/** Hello, run once (which turns Live on), then Live switched off. */
async function helloRanWithLiveOff(page: Page) {
  await openPlayground(page, '/?example=hello');
  await waitForNode(page, 'd');
  await run(page).click();
  await expect(node(page, 'd')).toHaveAttribute('data-state', 'done');
  await live(page).click();
  await expect(live(page)).toHaveAttribute('aria-pressed', 'false');
}

test('an edit with Live on re-runs only the edited function and its downstream', async ({ page }) => {
  // The e-commerce example's first run and two reads of the whole graph, on a loaded machine.
  test.slow();
  const errors = await openPlayground(page, '/?example=ecommerce');
  await waitForNode(page, 'feature_set_v1');
  await expect(live(page)).toHaveAttribute('aria-pressed', 'false');
  await run(page).click();
  await expect(node(page, 'feature_set_v1')).toHaveAttribute('data-state', 'done');
  // The first Run turned Live on.
  await expect(live(page)).toHaveAttribute('aria-pressed', 'true');
  const result = page.getByRole('region', { name: 'Result feature_set_v1' });
  const before = await result.innerText();
  const computedFirst = (await nodeStates(page)).filter((n) => n.state === 'done');
  expect(computedFirst.length).toBeGreaterThan(5);
  expect(computedFirst.every((n) => !n.cached)).toBe(true);

  await page
    .getByRole('list', { name: 'Files' })
    .getByRole('button', { name: 'features.ts', exact: true })
    .click();
  await replaceCode(page, features.replace('budget.gt(1000)', 'budget.gt(500)'));
  // The live run: the untouched nodes come from the cache.
  await expect(node(page, 'is_male')).toHaveAttribute('data-cached', 'true');
  await expect(node(page, 'feature_set_v1')).toHaveAttribute('data-state', 'done');
  const after = await nodeStates(page);
  const recomputed = after.filter((n) => n.state !== 'done' || !n.cached).map((n) => n.name);
  // Inputs are drawn idle: only functions run.
  const ranAgain = recomputed.filter((name) => after.find((n) => n.name === name)!.state !== 'idle');
  expect(ranAgain.sort()).toEqual(['feature_set_v1', 'is_high_roller']);
  await expect(result).not.toHaveText(before);
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('from cache');

  // The details say why a node re-ran.
  await node(page, 'feature_set_v1').click();
  await expect(page.getByRole('complementary', { name: 'Details of feature_set_v1' })).toContainText(
    'Ran because upstream is_high_roller changed',
  );
  await node(page, 'is_high_roller').click();
  await expect(page.getByRole('complementary', { name: 'Details of is_high_roller' })).toContainText(
    'Ran because its code changed',
  );
  expect(errors).toEqual([]);
});

test('a link opened in a fresh page runs nothing until Run', async ({ page }) => {
  await openPlayground(page, '/?example=hello');
  await waitForNode(page, 'd');
  await waitForSettled(page);
  await expect(live(page)).toHaveAttribute('aria-pressed', 'false');
  await replaceCode(page, hello.replace('a.mul(2)', 'a.mul(4)'));
  await waitForSettled(page);
  await expect(node(page, 'd')).toBeVisible();
  expect((await nodeStates(page)).every((n) => n.state === 'idle')).toBe(true);
  await run(page).click();
  await expect(node(page, 'd')).toHaveAttribute('data-state', 'done');
  await expect(live(page)).toHaveAttribute('aria-pressed', 'true');
});

test('with Live off an edit marks stale nodes and nothing runs until Run', async ({ page }) => {
  await helloRanWithLiveOff(page);

  await replaceCode(page, hello.replace('a.mul(2)', 'a.mul(4)'));
  // The edit's compile marks b and what reads it stale, before anything runs.
  await expect(node(page, 'b')).toHaveAttribute('data-state', 'stale');
  await expect(node(page, 'c')).toHaveAttribute('data-state', 'stale');
  await expect(node(page, 'd')).toHaveAttribute('data-state', 'stale');
  await waitForSettled(page);
  await expect(node(page, 'a')).toHaveAttribute('data-state', 'done');
  await expect(node(page, 'b')).toHaveAttribute('data-state', 'stale');
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('stale');
  await node(page, 'b').click();
  await expect(page.getByRole('complementary', { name: 'Details of b' })).toContainText(
    'Would run again: its code changed',
  );

  await run(page).click();
  await expect(node(page, 'b')).toHaveAttribute('data-state', 'done');
  await expect(node(page, 'd')).toHaveAttribute('data-state', 'done');
  await expect(node(page, 'a')).toHaveAttribute('data-cached', 'true');
  await expect(node(page, 'b')).not.toHaveAttribute('data-cached', 'true');
  await expect(live(page)).toHaveAttribute('aria-pressed', 'false');
});

test('with Live off a changed input marks what reads it stale, with why, until Run', async ({ page }) => {
  await helloRanWithLiveOff(page);

  await openTab(page, 'Inputs & config');
  const inputs = page.getByRole('textbox', { name: 'Inputs (JSON)' });
  const ran = await inputs.inputValue();
  await inputs.fill(ran.replace(/5\s*\]/, '6]'));
  for (const name of ['a', 'b', 'c', 'd'])
    await expect(node(page, name)).toHaveAttribute('data-state', 'stale');
  await node(page, 'a').click();
  await expect(page.getByRole('complementary', { name: 'Details of a' })).toContainText(
    'Would run again: input input changed',
  );
  await node(page, 'd').click();
  await expect(page.getByRole('complementary', { name: 'Details of d' })).toContainText(
    'Would run again: upstream c changed',
  );
  // Set back to what the run read: its results are current again.
  await inputs.fill(ran);
  await expect(node(page, 'a')).toHaveAttribute('data-state', 'done');
  await expect(node(page, 'd')).toHaveAttribute('data-state', 'done');

  await inputs.fill(ran.replace(/5\s*\]/, '6]'));
  await expect(node(page, 'a')).toHaveAttribute('data-state', 'stale');
  await run(page).click();
  await expect(node(page, 'a')).toHaveAttribute('data-state', 'done');
  await expect(node(page, 'a')).not.toHaveAttribute('data-cached', 'true');
  await expect(live(page)).toHaveAttribute('aria-pressed', 'false');
});
