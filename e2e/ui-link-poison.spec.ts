/**
 * A link whose module code poisons the library and burns the CPU: opening it runs its module code only in
 * a sealed, disposable worker (stopped as soon as it keeps running; the page's longest tasks under such
 * code are measured by e2e/worker-attacks.spec.ts and `npm run bench -- hostile`), and the next workspace (the Hello example, opened afterwards and run) computes its own results.
 */
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { WORKSPACE_VERSION } from '../src/share/workspace';
import { openExample, openPlayground, openTab, waitForNode } from './ui-helpers';
import { runUntilDone } from './share-helpers';

const poison = `import { Series } from 'hamilton/frame';
(Series.prototype as unknown as { pow: () => unknown }).pow = function () {
  return Series.from([1337]);
};
(async () => {
  for (;;) await null;
})();
export function p(x: number): number {
  return x;
}
`;

test('a link that patches the library and spins at top level: stopped, and the next workspace is clean', async ({
  page,
}) => {
  const link = encodeLink({
    version: WORKSPACE_VERSION,
    files: [{ name: 'poison.ts', code: poison }],
    activeFile: 'poison.ts',
    inputs: {},
    config: {},
    outputs: [],
    tables: {},
  });
  await openPlayground(page, `/${link}`);
  // The loop never lets the module's worker idle: it is stopped, and the editor says why.
  await expect(page.getByText(/kept running after the modules loaded/).first()).toBeVisible({
    timeout: 30_000,
  });
  await openExample(page, 'Hello');
  await waitForNode(page, 'd');
  await runUntilDone(page, 'd');
  await openTab(page, /Results/);
  await expect(page.getByText('1337')).toHaveCount(0);
});
