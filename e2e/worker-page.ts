/**
 * Drives worker-test.html (src/worker/test-page.ts) for the worker's browser tests: compile, run and
 * wait for events through the real host, in the real built app.
 */
import { expect, type Page } from '@playwright/test';
import type { CompiledEvent, RunFinishedEvent, SourceFile, WorkerEvent } from '../src/worker/protocol';

/** Opens the test page and waits until esbuild is ready. */
export async function openWorkerPage(page: Page, query = ''): Promise<void> {
  const response = await page.goto(`/worker-test.html${query}`);
  if (!response?.ok())
    throw new Error('worker-test.html is missing: build with `npx vite build --mode test`');
  await page.waitForFunction(() => window.workerTest !== undefined);
  await page.evaluate(() => window.workerTest.host.ready);
}

/** Compiles and returns the answer for that compile (the host may answer it again after a restart). */
export function compile(
  page: Page,
  files: SourceFile[],
  config: Record<string, string> = {},
): Promise<CompiledEvent> {
  return page.evaluate(
    ([files, config]) =>
      new Promise<CompiledEvent>((resolve) => {
        const { host } = window.workerTest;
        let id = -1;
        const off = host.subscribe((e) => {
          if (e.type === 'compiled' && e.id === id) {
            off();
            resolve(e);
          }
        });
        id = host.compile(files, config);
      }),
    [files, config] as const,
  );
}

/** The first compiled event after the last restart (the rebuild), with the page time it arrived. */
export async function compiledAfterRestart(page: Page): Promise<CompiledEvent & { receivedAt: number }> {
  const handle = await page.waitForFunction(() => {
    const { events, times } = window.workerTest;
    const restart = events.map((e) => e.type).lastIndexOf('worker-restarted');
    const i = events.findIndex((e, j) => j > restart && e.type === 'compiled');
    return restart >= 0 && i >= 0 ? { ...events[i], receivedAt: times[i] } : null;
  });
  return (await handle.jsonValue()) as CompiledEvent & { receivedAt: number };
}

/** Runs and returns every event of that run, the run-finished last. */
export function run(
  page: Page,
  request: {
    outputs?: string[];
    inputs?: Record<string, unknown>;
    overrides?: Record<string, unknown>;
    tables?: Record<string, string>;
  } = {},
): Promise<{ events: WorkerEvent[]; finished: RunFinishedEvent }> {
  return page.evaluate(
    (request) =>
      new Promise<{ events: WorkerEvent[]; finished: RunFinishedEvent }>((resolve) => {
        const { host } = window.workerTest;
        const events: WorkerEvent[] = [];
        let id = -1;
        const off = host.subscribe((e) => {
          if ('runId' in e && e.runId === id) events.push(e);
          if (e.type === 'worker-restarted') events.push(e);
          if (e.type === 'run-finished' && e.runId === id) {
            off();
            resolve({ events, finished: e });
          }
        });
        id = host.run({ outputs: [], inputs: {}, overrides: {}, tables: {}, ...request } as never);
      }),
    request,
  );
}

/** Every event the page has seen so far. */
export function allEvents(page: Page): Promise<WorkerEvent[]> {
  return page.evaluate(() => window.workerTest.events);
}

/** A compile that must work: the playground is usable again. */
export async function expectWorking(page: Page): Promise<void> {
  const compiled = await compile(page, [
    { name: 'ok.ts', code: 'export function ok(x: number): number {\n  return x + 1;\n}\n' },
  ]);
  expect(compiled.graph?.nodes.map((n) => n.name)).toEqual(['ok', 'x']);
  const { finished } = await run(page, { inputs: { x: 41 } });
  expect(finished.results.ok).toEqual({ kind: 'scalar', type: 'number', text: '42' });
}
