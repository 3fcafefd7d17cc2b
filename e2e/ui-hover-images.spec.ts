/**
 * TSDoc markdown in the editor's hovers may hold images: the playground's CSP (`img-src 'self' data: blob:`)
 * keeps a remote one from being fetched, so hovering code from a link tells no server anything.
 */
import { expect, test } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openWithCode } from './ui-helpers';

test('a remote image in a TSDoc comment is not fetched when its hover shows', async ({ page }) => {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('Content-Type', 'image/png');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const image = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tracker.png`;
  try {
    await openWithCode(
      page,
      `/** Tracked. ![pixel](${image}) */\nexport function tracked(x: number): number {\n  return x;\n}\nexport const use = tracked;\n`,
    );
    const blocked = page.waitForEvent('console', (m) => /img-src/.test(m.text()));
    // Cursor on the last use of \`tracked\`, then the keyboard's hover (Ctrl/Cmd+K Ctrl/Cmd+I).
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.press('ControlOrMeta+i');
    await expect(page.getByRole('tooltip').filter({ hasText: 'Tracked.' })).toBeVisible({ timeout: 30_000 });
    await blocked;
    expect(hits).toEqual([]);
  } finally {
    server.close();
  }
});
