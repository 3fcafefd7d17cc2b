/** Docs embeds: a page with three iframes that size themselves, run on click, and open in the playground. */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { decodeLink } from '../src/share/link';

const FIXTURE = fileURLToPath(new URL('./fixtures/embeds.html', import.meta.url));

async function openDocsPage(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route('**/docs-with-embeds.html', (route) =>
    route.fulfill({ path: FIXTURE, contentType: 'text/html' }),
  );
  await page.goto('/docs-with-embeds.html');
  return errors;
}

const frameOf = (page: Page, title: string) => page.frameLocator(`iframe[title="${title}"]`);

async function contentHeight(frame: Frame): Promise<number> {
  return frame.evaluate(() => Math.ceil(document.querySelector('.embed')!.getBoundingClientRect().height));
}

test('three embeds draw, size themselves to their content, and run on click', async ({ page }) => {
  const errors = await openDocsPage(page);
  const hello = frameOf(page, 'Hello world');
  const ecommerce = frameOf(page, 'E-commerce graph');
  const lineage = frameOf(page, 'Lineage code');
  await expect(hello.locator('[data-node="d"]')).toBeVisible({ timeout: 30_000 });
  await expect(ecommerce.locator('[data-node="feature_set_v1"]')).toBeVisible({ timeout: 30_000 });
  await expect(lineage.getByLabel('features.ts')).toContainText("tag({ owner: 'data-science'");
  await expect(lineage.getByRole('tab', { name: 'features.ts' })).toHaveAttribute('aria-selected', 'true');
  expect(
    await page.frame({ url: /theme=dark/ })!.evaluate(() => document.documentElement.dataset.theme),
  ).toBe('dark');

  for (const title of ['Hello world', 'E-commerce graph', 'Lineage code']) {
    const iframe = page.locator(`iframe[title="${title}"]`);
    const frame = (await iframe.elementHandle())!.contentFrame();
    const inner = await contentHeight((await frame)!);
    await expect.poll(async () => (await iframe.boundingBox())!.height, { message: title }).toBe(inner);
    expect(inner).toBeGreaterThan(150);
  }

  // Nothing ran yet; Run runs, and the results make the embed (and its iframe) taller.
  const helloFrame = page.locator('iframe[title="Hello world"]');
  const before = (await helloFrame.boundingBox())!.height;
  await expect(hello.locator('[data-node][data-state="done"]')).toHaveCount(0);
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(hello.locator('[data-node="d"]')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect.poll(async () => (await helloFrame.boundingBox())!.height).toBeGreaterThan(before);
  await page.screenshot({ path: 'e2e/screenshots/embeds.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('"Open in playground" carries the embed’s code', async ({ page }) => {
  await openDocsPage(page);
  const lineage = frameOf(page, 'Lineage code');
  const href = await lineage.getByRole('link', { name: /Open in playground/ }).getAttribute('href');
  const decoded = decodeLink(new URL(href!).hash);
  expect(decoded?.ok && decoded.workspace.files.map((f) => f.name)).toEqual([
    'load_data.ts',
    'features.ts',
    'data_sets.ts',
  ]);
  expect(decoded?.ok && decoded.workspace.activeFile).toBe('features.ts');
  await page.goto(href!);
  await expect(page.locator('[data-node="feature_set_v1"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-banner="link"]')).toBeVisible();
});

test('?embed=1 on the playground page is an embed too', async ({ page }) => {
  await page.goto('/?embed=1&example=hello&view=graph');
  await expect(page.locator('.embed [data-node="d"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Share' })).toHaveCount(0);
});

test('an embed of fixed height brings its results into view after a Run, and only its own page scrolls', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto('/embed.html?example=ecommerce');
  await expect(page.locator('[data-node="feature_set_v1"]')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.getByRole('button', { name: 'Run' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('heading', { name: 'feature_set_v1' })).toBeInViewport({ timeout: 30_000 });
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
});
