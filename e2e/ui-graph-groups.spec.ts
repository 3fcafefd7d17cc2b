/**
 * A generated 2,000-node project with subdags in four modules: its clusters fold and unfold (by mouse
 * and keyboard), search and focus reach nodes inside folded clusters, grouping by module works, and the
 * minimap follows the view.
 */
import { expect, test, type Page } from '@playwright/test';
import { SUBDAG_NODES, subdagCount, subdagWorkspace } from '../scripts/bench/bigWorkspace';
import { encodeLink } from '../src/share/link';
import { openPlayground } from './ui-helpers';

const SIZE = 2000;
const SUBDAGS = subdagCount(SIZE);
/** Nodes inside each subdag's namespace (all but the subdag's own node). */
const INSIDE = SUBDAG_NODES - 1;

async function openBig(page: Page) {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await openPlayground(page, `/${encodeLink(subdagWorkspace(SIZE))}`);
  await expect(page.locator('svg.graph-svg')).toHaveAttribute('aria-label', /\d{4} nodes/, {
    timeout: 360_000,
  });
  return errors;
}

/** Whether every box of `inner` lies inside `outer` (screen pixels). */
async function contains(page: Page, outer: string, inner: string[]) {
  const frame = (await page.locator(outer).boundingBox())!;
  for (const name of inner) {
    const box = (await page.locator(`[data-node="${name}"]`).boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(frame.x);
    expect(box.y, name).toBeGreaterThanOrEqual(frame.y);
    expect(box.x + box.width, name).toBeLessThanOrEqual(frame.x + frame.width);
    expect(box.y + box.height, name).toBeLessThanOrEqual(frame.y + frame.height);
  }
}

test('a big graph opens with its subdags folded; a cluster unfolds and folds by mouse and keyboard', async ({
  page,
}) => {
  const errors = await openBig(page);
  // Fit draws everything: each subdag is one box, none of its nodes drawn.
  await page.getByRole('button', { name: 'Fit' }).click();
  const standIns = page.locator('[data-stand-in]');
  await expect(standIns).toHaveCount(SUBDAGS);
  await expect(page.locator('[data-node^="s_3."]')).toHaveCount(0);
  await expect(page.locator('[data-node="s_3"]')).toHaveCount(1);

  // Search finds a node inside a folded subdag: its cluster unfolds, framed and labelled, the node selected.
  const search = page.getByPlaceholder('Find a node');
  await search.fill('s_3.step_4');
  await search.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Details of s_3.step_4' })).toBeVisible();
  await expect(page.locator('[data-stand-in][data-cluster="s_3"]')).toHaveCount(0);
  const fold = page.getByRole('button', { name: `Fold namespace s_3 (${INSIDE} nodes)` });
  await expect(fold).toBeVisible();
  // The view shows the node with its neighbours, inside the group's frame.
  await contains(page, '.cluster-frame[data-cluster="s_3"] rect', ['s_3.step_3', 's_3.step_4', 's_3.step_5']);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(page.locator('[data-node^="s_3."]')).toHaveCount(INSIDE);
  await expect(standIns).toHaveCount(SUBDAGS - 1);

  // Its label folds it again: one box.
  await fold.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-node^="s_3."]')).toHaveCount(0);
  const box = page.locator('[data-stand-in][data-cluster="s_3"]');
  await expect(box).toHaveAccessibleName(`s_3 · ${INSIDE} nodes: folded namespace. Unfold`);

  // Clicking the box unfolds it.
  await box.click();
  await expect(page.locator('[data-node^="s_3."]')).toHaveCount(INSIDE);
  expect(errors).toEqual([]);
});

test('grouping by module folds each file into one box; no groups draws every node', async ({ page }) => {
  await openBig(page);
  await page.getByLabel('Group nodes').selectOption('module');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(page.locator('[data-stand-in]')).toHaveCount(4);
  await expect(page.getByRole('button', { name: /^part_0 · \d+ nodes: folded module/ })).toBeVisible();
  await page.getByLabel('Group nodes').selectOption('none');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(page.locator('[data-stand-in]')).toHaveCount(0);
  await expect(page.locator('[data-node^="s_0."]')).toHaveCount(INSIDE);
});

test('focus mode and the minimap on the big graph', async ({ page }) => {
  await openBig(page);
  const search = page.getByPlaceholder('Find a node');
  await search.fill('s_5.step_5');
  await search.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Details of s_5.step_5' })).toBeVisible();
  // One hop: the step before and the step after.
  await page.getByLabel('Focus').check();
  await page.getByLabel('Hops shown around the selected node').fill('1');
  await expect(page.locator('svg.graph-svg [data-node]')).toHaveCount(3);
  await expect(page.locator('[data-node="s_5.step_4"]')).toBeVisible();
  await expect(page.locator('[data-node="s_5.step_6"]')).toBeVisible();
  await page.getByLabel('Focus').uncheck();

  // The minimap shows once the view moves, and a click on it pans the view there.
  await page.getByRole('button', { name: 'Zoom out' }).click();
  const minimap = page.getByRole('img', { name: /Minimap of the whole graph/ });
  await expect(minimap).toBeVisible();
  const view = page.locator('svg.graph-svg > g');
  const before = await view.getAttribute('transform');
  const area = (await minimap.boundingBox())!;
  await minimap.click({ position: { x: 4, y: area.height / 2 } });
  await expect.poll(() => view.getAttribute('transform')).not.toBe(before);
  await expect(page.locator('svg.graph-svg [data-node]').first()).toBeVisible();
});
