import { expect, test } from '@playwright/test';
import { compile, expectWorking, openWorkerPage, run } from './worker-page';

const features = `import { config } from 'hamilton';
import { scale } from './helpers';

/** Spend per visit. */
export function spend_per_visit(spend: number, visits: number): number {
  return scale(spend / visits);
}

export const bonus__high = config.when({ tier: 'high' })(function bonus(spend_per_visit: number): number {
  return spend_per_visit * 2;
});

export function report(bonus: number): string {
  console.log('reporting', bonus);
  return 'total: ' + bonus;
}

export function broken(spend: number): number {
  if (spend > 100) {
    throw new RangeError('spend too high: ' + spend);
  }
  return spend;
}
`;
const helpers = 'export function scale(x: number): number {\n  return Math.round(x * 100) / 100;\n}\n';

test.beforeEach(async ({ page }) => openWorkerPage(page));

test('live compile of several files gives the graph, and each edit updates it', async ({ page }) => {
  const first = await compile(
    page,
    [
      { name: 'features.ts', code: features },
      { name: 'helpers.ts', code: helpers },
    ],
    { tier: 'high' },
  );
  expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(first.graph!.edges).toContainEqual({ from: 'spend_per_visit', to: 'bonus', optional: false });
  expect(first.configKeys).toEqual([{ key: 'tier', values: ['high'] }]);

  const edited = features.replace(
    'export function report(bonus: number)',
    'export function report(bonus: number, visits: number)',
  );
  const second = await compile(
    page,
    [
      { name: 'features.ts', code: edited },
      { name: 'helpers.ts', code: helpers },
    ],
    { tier: 'high' },
  );
  expect(second.graph!.edges).toContainEqual({ from: 'visits', to: 'report', optional: false });

  // A syntax error: no graph (the UI keeps the last good one on screen, stale), the error at its line.
  const broken = await compile(
    page,
    [
      {
        name: 'features.ts',
        code: edited.replace('return scale(spend / visits);', 'return scale(spend / visits;'),
      },
      { name: 'helpers.ts', code: helpers },
    ],
    { tier: 'high' },
  );
  expect(broken).toMatchObject({ graph: null, stale: false });
  expect(broken.diagnostics[0]).toMatchObject({ severity: 'error', file: 'features.ts', line: 6 });

  // An unknown import lists what is available.
  const unknown = await compile(page, [
    { name: 'a.ts', code: "import * as fs from 'fs';\nexport const a = (x: number) => x;\n" },
  ]);
  expect(unknown.diagnostics[0]).toMatchObject({
    file: 'a.ts',
    line: 1,
    message: expect.stringContaining("'hamilton/frame'"),
  });
  await expectWorking(page);
});

test('typing fast: only the newest compile is answered', async ({ page }) => {
  const ids = await page.evaluate(() => {
    const { host } = window.workerTest;
    return [1, 2, 3, 4, 5].map((n) =>
      host.compile([{ name: 'a.ts', code: `export function a${n}(x: number): number { return x; }\n` }], {}),
    );
  });
  await expect
    .poll(() =>
      page.evaluate(() =>
        window.workerTest.events.filter((e) => e.type === 'compiled').map((e) => (e as { id: number }).id),
      ),
    )
    .toContain(ids[4]);
  const answered = await page.evaluate(() =>
    window.workerTest.events.filter((e) => e.type === 'compiled').map((e) => (e as { id: number }).id),
  );
  expect(answered.length).toBeLessThan(5);
});

test('a run streams node states and maps a failure to the TypeScript line', async ({ page }) => {
  await compile(
    page,
    [
      { name: 'features.ts', code: features },
      { name: 'helpers.ts', code: helpers },
    ],
    { tier: 'high' },
  );
  const ok = await run(page, { outputs: ['report'], inputs: { spend: 50, visits: 4 } });
  expect(ok.finished.ok).toBe(true);
  expect(ok.finished.results.report).toEqual({ kind: 'scalar', type: 'string', text: 'total: 25' });
  expect(ok.events.map((e) => `${e.type}${'node' in e && e.node ? `:${e.node}` : ''}`)).toEqual([
    'node-started:spend_per_visit',
    'node-finished:spend_per_visit',
    'node-started:bonus',
    'node-finished:bonus',
    'node-started:report',
    'console:report',
    'node-finished:report',
    'run-finished',
  ]);

  const failed = await run(page, { outputs: ['broken'], inputs: { spend: 500 } });
  expect(failed.finished.ok).toBe(false);
  expect(failed.events.find((e) => e.type === 'node-failed')).toMatchObject({
    node: 'broken',
    error: { name: 'RangeError', message: 'spend too high: 500', file: 'features.ts', line: 20 },
  });
});

test('tables become frames and results cross as typed columns', async ({ page }) => {
  await compile(page, [
    {
      name: 'orders.ts',
      code: `import { DataFrame, Series } from 'hamilton/frame';
export function amount(orders: DataFrame): Series<number> { return orders.column('amount') as Series<number>; }
export function total(amount: Series<number>): number { return amount.sum(); }
`,
    },
  ]);
  const rows = Array.from({ length: 1000 }, (_, i) => `${i},${i}`).join('\n');
  const { finished } = await run(page, {
    outputs: ['amount', 'total'],
    tables: { orders: `id,amount\n${rows}\n` },
  });
  expect(finished.ok).toBe(true);
  expect(finished.results.total).toMatchObject({ text: String((999 * 1000) / 2) });
  const isTyped = await page.evaluate(() => {
    const last = window.workerTest.events.filter((e) => e.type === 'run-finished').at(-1) as {
      results: Record<string, { column?: { values: unknown } }>;
    };
    const values = last.results.amount.column!.values;
    return values instanceof Float64Array && values.length === 1000;
  });
  expect(isTyped).toBe(true);
});
