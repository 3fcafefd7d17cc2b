import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, waitForNode } from './ui-helpers';

async function exportAs(page: Page, format: string) {
  await page.getByRole('button', { name: 'Export the graph' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: format }).click();
  const file = await download;
  return {
    name: file.suggestedFilename(),
    text: readFileSync((await file.path())!, format === 'PNG image' ? 'latin1' : 'utf8'),
  };
}

test('the graph exports as SVG, PNG and DOT, and results as CSV and JSON', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  const svg = await exportAs(page, 'SVG image');
  expect(svg.name).toBe('graph.svg');
  expect(svg.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.text).toContain('data-node="c"');
  const png = await exportAs(page, 'PNG image');
  expect(png.name).toBe('graph.png');
  expect(png.text.slice(1, 4)).toBe('PNG');
  const dot = await exportAs(page, 'DOT (Graphviz)');
  expect(dot.name).toBe('graph.dot');
  expect(dot.text).toMatch(/^digraph/);
  expect(dot.text).toContain('#b4d8e4');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download b as CSV' }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe('b.csv');
  expect(
    readFileSync((await csv.path())!, 'utf8')
      .split('\n')
      .slice(0, 3),
  ).toEqual(['b', '2', '4']);
});
