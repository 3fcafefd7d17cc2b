/** Table values from a link that try to leave the data folder are refused with a message; nothing is fetched. */
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { WORKSPACE_VERSION } from '../src/share/workspace';
import { openPlayground, openTab } from './ui-helpers';

const code = `import type { DataFrame } from 'hamilton/frame';
export function rows(orders: DataFrame): number {
  return orders.length;
}
`;

for (const value of ['data/../index.html', 'data/%2e%2e/index.html', 'data/..%2Fembed.html']) {
  test(`a table named "${value}" is refused at Run, and the app fetches nothing for it`, async ({ page }) => {
    const link = encodeLink({
      version: WORKSPACE_VERSION,
      files: [{ name: 'tables.ts', code }],
      activeFile: 'tables.ts',
      inputs: {},
      config: {},
      outputs: [],
      tables: { orders: value },
    });
    const fetched: string[] = [];
    await openPlayground(page, `/${link}`);
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Run' }).click();
    await openTab(page, /Console/);
    await expect(page.getByText(/only files inside data\/ can be loaded/)).toBeVisible();
    // (The spare runner's own document may load meanwhile.)
    expect(fetched.filter((p) => p.endsWith('.html') && p !== '/runner.html')).toEqual([]);
    // The editor keeps the user's text.
    await expect(page.getByRole('code').first()).toContainText('orders.length');
  });
}
