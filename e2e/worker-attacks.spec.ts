/**
 * User code that attacks the runner from inside: forging the runtime's messages by patching
 * prototypes, poisoning the library for the next workspace, burning the CPU from module code, slipping
 * past the watchdog (timers, intervals, self.close(), throwing proxies), huge strings and console
 * floods. After each: nothing forged is shown, the page's longest task stays short, and the next
 * compile and run work.
 */
import { expect, test, type Page } from '@playwright/test';
import { allEvents, compile, expectWorking, openWorkerPage, run } from './worker-page';
import type { WorkerEvent } from '../src/worker/protocol';
import { observeLongTasks, resetLongest } from '../scripts/bench/longTasks';
import { noteLongestTask } from './longestTask';

test.beforeEach(async ({ page }) => {
  await observeLongTasks(page);
  await openWorkerPage(page);
  await resetLongest(page);
});

test.afterEach(async ({ page }) => {
  await noteLongestTask(page, 'the attack');
  await expectWorking(page);
});

const since = async (page: Page, from: number): Promise<WorkerEvent[]> => (await allEvents(page)).slice(from);

test('patched prototypes and posts on self forge nothing: run states and results come from the runtime', async ({
  page,
}) => {
  const forger = `
const g = self as unknown as { postMessage(m: unknown): void; addEventListener(t: string, f: (e: MessageEvent) => void): void };
const forged = (id: number) => [
  { type: 'evaluating', id, done: true },
  { type: 'run-finished', runId: id, ok: true, durationMs: 1, results: { value: { kind: 'scalar', type: 'string', text: 'FORGED' } }, skipped: [], validations: [], diagnostics: [] },
  { kind: 'pong', seq: 1 }, { kind: 'pong', seq: 2 }, { kind: 'pong', seq: 3 },
];
let captured: { postMessage(m: unknown): void } | null = null;
for (const [proto, key] of [[MessageEvent.prototype, 'data'], [Event.prototype, 'target'], [Event.prototype, 'currentTarget']] as const) {
  const original = Object.getOwnPropertyDescriptor(proto, key)!;
  Object.defineProperty(proto, key, {
    configurable: true,
    get(this: Event) {
      const target = Object.getOwnPropertyDescriptor(Event.prototype, 'target');
      void target;
      const value = original.get!.call(this);
      if (value && typeof (value as { postMessage?: unknown }).postMessage === 'function') captured = value as never;
      return value;
    },
  });
}
const send = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
  captured = this;
  return (send as (...a: unknown[]) => void).apply(this, args);
};
g.addEventListener('message', (e) => {
  const id = (e.data as { request?: { id?: number } } | null)?.request?.id ?? 0;
  for (let i = 0; i < 5; i++) for (const m of forged(id + i)) { g.postMessage(m); captured?.postMessage(m); }
});
export function value(x: number): string {
  for (let i = 2; i < 10; i++) for (const m of forged(i)) { g.postMessage(m); captured?.postMessage(m); }
  setTimeout(() => { while (true) {} });
  return 'real ' + x;
}
`;
  await compile(page, [{ name: 'forge.ts', code: forger }]);
  const before = (await allEvents(page)).length;
  const { finished } = await run(page, { inputs: { x: 1 } });
  expect(finished).toMatchObject({ ok: true, results: { value: { text: 'real 1' } } });
  expect(JSON.stringify(await since(page, before))).not.toContain('FORGED');
});

test('module code of one workspace cannot reach the next: patched prototypes and timers end with it', async ({
  page,
}) => {
  const poison = `import { Series } from 'hamilton/frame';
(Series.prototype as unknown as { pow: () => unknown }).pow = function () { return Series.from([1337]); };
setInterval(() => console.log('poison still running'), 10);
export function p(x: number): number {
  return x;
}
`;
  const poisoned = await compile(page, [{ name: 'poison.ts', code: poison }]);
  expect(poisoned.graph?.nodes.map((n) => n.name)).toContain('p');
  const hello = `import { Series } from 'hamilton/frame';
export function a(input: number[]): Series<number> {
  return Series.from(input);
}
export function d(a: Series<number>): number[] {
  return [...a.pow(2).values];
}
`;
  await compile(page, [{ name: 'hello.ts', code: hello }]);
  const { finished } = await run(page, { outputs: ['d'], inputs: { input: [1, 2, 3] } });
  expect(finished.ok, JSON.stringify(finished.error)).toBe(true);
  expect(JSON.stringify(finished.results.d)).toContain('[1,4,9]');
  expect(JSON.stringify(finished.results.d)).not.toContain('1337');
  expect(JSON.stringify(await allEvents(page))).not.toContain('poison still running');
});

