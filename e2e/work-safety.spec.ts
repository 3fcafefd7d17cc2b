/**
 * The user's work is never lost, and Run does what the user means: each test replays a way work used
 * to become unreachable, or a run that refused or misreported, on the built app.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { random } from '../scripts/random';
import { encodeLink } from '../src/share/link';
import type { Workspace } from '../src/share/workspace';
import {
  focusEditorEnd,
  openExample,
  openPlayground,
  openTab,
  pickOutputsWithout,
  replaceCode,
  waitForNode,
} from './ui-helpers';
import { editorText, savedWorkspace } from './share-helpers';

/** Adds a function to the default example by typing, and waits until it is autosaved. */
async function addToHello(page: Page, name: string) {
  await waitForNode(page, 'd');
  await focusEditorEnd(page);
  await page.keyboard.type(`\nexport function ${name}(d: Series<number>): number {\nreturn d.sum();`);
  await waitForNode(page, name);
  await expect.poll(() => savedWorkspace(page), { timeout: 10_000 }).toContain(name);
}

/** Types a comment at the end of the active file and waits until it is autosaved. */
async function typeComment(page: Page, text: string) {
  await focusEditorEnd(page);
  await page.keyboard.type(`\n// ${text}\n`);
  await expect.poll(() => savedWorkspace(page), { timeout: 10_000 }).toContain(text);
}

/** The end of the active file as the editor shows it (Monaco draws only the lines in view). */
async function editorEnd(page: Page): Promise<string> {
  await focusEditorEnd(page);
  return editorText(page);
}

/** Opens the History menu and returns its list. */
async function openHistory(page: Page) {
  await page.getByRole('button', { name: 'History' }).click();
  const list = page.getByRole('list', { name: 'History' });
  await expect(list).toBeVisible();
  return list;
}

const HELLO = readFileSync(new URL('../src/examples/hello/functions.ts', import.meta.url), 'utf8');
const linked: Workspace = {
  version: 1,
  files: [{ name: 'linked.ts', code: 'export function linked_node(x: number): number {\n  return x;\n}\n' }],
  activeFile: 'linked.ts',
  inputs: { x: 1 },
  config: {},
  outputs: [],
  tables: {},
};

