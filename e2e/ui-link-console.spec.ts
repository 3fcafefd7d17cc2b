/**
 * Code from a link is drawn, not run: what its modules print while the graph is drawn (in a sandboxed,
 * disposable worker) is withheld while the banner says "Nothing has run", and shown once the reader
 * clicks Run.
 */
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { WORKSPACE_VERSION } from '../src/share/workspace';
import { openPlayground, openTab, waitForNode } from './ui-helpers';
import { runUntilDone } from './share-helpers';

const code = `console.log('printed by the link at load');
export function greeting(name: string): string {
  console.log('printed by the run');
  return 'hello ' + name;
}
`;

test('a link’s top-level console output waits for Run', async ({ page }) => {
  const link = encodeLink({
    version: WORKSPACE_VERSION,
    files: [{ name: 'hello.ts', code }],
    activeFile: 'hello.ts',
    inputs: { name: 'reader' },
    config: {},
    outputs: [],
    tables: {},
  });
  const errors = await openPlayground(page, `/${link}`);
  // The graph is drawn: the modules were evaluated, and their output arrived before the graph did.
  await waitForNode(page, 'greeting');
  const banner = page.locator('[data-banner="link"]');
  await expect(banner).toContainText('Nothing has run');
  await openTab(page, /Console/);
  const lines = page.getByRole('list', { name: 'Console output' }).getByRole('listitem');
  await expect(lines.filter({ hasText: 'printed by the link at load' })).toHaveCount(0);

  await runUntilDone(page, 'greeting');
  await expect(lines.filter({ hasText: 'printed by the link at load' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'printed by the run' })).toHaveCount(1);
  expect(errors).toEqual([]);
});
