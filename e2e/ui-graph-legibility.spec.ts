/**
 * Every example, as a user first sees it on a desktop, a short window, a docs embed and a phone: the
 * opening view draws no text under 11 px and cuts no node at the pane's edge (what it folds away it
 * counts); after a run each node's fill says its state with enough contrast; a selected node's lineage
 * stays in view beside its details, never under them.
 */
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES } from './examples';
import { openPlayground } from './ui-helpers';

interface Setting {
  readonly name: string;
  readonly viewport: { width: number; height: number };
  readonly theme: 'light' | 'dark';
  readonly path: (example: string) => string;
  readonly phone?: boolean;
}

const SETTINGS: readonly Setting[] = [
  {
    name: 'desktop',
    viewport: { width: 1440, height: 900 },
    theme: 'light',
    path: (id) => `/?example=${id}`,
  },
  {
    name: 'short window',
    viewport: { width: 800, height: 450 },
    theme: 'light',
    path: (id) => `/?example=${id}`,
  },
  {
    name: 'embed',
    viewport: { width: 800, height: 450 },
    theme: 'dark',
    path: (id) => `/embed.html?example=${id}&view=graph`,
  },
  {
    name: 'phone',
    viewport: { width: 375, height: 812 },
    theme: 'dark',
    path: (id) => `/?example=${id}`,
    phone: true,
  },
];

/** What the graph's drawing looks like on screen, measured from the DOM. */
function measureGraph(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('svg.graph-svg')!;
    const pane = svg.getBoundingClientRect();
    const nodes = [...svg.querySelectorAll<SVGGElement>('[data-node]')];
    let smallestText = Infinity;
    for (const text of svg.querySelectorAll<SVGTextElement>(
      ':is([data-node], [data-stand-in], .cluster-frame) text',
    )) {
      const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM()!.a;
      smallestText = Math.min(smallestText, size);
    }
    // Nodes, folded groups' boxes and open groups' frames: none cut at the pane's edge.
    const boxes = [...svg.querySelectorAll<SVGGElement>('[data-node], [data-stand-in], .cluster-frame')];
    const clipped = boxes
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return (
          box.left < pane.left - 0.5 ||
          box.right > pane.right + 0.5 ||
          box.top < pane.top - 0.5 ||
          box.bottom > pane.bottom + 0.5
        );
      })
      .map((node) => node.getAttribute('data-node') ?? `group ${node.getAttribute('data-cluster')}`);
    const total = Number(/(\d+) nodes/.exec(svg.getAttribute('aria-label')!)![1]);
    const foldedText = document.querySelector('.folded-button')?.textContent ?? '';
    const folded = [...foldedText.matchAll(/(\d+) more/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return { smallestText, clipped, drawn: nodes.length, total, folded };
  });
}

/** The fill and text colours of each drawn node in `state`, with the pane's background. */
function stateColours(page: Page, state: string) {
  return page.evaluate((state) => {
    const svg = document.querySelector<SVGSVGElement>('svg.graph-svg')!;
    const background = getComputedStyle(svg).backgroundColor;
    return [...svg.querySelectorAll<SVGGElement>(`[data-node][data-state="${state}"]`)].map((node) => ({
      name: node.getAttribute('data-node')!,
      background,
      fill: getComputedStyle(node.querySelector('.box')!).fill,
      text: getComputedStyle(node.querySelector('.name')!).fill,
      opacity: getComputedStyle(node).opacity,
    }));
  }, state);
}

/** WCAG's contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = colour
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The boxes of the highlighted (not dimmed) nodes, of the details, and of the graph's pane; and the
 * selected node's direct neighbours, as its details list them.
 */
function lineageBoxes(page: Page) {
  return page.evaluate(() => {
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const svg = document.querySelector('svg.graph-svg')!;
    const details = document.querySelector('.node-details')!;
    const listed = (term: string) => {
      const dt = [...details.querySelectorAll('dt')].find((d) => d.textContent === term);
      return [...(dt?.nextElementSibling?.querySelectorAll('button') ?? [])].map((b) => b.textContent!);
    };
    return {
      pane: rect(svg),
      details: rect(details),
      neighbours: [...listed('Computed from'), ...listed('Used by')],
      lit: [...svg.querySelectorAll('[data-node]:not(.dim)')].map((n) => ({
        name: n.getAttribute('data-node')!,
        selected: n.classList.contains('selected'),
        ...rect(n),
      })),
    };
  });
}