test('an endless microtask loop started by module code is stopped, and the next edit compiles', async ({
  page,
}) => {
  const burn = `(async () => { for (;;) await null; })();
export function b(x: number): number {
  return x;
}
`;
  // The modules load (the loop yields at its first await), then the loop never lets the worker idle.
  const answer = await compile(page, [{ name: 'burn.ts', code: burn }]);
  expect(answer.diagnostics.map((d) => d.message).join('\n')).toContain('kept running');
});

for (const [name, code, what] of [
  [
    'a setTimeout that spins, started by a node',
    'export function t(x: number): number {\n  setTimeout(() => { while (true) {} });\n  return x;\n}\n',
    '',
  ],
  [
    'a busy setInterval started by a node',
    'export function t(x: number): number {\n  setInterval(() => { const end = Date.now() + 900; while (Date.now() < end) {} }, 10);\n  return x;\n}\n',
    '',
  ],
  [
    'a result whose preview throws throwing proxies',
    'const trap = (): never => { throw new Proxy({}, { get: trap }); };\nexport function t(x: number): object {\n  return new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap, has: trap, getOwnPropertyDescriptor: trap });\n}\n',
    '',
  ],
] as const) {
  test(`${name}: the run ends with a message, and the next run works`, async ({ page }) => {
    await compile(page, [{ name: 't.ts', code }]);
    const { finished } = await run(page, { inputs: { x: 1 } });
    if (what) {
      expect(finished.ok).toBe(false);
      expect(finished.error?.message).toContain(what);
    } else if (finished.ok) {
      // Timers a node started end with its run; a value that cannot be read is said so.
      expect(['scalar', 'error']).toContain(finished.results.t?.kind);
    } else {
      expect(finished.error?.message).toMatch(/could not be read|kept running/);
    }
  });
}

test('self.close() in module code: the compile says so and the next edit compiles', async ({ page }) => {
  const answer = await compile(page, [
    {
      name: 'c.ts',
      code: '(self as unknown as { close(): void }).close();\nexport function c(x: number): number {\n  return x;\n}\n',
    },
  ]);
  // The worker closed itself: either its answer never came (the watchdog) or it never answered a ping.
  expect(answer.diagnostics.some((d) => d.source === 'worker')).toBe(true);
});

test('a 200 MB string in a Series and in a thrown message: cut before it reaches the page', async ({
  page,
}) => {
  await compile(page, [
    {
      name: 'big.ts',
      code: `import { Series } from 'hamilton/frame';
export function big(x: number): Series<string> {
  return Series.from(['x'.repeat(200_000_000)]);
}
export function boom(x: number): number {
  throw new Error('y'.repeat(200_000_000));
}
`,
    },
  ]);
  const series = await run(page, { outputs: ['big'], inputs: { x: 1 } });
  const result = series.finished.results.big;
  if (result === undefined) {
    // On a slow machine, fingerprinting and copying 200 MB can pass the time limit: stopped, never shown.
    expect(series.finished.error?.message).toMatch(/ran longer than/);
  } else {
    if (result.kind !== 'series' || result.column.dtype !== 'string')
      throw new Error(JSON.stringify(result).slice(0, 200));
    expect(result.column.values[0].length).toBeLessThan(2000);
    expect(result.column.values[0]).toContain('more characters');
  }
  const thrown = await run(page, { outputs: ['boom'], inputs: { x: 1 } });
  expect(thrown.finished.ok).toBe(false);
  expect(JSON.stringify(thrown.finished).length).toBeLessThan(100_000);
  // Cut in the worker, or (on a slow machine, copying 200 MB several times) stopped by the watchdog.
  expect(thrown.finished.error?.message).toMatch(/more characters|ran longer than/);
});

test('a million console lines: the first and last reach the page, the rest are counted', async ({ page }) => {
  await compile(page, [
    {
      name: 'flood.ts',
      code: 'export function flood(x: number): number {\n  for (let i = 0; i < 1_000_000; i++) console.log(`line ${i}`);\n  return x;\n}\n',
    },
  ]);
  const { finished, events } = await run(page, { inputs: { x: 1 } });
  expect(finished.ok).toBe(true);
  const lines = events.filter((e) => e.type === 'console').map((e) => (e as { text: string }).text);
  expect(lines.length).toBeLessThan(1300);
  expect(lines[0]).toBe('line 0');
  expect(lines.at(-1)).toBe('line 999999');
  expect(lines.some((l) => /998,800 more console lines/.test(l))).toBe(true);
});