test.describe('work safety', () => {
  test('tutorial, then reload: the tutorial work is there, History has the example’s edits, closing returns to them', async ({
    page,
  }) => {
    const errors = await openPlayground(page);
    await addToHello(page, 'mine_hello');
    await page.getByRole('button', { name: 'Tutorial' }).click();
    const panel = page.getByRole('complementary', { name: 'Tutorial' });
    await expect(panel).toBeVisible();
    await typeComment(page, 'typed in step one');
    await page.reload();
    await expect(panel).toBeVisible();
    await expect.poll(() => editorText(page)).toContain('typed in step one');
    await expect(await openHistory(page)).toContainText('your edits to Hello world');
    await page.keyboard.press('Escape');
    await panel.getByRole('button', { name: 'Close the tutorial' }).click();
    await waitForNode(page, 'mine_hello');
    // Back in the tutorial, step 1 still has what was typed in it.
    await page.getByRole('button', { name: 'Tutorial' }).click();
    await expect.poll(() => editorText(page)).toContain('typed in step one');
    expect(errors).toEqual([]);
  });

  test('example switch, then reload: each example keeps its edits, with Reset to original', async ({
    page,
  }) => {
    await openPlayground(page);
    await addToHello(page, 'mine_hello');
    await openExample(page, 'E-commerce');
    await waitForNode(page, 'feature_set_v1');
    await typeComment(page, 'my shop edit');
    await page.reload();
    await waitForNode(page, 'feature_set_v1');
    await expect.poll(() => editorEnd(page)).toContain('my shop edit');
    // The menu marks the examples that have the user's edits.
    await page.getByRole('button', { name: 'Examples ▾' }).click();
    await expect(page.getByRole('button', { name: /^Hello world · your edits/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await openExample(page, 'Hello world');
    await waitForNode(page, 'mine_hello');
    const banner = page.locator('[data-banner="edits"]');
    await expect(banner).toContainText('These are your edits to Hello world');
    await banner.getByRole('button', { name: 'Reset to original' }).click();
    await expect(page.locator('[data-node="mine_hello"]')).toHaveCount(0);
    // Reset kept the edits in History; one click brings them back.
    const history = await openHistory(page);
    await history
      .getByRole('button', { name: /Hello world.*your edits to Hello world/ })
      .first()
      .click();
    await waitForNode(page, 'mine_hello');
    await openExample(page, 'E-commerce');
    await expect.poll(() => editorEnd(page)).toContain('my shop edit');
  });

  test('a dismissed link banner does not lose the way back: History has the work', async ({ page }) => {
    await openPlayground(page);
    await addToHello(page, 'mine_hello');
    await page.goto(`/${encodeLink(linked)}`);
    await waitForNode(page, 'linked_node');
    const banner = page.locator('[data-banner="link"]');
    await expect(banner).toContainText('came from a link');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
    const history = await openHistory(page);
    await history.getByRole('button', { name: /your edits to Hello world/ }).click();
    await waitForNode(page, 'mine_hello');
  });

  test('two tabs editing at once keep each other’s work in History', async ({ page, context }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await typeComment(page, 'written in tab A');
    const other = await context.newPage();
    await openPlayground(other);
    await waitForNode(other, 'd');
    await typeComment(other, 'written in tab B');
    // Tab A noticed, and keeps B's work; then A's next save does not make it unreachable.
    await expect(page.locator('[data-banner="tabs"]')).toBeVisible();
    await typeComment(page, 'tab A again');
    const history = await openHistory(page);
    await history.getByRole('button', { name: /your work in another tab/ }).click();
    await expect.poll(() => editorText(page)).toContain('written in tab B');
    await expect(other.locator('[data-banner="tabs"]')).toBeVisible();
  });

  test('work saved by an earlier version opens, and what it had set aside is in History', async ({
    page,
  }) => {
    // The browser as an earlier version left it (seeded once, before the page's first load).
    await page.addInitScript(
      ([current, aside]) => {
        if (sessionStorage.getItem('seeded')) return;
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('hamilton-playground:workspace', current);
        localStorage.setItem('hamilton-playground:previous-workspace', aside);
      },
      [
        JSON.stringify(linked),
        JSON.stringify({
          ...linked,
          files: [{ name: 'old.ts', code: '// set aside\n' }],
          activeFile: 'old.ts',
        }),
      ],
    );
    await openPlayground(page);
    await waitForNode(page, 'linked_node');
    const history = await openHistory(page);
    await history.getByRole('button', { name: /Earlier work/ }).click();
    await expect.poll(() => editorText(page)).toContain('// set aside');
  });

  test('storage full: said once, the work goes on in memory, nothing throws', async ({ page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const errors = await openPlayground(page);
    await waitForNode(page, 'd');
    await focusEditorEnd(page);
    await page.keyboard.type('\nexport function e(d: Series<number>): number {\nreturn d.sum();');
    await waitForNode(page, 'e');
    const note = page.locator('[data-banner="storage"]');
    await expect(note).toContainText('storage for the playground is full');
    await page.keyboard.type('\n// more');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="e"]')).toHaveAttribute('data-state', 'done');
    await expect(note).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('site data blocked: the page works, says so, and never shows a blank page', async ({ page }) => {
    await page.addInitScript(() => {
      const blocked = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      Object.defineProperty(window, 'localStorage', { get: blocked });
      Object.defineProperty(window, 'indexedDB', { get: blocked });
    });
    const errors = await openPlayground(page);
    await waitForNode(page, 'd');
    await expect(page.locator('[data-banner="storage"]')).toContainText(
      'does not let the playground keep data',
    );
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="d"]')).toHaveAttribute('data-state', 'done');
    await page.getByRole('button', { name: 'Tutorial' }).click();
    await expect(page.getByRole('complementary', { name: 'Tutorial' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('only opening a link says "came from a link"; reloading it, or one’s own work, does not', async ({
    page,
  }) => {
    await openPlayground(page, `/${encodeLink(linked)}`);
    await waitForNode(page, 'linked_node');
    await expect(page.locator('[data-banner="link"]')).toBeVisible();
    await page.reload();
    await waitForNode(page, 'linked_node');
    await expect(page.locator('.editor-host[data-editor-ready]')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-banner="link"]')).toHaveCount(0);
    await typeComment(page, 'now it is mine');
    await page.reload();
    await expect.poll(() => editorText(page)).toContain('now it is mine');
    await expect(page.locator('[data-banner="link"]')).toHaveCount(0);
  });
});

test.describe('History and banners look right', () => {
  for (const [width, height] of [
    [1440, 900],
    [375, 812],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`History menu and the edits banner pass axe at ${width} px (${colorScheme})`, async ({
        browser,
      }) => {
        const context = await browser.newContext({ colorScheme, viewport: { width, height } });
        const page = await context.newPage();
        await openPlayground(page);
        const phone = width < 720;
        await typeComment(page, 'my note');
        const menu = async (name: string) => {
          if (phone) await page.getByRole('button', { name: 'More actions' }).click();
          await page.getByRole('button', { name, exact: true }).click();
        };
        await page.getByRole('button', { name: 'Examples ▾' }).click();
        await page.getByRole('button', { name: /^E-commerce/ }).click();
        await page.getByRole('button', { name: 'Examples ▾' }).click();
        await page.getByRole('button', { name: /^Hello world/ }).click();
        await expect(page.locator('[data-banner="edits"]')).toBeVisible();
        await menu('History');
        await expect(page.getByRole('list', { name: 'History' })).toBeVisible();
        await page.screenshot({ path: `e2e/screenshots/history-${width}-${colorScheme}.png` });
        const result = await new AxeBuilder({ page })
          .exclude('.monaco-editor .monaco-scrollable-element')
          .analyze();
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
          [],
        );
        await context.close();
      });
    }
  }
});

test.describe('Run does what you mean', () => {
  const THROWING = [
    "import { Series } from 'hamilton/frame';",
    'export function a(input: number[]): Series<number> {',
    '  return Series.from(input);',
    '}',
    'export function b(a: Series<number>): Series<number> {',
    '  return a.mul(2);',
    '}',
    'export function c(a: Series<number>, b: Series<number>): Series<number> {',
    "  throw new Error('c broke');",
    '}',
    'export function f(b: Series<number>): number {',
    '  return b.sum();',
    '}',
    '',
  ].join('\n');

  test('outputs nobody picked follow the code: a removed node leaves, c runs and its error shows, once', async ({
    page,
  }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await replaceCode(page, THROWING);
    await waitForNode(page, 'f');
    await expect(page.locator('[data-node="d"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="c"]')).toHaveAttribute('data-state', 'failed');
    await expect(page.getByRole('alert').filter({ hasText: 'c broke' }).first()).toBeVisible();
    await expect(page.getByText(/Unknown nodes/)).toHaveCount(0);
    // Each error once: the problems over the graph list c's line a single time.
    const problems = page.getByRole('list', { name: 'Problems in the code' }).getByRole('listitem');
    await expect(problems.filter({ hasText: 'c broke' })).toHaveCount(1);
  });

  test('a tutorial step’s ReferenceError is listed once', async ({ page }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await page.getByRole('button', { name: 'Tutorial' }).click();
    await expect(page.getByRole('complementary', { name: 'Tutorial' })).toBeVisible();
    // Series used without its import: the step's most common slip.
    await replaceCode(page, 'export function a(input: number[]) {\n  return Series.from(input).mod(7);\n}\n');
    await waitForNode(page, 'a');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="a"]')).toHaveAttribute('data-state', 'failed');
    const problems = page.getByRole('list', { name: 'Problems in the code' }).getByRole('listitem');
    await expect(problems.filter({ hasText: 'Series is not defined' })).toHaveCount(1);
    await expect(page.locator('.run-error')).toHaveCount(1);
  });

  test('a picked output that no longer exists is dropped from the run with a note, never a refused run', async ({
    page,
  }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await pickOutputsWithout(page, 'a');
    await replaceCode(page, HELLO.replace(/\/\*\* c \*\* 3 \*\/[\s\S]*$/, ''));
    await expect(page.locator('[data-node="d"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="c"]')).toHaveAttribute('data-state', 'done');
    await openTab(page, 'Results');
    await expect(
      page.getByRole('status').filter({ hasText: 'd no longer exists: removed from the outputs' }),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Result c' })).toBeVisible();
  });

  test('Stop says "Stopped", with no red error', async ({ page }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await replaceCode(
      page,
      'export function slow(input: number[]): number {\n  const end = Date.now() + 60_000;\n  while (Date.now() < end) {}\n  return input.length;\n}\n',
    );
    await waitForNode(page, 'slow');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="slow"]')).toHaveAttribute('data-state', 'running');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.locator('.header .status')).toHaveText('Stopped');
    await expect(page.locator('[data-node="slow"]')).not.toHaveAttribute('data-state', 'failed');
    await expect(page.locator('.run-error')).toHaveCount(0);
    // (Monaco keeps two empty alert regions for screen readers.)
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  });

  test('Results → CSV keeps full precision', async ({ page }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await replaceCode(
      page,
      "import { Series } from 'hamilton/frame';\nexport function x(input: number[]): Series<number> {\n  return Series.from(input).map((v) => v / 7 - 1.1);\n}\n",
    );
    await waitForNode(page, 'x');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="x"]')).toHaveAttribute('data-state', 'done');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download x as CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    const expected = [1, 2, 3, 4, 5].map((v) => String(v / 7 - 1.1));
    expect(expected[0]).toBe('-0.9571428571428573');
    expect(csv.trim().split('\n').slice(1)).toEqual(expected);
  });

  test('the Console count belongs to the current workspace’s last run', async ({ page }) => {
    await openPlayground(page);
    await waitForNode(page, 'd');
    await replaceCode(
      page,
      "export function said(input: number[]): number {\n  console.log('said it');\n  return input.length;\n}\n",
    );
    await waitForNode(page, 'said');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'Console (1)' })).toBeVisible();
    await openExample(page, 'E-commerce');
    await waitForNode(page, 'feature_set_v1');
    await expect(page.getByRole('tab', { name: 'Console', exact: true })).toBeVisible();
  });
});

/**
 * The short browser version of the property the unit tests check at length (src/share/history.test.ts):
 * random user actions on the real app, then every text typed is in the editor's work or in History.
 */
test.describe('property: nothing typed is unreachable', () => {
  for (const seed of [11, 29]) {
    test(`random actions, seed ${seed}`, async ({ page }) => {
      test.setTimeout(180_000);
      page.on('dialog', (dialog) => void dialog.accept());
      const rand = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
      const tokens: string[] = [];
      const log: string[] = [];
      await openPlayground(page);
      await waitForNode(page, 'd');
      const tutorial = page.getByRole('complementary', { name: 'Tutorial' });
      for (let step = 0; step < 12; step++) {
        const action = pick([
          'edit',
          'edit',
          'edit',
          'example',
          'tutorial',
          'close',
          'solution',
          'link',
          'reload',
          'restore',
          'delete',
        ] as const);
        log.push(action);
        const open = (await tutorial.count()) > 0;
        if (action === 'edit') {
          const token = `typed_${seed}_${step}`;
          tokens.push(token);
          await typeComment(page, token);
        } else if (action === 'example') {
          await openExample(page, pick(['Hello world', 'E-commerce']));
        } else if (action === 'tutorial') {
          if (open) await tutorial.getByRole('button', { name: 'Next step →' }).click();
          else await page.getByRole('button', { name: 'Tutorial' }).click();
          await expect(tutorial).toBeVisible();
        } else if (action === 'close' && open) {
          await tutorial.getByRole('button', { name: 'Close the tutorial' }).click();
          await expect(tutorial).toHaveCount(0);
        } else if (action === 'solution' && open) {
          await tutorial.getByRole('button', { name: 'Show solution' }).click();
        } else if (action === 'link') {
          await page.goto(`/${encodeLink({ ...linked, inputs: { x: step } })}`);
          await waitForNode(page, 'linked_node');
        } else if (action === 'reload') {
          await page.reload();
        } else if (action === 'restore') {
          await page.getByRole('button', { name: 'History' }).click();
          const entries = page.getByRole('list', { name: 'History' }).getByRole('button');
          await expect(page.locator('.history-list, .history-empty')).toBeVisible();
          if (await entries.count()) await entries.first().click();
          else await page.keyboard.press('Escape');
        } else if (action === 'delete') {
          const remove = page.getByRole('button', { name: /^Delete / });
          if (await remove.count()) await remove.first().click();
        }
        await expect(page.locator('.editor-host[data-editor-ready]')).toBeVisible({ timeout: 30_000 });
      }
      // What the editor holds (and the kept edits) plus History, as the page has them stored.
      const reachable = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('hamilton-playground');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const history = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction('history').objectStore('history').getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        return JSON.stringify([localStorage.getItem('hamilton-playground:work'), history]);
      });
      expect(tokens.length).toBeGreaterThan(0);
      expect(
        tokens.filter((t) => !reachable.includes(t)),
        log.join(' '),
      ).toEqual([]);
    });
  }
});
