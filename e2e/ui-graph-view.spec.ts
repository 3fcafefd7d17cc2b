import { expect, test, type Page } from '@playwright/test';
import { focusEditorEnd, openPlayground, openWithCode, paste, waitForNode } from './ui-helpers';

/** The names of the drawn nodes lying partly outside the graph's pane. */
async function clippedNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('svg [data-node]')!.closest('svg')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-node]')]
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return (
          box.left < pane.left || box.right > pane.right || box.top < pane.top || box.bottom > pane.bottom
        );
      })
      .map((node) => node.getAttribute('data-node')!);
  });
}

test('a small graph stays whole in view on a desktop, also as it grows', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await waitForNode(page, 'd');
  expect(await clippedNodes(page)).toEqual([]);
  // Two more functions make the chain wider than the pane at 70 % zoom: the whole still fits at 50 %.
  await focusEditorEnd(page);
  await paste(
    page,
    '\nexport function e(d: number[]): number[] {\n  return d;\n}\n\nexport function f(e: number[]): number[] {\n  return e;\n}\n',
  );
  await waitForNode(page, 'f');
  await expect.poll(() => clippedNodes(page)).toEqual([]);
});

test('a cycle is reported once, with the node it closes on', async ({ page }) => {
  await openWithCode(
    page,
    'export function a(c: number): number {\n  return c;\n}\n\nexport function c(a: number): number {\n  return a;\n}\n',
  );
  const banner = page.getByRole('alert').filter({ hasText: 'Cycle' });
  await expect(banner).toHaveCount(1);
  await expect(banner).toContainText(/Cycle: (a → c → a|c → a → c)/);
});

test('opening a node’s details keeps its neighbours in view', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await waitForNode(page, 'd');
  await page.locator('[data-node="b"]').click();
  await expect(page.getByRole('complementary', { name: 'Details of b' })).toBeVisible();
  await expect
    .poll(async () => (await clippedNodes(page)).filter((n) => ['a', 'b', 'c'].includes(n)))
    .toEqual([]);
});

test('the search box finds a node by name, tag or type and selects it in view', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page, '/?example=ecommerce');
  await waitForNode(page, 'feature_set_v1');
  const search = page.getByLabel('Find a node by name, tag or type');
  await search.fill('time_since');
  await search.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Details of time_since_last_login' })).toBeVisible();
  await expect(page.locator('[data-node="time_since_last_login"]')).toBeVisible();
  await expect.poll(async () => (await clippedNodes(page)).includes('time_since_last_login')).toBe(false);
  // A type matches several nodes: Enter walks through them.
  await search.fill('Series<boolean>');
  await search.press('Enter');
  await expect(page.getByRole('search').getByRole('status')).toHaveText(/^1 of [2-9]/);
  await search.press('Enter');
  await expect(page.getByRole('search').getByRole('status')).toHaveText(/^2 of /);
  await search.fill('no_such_node');
  await search.press('Enter');
  await expect(page.getByRole('search').getByRole('status')).toHaveText('No node matches');
});

test('a run keeps the view where it was', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page, '/?example=ecommerce');
  await expect(page.locator('[data-node="feature_set_v1"]')).toBeVisible({ timeout: 30_000 });
  const view = page.locator('svg.graph-svg > g');
  const before = await view.getAttribute('transform');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="feature_set_v1"]')).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
  expect(await view.getAttribute('transform')).toBe(before);
});

test('a cycle’s closing edge runs around the nodes, not through them', async ({ page }) => {
  await openWithCode(
    page,
    'export function a(c: number): number {\n  return c;\n}\n\nexport function b(a: number): number {\n  return a;\n}\n\nexport function c(b: number): number {\n  return b;\n}\n',
  );
  await expect(page.locator('path.edge.back')).toHaveCount(1);
  const { edge, lowest } = await page.evaluate(() => {
    const back = document.querySelector('path.edge.back')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('[data-node]')].map((n) => n.getBoundingClientRect());
    return { edge: back.bottom, lowest: Math.max(...nodes.map((n) => n.bottom)) };
  });
  expect(edge).toBeGreaterThan(lowest + 10);
});

test('focus mode shows only the nodes within N hops of the selected one', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await waitForNode(page, 'c');
  await page.getByLabel('Focus').check();
  await page.locator('[data-node="c"]').click();
  await page.getByLabel('Hops shown around the selected node').fill('1');
  // One hop from c: its parents a and b, its consumer d; not the input a reads.
  await expect(page.locator('svg.graph-svg [data-node]')).toHaveCount(4);
  await expect(page.locator('[data-node="input"]')).toHaveCount(0);
  await page.getByLabel('Hops shown around the selected node').fill('2');
  await expect(page.locator('[data-node="input"]')).toBeVisible();
  await page.getByLabel('Focus').uncheck();
  await expect(page.locator('svg.graph-svg [data-node]')).toHaveCount(5);
});

test('a graph that does not fit legibly gets a minimap once the view moves; clicking it pans there', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page, '/?example=quality');
  await expect(page.locator('[data-node="feature_set_v1"]')).toBeVisible({ timeout: 30_000 });
  const minimap = page.getByRole('img', { name: /Minimap of the whole graph/ });
  // Not over the opening view: it would hide nodes there.
  await expect(minimap).toHaveCount(0);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(minimap).toBeVisible();
  const view = page.locator('svg.graph-svg > g');
  const before = await view.getAttribute('transform');
  // The minimap's left end is the graph's upstream end: clicking there brings the sources into view.
  const box = (await minimap.boundingBox())!;
  await minimap.click({ position: { x: 4, y: box.height / 2 } });
  await expect.poll(() => view.getAttribute('transform')).not.toBe(before);
  await expect(page.locator('[data-node="survey_data"]')).toBeVisible();
});

test('Show all unfolds the whole graph, and it stays unfolded', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page, '/?example=quality');
  const showAll = page.getByRole('button', { name: /^\d+ more upstream.*Show all$/ });
  await expect(showAll).toBeVisible({ timeout: 30_000 });
  await showAll.click();
  await expect(page.locator('svg.graph-svg [data-node]')).toHaveCount(25);
  await expect(showAll).toHaveCount(0);
  expect(await clippedNodes(page)).toEqual([]);
});