type Box = { left: number; right: number; top: number; bottom: number };
const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Box, pane: Box) =>
  a.left >= pane.left - 0.5 &&
  a.right <= pane.right + 0.5 &&
  a.top >= pane.top - 0.5 &&
  a.bottom <= pane.bottom + 0.5;

for (const setting of SETTINGS) {
  for (const example of EXAMPLES) {
    test(`${example.id} on a ${setting.name}: legible, state fills, lineage beside the details`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize(setting.viewport);
      await page.emulateMedia({ colorScheme: setting.theme });
      await openPlayground(page, setting.path(example.id));
      if (setting.phone)
        await page.getByRole('tablist', { name: 'Region' }).getByRole('tab', { name: 'Graph' }).click();
      await expect(page.locator('svg.graph-svg [data-node]').first()).toBeVisible({ timeout: 30_000 });

      // The opening view: legible, nothing cut, and what is not drawn is counted on screen.
      const opening = await measureGraph(page);
      await page.screenshot({ path: testInfo.outputPath('opening.png') });
      expect(opening.smallestText).toBeGreaterThanOrEqual(11 - 0.01);
      expect(opening.clipped).toEqual([]);
      expect(opening.drawn + opening.folded).toBe(opening.total);
      // A handful of nodes fits legibly in an embed or on a phone (the whole app in a short window
      // leaves the graph too little room, and says what it folds).
      if (example.id === 'hello' && setting.name !== 'short window') expect(opening.folded).toBe(0);
      if (opening.folded)
        await expect(page.getByRole('button', { name: /more (upstream|beside).*Show all/ })).toBeVisible();

      // A run: each drawn node it computed is filled in its state's colour, readable in this theme.
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      // Done once a computed node shows it and none is still pending or running.
      await expect(page.locator('svg.graph-svg [data-state="done"]').first()).toBeAttached({
        timeout: 30_000,
      });
      await expect(
        page.locator('svg.graph-svg :is([data-state="pending"], [data-state="running"])'),
      ).toHaveCount(0);
      if (setting.phone && !(await page.locator('svg.graph-svg').isVisible()))
        await page.getByRole('tablist', { name: 'Region' }).getByRole('tab', { name: 'Graph' }).click();
      const done = await stateColours(page, 'done');
      expect(done.length).toBeGreaterThan(0);
      await expect(page.locator('svg.graph-svg [data-state="failed"]')).toHaveCount(0);
      for (const node of done) {
        expect(node.opacity, node.name).toBe('1');
        expect(contrast(node.fill, node.background), `${node.name} fill`).toBeGreaterThanOrEqual(3);
        expect(contrast(node.text, node.fill), `${node.name} text`).toBeGreaterThanOrEqual(4.5);
      }
      expect(await measureGraph(page)).toMatchObject({ clipped: [] });
      await page.screenshot({ path: testInfo.outputPath('after-run.png') });

      // Selecting a node with upstream: its lineage comes into view, and the details do not cover it.
      const target = page.locator(`svg.graph-svg [data-node="${example.outputs[0]}"]`);
      if (!(await target.isVisible())) await page.getByRole('button', { name: /Show all$/ }).click();
      await target.click();
      await expect(
        page.getByRole('complementary', { name: `Details of ${example.outputs[0]}` }),
      ).toBeVisible();
      // The details sit beside or below the graph, never over it; the node and its neighbours are in view.
      await expect
        .poll(async () => {
          const { pane, details, lit, neighbours } = await lineageBoxes(page);
          const covered = overlaps(pane, details) ? ['the details cover the graph'] : [];
          const near = lit.filter((n) => n.selected || neighbours.includes(n.name));
          const out = near.filter((n) => !inside(n, pane)).map((n) => `${n.name} out of view`);
          return [...covered, ...out, ...(near.length ? [] : ['nothing highlighted'])];
        })
        .toEqual([]);
      await page.screenshot({ path: testInfo.outputPath('lineage.png') });
    });
  }
}
