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
