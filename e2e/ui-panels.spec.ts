/** The results, the catalog, the inputs and the panes as a reader meets them, on desktop and on a phone. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
  focusEditorEnd,
  openExample,
  openPlayground,
  openTab,
  openWithCode,
  waitForNode,
} from './ui-helpers';

test("a DataFrame's histograms say which column each one shows", async ({ page }) => {
  await openPlayground(page, '/?example=ecommerce');
  await waitForNode(page, 'feature_set_v1');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const result = page.getByRole('region', { name: 'Result feature_set_v1' });
  const captions = result.locator('.histograms figcaption');
  await expect(captions.first()).toBeVisible();
  await expect(captions.filter({ hasText: 'age_normalized' })).toHaveCount(1);
  // A standardised column's mean is 0, not floating-point noise such as 2.004e-16.
  await expect(captions.filter({ hasText: 'age_normalized' })).toContainText('mean 0 ·');
  await expect(captions.filter({ hasText: 'time_since_last_login' })).toBeVisible();
});

test("a series' summary keeps every digit of its integers", async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // d = (7a)^3 for a = 1..5: its largest value is 42875, which four significant digits would round.
  await expect(page.getByRole('region', { name: 'Result d' }).locator('figcaption')).toContainText(
    'min 343 · max 42875',
  );
});

test('results computed before an edit say they are out of date until the next run', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.click();
  await expect(page.getByRole('region', { name: 'Result d' })).toBeVisible();
  const outdated = page.getByRole('status').filter({ hasText: 'these results are out of date' });
  await expect(outdated).toHaveCount(0);
  // The first Run turned Live on, which would re-run the edit at once: with Live off it waits for Run.
  const live = page.getByRole('button', { name: 'Live', exact: true });
  await expect(live).toHaveAttribute('aria-pressed', 'true');
  await live.click();
  await expect(live).toHaveAttribute('aria-pressed', 'false');
  // An edit that keeps every node (a's body) leaves the old results on screen: they say so.
  await focusEditorEnd(page);
  await page.keyboard.type('\n// a note\n');
  await expect(outdated).toBeVisible();
  await run.click();
  await expect(outdated).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Result d' })).toBeVisible();
});

test("Ctrl/⌘+S does not open the browser's save dialog: it says the work is saved as you type", async ({
  page,
}) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  // Seen first (capture), then asked after every handler ran whether one of them prevented it.
  await page.evaluate(() =>
    addEventListener(
      'keydown',
      (e: KeyboardEvent) => {
        if (e.key === 's')
          setTimeout(() => document.body.setAttribute('data-s-prevented', String(e.defaultPrevented)));
      },
      { capture: true },
    ),
  );
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.locator('body')).toHaveAttribute('data-s-prevented', 'true');
  await expect(
    page.getByRole('status').filter({ hasText: 'your work is kept in this browser' }),
  ).toBeVisible();
});

test('a run started from another tab marks the Results tab until it is opened', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await openTab(page, 'Inputs & config');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-node="d"]')).toHaveAttribute('data-state', 'done');
  // Still on the inputs (the user may run again after the next edit), with the news on the tab.
  await expect(page.getByRole('tab', { name: 'Inputs & config' })).toHaveAttribute('aria-selected', 'true');
  const results = page.getByRole('tab', { name: 'Results (new)' });
  await expect(results).toBeVisible();
  await results.click();
  await expect(page.getByRole('tab', { name: 'Results', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('tab', { name: 'Results (new)' })).toHaveCount(0);
});

test('a catalog filter that matches nothing says so and offers the tags the graph has', async ({ page }) => {
  await openPlayground(page);
  await openExample(page, 'Lineage as code');
  await waitForNode(page, 'age_normalized');
  await openTab(page, 'Catalog');
  const filter = page.getByRole('textbox', { name: 'Filter by tags' });
  // The field's example is this graph's own tags.
  await expect(filter).toHaveAttribute('placeholder', /owner=/);
  await filter.fill('owner=nobody');
  const empty = page.getByRole('status').filter({ hasText: 'No variable matches these filters.' });
  await expect(empty).toBeVisible();
  await empty.getByRole('button', { name: 'pii=true' }).click();
  await expect(filter).toHaveValue('pii=true');
  await expect(page.locator('tr[data-variable="age"]')).toBeVisible();
});

test('a bad JSON input says where the error is, once', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await openTab(page, 'Inputs & config');
  const inputs = page.getByRole('textbox', { name: 'Inputs (JSON)' });
  // Short lists stay on one line.
  await expect(inputs).toHaveValue('{\n  "input": [1, 2, 3, 4, 5]\n}');
  await inputs.fill('{\n  "input": [1, 2]\n},');
  const error = page.getByRole('alert').filter({ hasText: 'line 3, column 2' });
  await expect(error).toBeVisible();
  await expect(error).not.toContainText('position');
});

test('pane sizes are remembered across a reload', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  const splitter = page.getByRole('separator', { name: 'Resize code and graph' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  const after = Number(await splitter.getAttribute('aria-valuenow'));
  expect(after).toBeGreaterThan(before);
  await page.reload();
  await waitForNode(page, 'd');
  await expect(page.getByRole('separator', { name: 'Resize code and graph' })).toHaveAttribute(
    'aria-valuenow',
    String(after),
  );
});

test('a long list in a result shows a page at a time, and says up front when it was cut short', async ({
  page,
}) => {
  await openWithCode(
    page,
    'export function many(): number[] {\n  return Array.from({ length: 5000 }, (_, i) => i);\n}\n' +
      'export function rows(): { id: number }[] {\n  return Array.from({ length: 250 }, (_, id) => ({ id }));\n}\n',
  );
  await waitForNode(page, 'rows');
  await openTab(page, 'Inputs & config');
  await page.getByRole('button', { name: 'Compute every final node instead' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await openTab(page, 'Results');
  const rows = page.getByRole('region', { name: 'Result rows' });
  await expect(rows.locator('.json-children').first().locator(':scope > details')).toHaveCount(100);
  await rows.getByRole('button', { name: 'Show 100 more (150 not shown)' }).click();
  await expect(rows.locator('.json-children').first().locator(':scope > details')).toHaveCount(200);
  await expect(rows).not.toContainText('left out');
  // 5,000 items are more than a preview keeps: the note comes before the list, not after it.
  const many = page.getByRole('region', { name: 'Result many' });
  const note = many.getByText('Part of this value is left out');
  await expect(note).toBeVisible();
  const noteBox = (await note.boundingBox())!;
  const listBox = (await many.locator('.json-node').first().boundingBox())!;
  expect(noteBox.y).toBeLessThan(listBox.y);
});

test('in a split docs embed, the graph is as tall as the code beside it', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 700 });
  await page.goto('/embed.html?example=hello&view=split');
  await expect(page.locator('[data-node="d"]')).toBeVisible();
  const code = (await page.getByRole('region', { name: 'Code' }).boundingBox())!;
  const graph = (await page.getByRole('region', { name: 'Graph' }).boundingBox())!;
  expect(code.x + code.width).toBeLessThanOrEqual(graph.x + 1);
  expect(Math.abs(graph.height - code.height)).toBeLessThanOrEqual(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the Examples menu fits the screen', async ({ page }) => {
    await openPlayground(page);
    await page.getByRole('button', { name: 'Examples ▾' }).click();
    const menu = page.getByRole('list', { name: 'Examples' });
    await expect(menu).toBeVisible();
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
  });

  test('the file tabs stay one row beside their + button', async ({ page }) => {
    await openPlayground(page, '/?example=streaming');
    const files = page.getByRole('list', { name: 'Files' });
    await expect(files.getByRole('button', { name: 'data_sets.ts' })).toBeAttached();
    const list = (await files.boundingBox())!;
    const add = (await page.getByRole('button', { name: 'Add a file' }).boundingBox())!;
    // + sits on the tabs' row, not on a row of its own under them.
    expect(Math.abs(add.y + add.height / 2 - (list.y + list.height / 2))).toBeLessThan(6);
    expect(add.x + add.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test('the tutorial folds to one line to give the code the screen, and unfolds', async ({ page }) => {
    await openPlayground(page);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('button', { name: 'Tutorial' }).click();
    const panel = page.getByRole('complementary', { name: 'Tutorial' });
    await expect(panel.getByRole('heading', { name: '1. One function is one node' })).toBeVisible();
    const code = page.getByRole('region', { name: 'Code' });
    const before = (await code.boundingBox())!.height;
    await panel.getByRole('button', { name: 'Fold' }).click();
    await expect(panel.getByRole('heading')).toHaveCount(0);
    expect((await code.boundingBox())!.height).toBeGreaterThan(before + 150);
    await panel.getByRole('button', { name: '1. One function is one node' }).click();
    await expect(panel.getByRole('heading', { name: '1. One function is one node' })).toBeVisible();
  });

  test('the catalog is a list of cards, with the lineage answers one tap away', async ({ page }) => {
    await openPlayground(page, '/?example=lineage');
    await page.getByRole('tablist', { name: 'Region' }).getByRole('tab', { name: 'Results' }).click();
    await openTab(page, 'Catalog');
    const cards = page.getByRole('list', { name: 'Variables' });
    await expect(cards.locator('li[data-variable="age_normalized"]')).toBeVisible();
    await cards.getByRole('button', { name: 'age_normalized' }).click();
    await expect(page.locator('dl[aria-label="Lineage of age_normalized"]')).toContainText('data-science');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no serious violation in the outputs note, the catalog cards and the folded tutorial (${colorScheme})`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme });
      await openPlayground(page);
      const regions = page.getByRole('tablist', { name: 'Region' });
      await regions.getByRole('tab', { name: 'Code' }).click();
      await focusEditorEnd(page);
      await page.keyboard.type('\nexport function e(d: Series<number>): Series<number> {\nreturn d;');
      await regions.getByRole('tab', { name: 'Results' }).click();
      // Picking the outputs without e makes the note say Run leaves it out.
      const tools = page.getByRole('tablist', { name: 'Results and tools' });
      await tools.getByRole('tab', { name: 'Inputs & config' }).click();
      await page
        .getByRole('group', { name: 'Outputs to compute' })
        .getByRole('checkbox', { name: 'e' })
        .uncheck({ timeout: 20_000 });
      await tools.getByRole('tab', { name: 'Results' }).click();
      // The note waits for the compile of what was typed: slow on a loaded machine.
      await expect(page.getByRole('group', { name: 'Outputs' })).toBeVisible({ timeout: 20_000 });
      const serious = async () =>
        (
          await new AxeBuilder({ page }).exclude('.monaco-editor .monaco-scrollable-element').analyze()
        ).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(await serious()).toEqual([]);
      await openTab(page, 'Catalog');
      await expect(page.getByRole('list', { name: 'Variables' })).toBeVisible();
      expect(await serious()).toEqual([]);
      await page.getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('button', { name: 'Tutorial' }).click();
      await page
        .getByRole('complementary', { name: 'Tutorial' })
        .getByRole('button', { name: 'Fold' })
        .click();
      expect(await serious()).toEqual([]);
    });
  }
});
