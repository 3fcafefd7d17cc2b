/** Download project: the zip from the built app runs in Node and prints the playground's results. */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { openPlayground, waitForNode } from './ui-helpers';
import { runUntilDone } from './share-helpers';

test('the downloaded project runs with node and matches the playground', async ({ page }) => {
  await openPlayground(page);
  await waitForNode(page, 'd');
  await runUntilDone(page, 'd');
  const results = page.getByRole('region', { name: /Results/ });
  await expect(results).toContainText('42875');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download project' }).click(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'hamilton-download-'));
  try {
    const zip = join(dir, 'project.zip');
    await download.saveAs(zip);
    for (const [path, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
      mkdirSync(dirname(join(dir, 'project', path)), { recursive: true });
      writeFileSync(join(dir, 'project', path), bytes);
    }
    const out = execFileSync('node', ['--import', './hamilton/register.mjs', 'driver.ts', '--json'], {
      cwd: join(dir, 'project'),
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({
      a: [1, 2, 3, 4, 5],
      b: [2, 4, 6, 8, 10],
      c: [7, 14, 21, 28, 35],
      d: [343, 2744, 9261, 21952, 42875],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
