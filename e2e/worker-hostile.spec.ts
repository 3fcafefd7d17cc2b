/**
 * Hostile and broken code: runaway loops (in a node and at module top level), Stop, unbounded
 * recursion, memory exhaustion, non-Error throws, forged protocol messages, and attempts to reach the
 * page, its storage or the network. After each, the playground compiles and runs again.
 */
import { expect, test, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allEvents, compile, compiledAfterRestart, expectWorking, openWorkerPage, run } from './worker-page';
import type { CompiledEvent, SourceFile, WorkerEvent } from '../src/worker/protocol';
import { parameterizedWorkspace } from '../scripts/bench/bigWorkspace';

const TIMEOUT_MS = 2000;

test.beforeEach(async ({ page }) => openWorkerPage(page, `?timeout=${TIMEOUT_MS}`));

function nextRestart(page: Page): Promise<WorkerEvent> {
  return page.evaluate(
    () =>
      new Promise<WorkerEvent>((resolve) => {
        const off = window.workerTest.host.subscribe((e) => {
          if (e.type === 'worker-restarted') {
            off();
            resolve(e);
          }
        });
      }),
  );
}

/** Milliseconds the page takes to answer, while the worker is busy. */
async function pageLatency(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t)));
      }),
  );
}

const loop = `import { tag } from 'hamilton';
export function start(x: number): number {
  return x;
}
export function spin(start: number): number {
  while (true) {}
  return start;
}
`;

test('while (true) in a node: the watchdog stops it, names the node, and the page stays responsive', async ({
  page,
}) => {
  await compile(page, [{ name: 'loop.ts', code: loop }]);
  const restarted = nextRestart(page);
  const running = run(page, { outputs: ['spin'], inputs: { x: 1 } });
  await page.waitForFunction(() =>
    window.workerTest.events.some((e) => e.type === 'node-started' && e.node === 'spin'),
  );
  expect(await pageLatency(page)).toBeLessThan(500);
  const { finished, events } = await running;
  expect(finished.ok).toBe(false);
  expect(finished.error?.name).toBe('TimeoutError');
  expect(events).toContainEqual(expect.objectContaining({ type: 'node-failed', node: 'spin' }));
  expect(await restarted).toMatchObject({
    reason: 'timeout',
    node: 'spin',
    message: expect.stringContaining('node spin'),
  });
  // The fresh worker rebuilds the last project, so the graph is back without an edit.
  const again = await compiledAfterRestart(page);
  expect(again.graph?.nodes.map((n) => n.name)).toContain('spin');
  await expectWorking(page);
});

test('while (true) at module top level: stopped, answered without a graph and with the reason', async ({
  page,
}) => {
  const good = await compile(page, [{ name: 'loop.ts', code: loop }]);
  const restarted = nextRestart(page);
  const hung = await compile(page, [{ name: 'loop.ts', code: `${loop}\nwhile (true) {}\n` }]);
  expect(await restarted).toMatchObject({
    reason: 'timeout',
    node: null,
    message: expect.stringContaining('module top-level code'),
  });
  // The host reports what happened; the UI keeps the last good graph on screen, stale (its reducer's tests).
  expect(hung).toMatchObject({ graph: null, stale: false });
  expect(good.graph?.nodes.length).toBeGreaterThan(0);
  expect(hung.diagnostics[0]).toMatchObject({
    severity: 'error',
    source: 'worker',
    message: expect.stringContaining('ran longer than'),
  });
  // It is tried once more (the machine may have been busy), runs away again, and still has no graph.
  const again = await nextRestart(page);
  expect(again).toMatchObject({ reason: 'timeout', node: null });
  const answers = (await allEvents(page)).filter((e) => e.type === 'compiled' && e.id === hung.id);
  expect(answers).toHaveLength(2);
  expect(answers[1]).toMatchObject({ graph: null });
  await expectWorking(page);
});

test('top-level code that ran past the limit once (a busy machine) is tried again and compiles', async ({
  page,
}) => {
  // A longer limit than the other tests': the first evaluation must start within 0.9 of it (a fresh
  // worker on a loaded machine takes seconds to start) for its busy loop to outlast it.
  const limit = TIMEOUT_MS * 2;
  await openWorkerPage(page, `?timeout=${limit}`);
  await compile(page, [{ name: 'loop.ts', code: loop }]);
  // Busy until a moment that falls after the first deadline but before the second try's: only the
  // first evaluation runs long, as when the machine is loaded. The second starts at least one limit
  // after the first, so it is busy for at most 0.9 of one.
  const until = (await page.evaluate(() => Date.now())) + limit * 1.9;
  const slow =
    `${loop}export function later(start: number): number {\n  return start;\n}\n` +
    `const until = ${until};\nwhile (Date.now() < until) {}\n`;
  const restarted = nextRestart(page);
  const first = await compile(page, [{ name: 'loop.ts', code: slow }]);
  expect(await restarted).toMatchObject({ reason: 'timeout', node: null });
  expect(first).toMatchObject({ graph: null });
  const retried = await page.waitForFunction(
    (id) => window.workerTest.events.find((e) => e.type === 'compiled' && e.id === id && e.graph) ?? null,
    first.id,
  );
  const answer = (await retried.jsonValue()) as CompiledEvent;
  expect(answer.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(answer.graph?.nodes.map((n) => n.name)).toContain('later');
  expect((await allEvents(page)).filter((e) => e.type === 'worker-restarted')).toHaveLength(1);
  await expectWorking(page);
});

test('Stop ends a running node at once', async ({ page }) => {
  await compile(page, [{ name: 'loop.ts', code: loop }]);
  const restarted = nextRestart(page);
  const running = run(page, { outputs: ['spin'], inputs: { x: 1 } });
  await page.waitForFunction(() =>
    window.workerTest.events.some((e) => e.type === 'node-started' && e.node === 'spin'),
  );
  const stoppedAt = await page.evaluate(() => {
    window.workerTest.host.stop();
    return performance.now();
  });
  const { finished } = await running;
  expect(finished.error?.name).toBe('AbortError');
  // The stopped node and run report how long they ran, not zero.
  const failed = await page.evaluate(() =>
    window.workerTest.events.find((e) => e.type === 'node-failed' && e.node === 'spin'),
  );
  expect(failed).toMatchObject({ error: { name: 'AbortError' }, durationMs: expect.any(Number) });
  expect((failed as { durationMs: number }).durationMs).toBeGreaterThan(0);
  expect(finished.durationMs).toBeGreaterThan(0);
  expect(await restarted).toMatchObject({ reason: 'stopped', node: 'spin' });
  // The fresh worker rebuilds the project at once, not after a deadline: no other restart came between.
  const again = await compiledAfterRestart(page);
  expect(again.receivedAt).toBeGreaterThan(stoppedAt);
  expect((await allEvents(page)).filter((e) => e.type === 'worker-restarted')).toHaveLength(1);
  await expectWorking(page);
});

test('unbounded recursion fails its node with a mapped RangeError', async ({ page }) => {
  await compile(page, [
    {
      name: 'rec.ts',
      code: 'function down(n: number): number {\n  return down(n + 1) + 1;\n}\nexport function deep(x: number): number {\n  return down(x);\n}\n',
    },
  ]);
  const { finished, events } = await run(page, { inputs: { x: 0 } });
  expect(finished.ok).toBe(false);
  expect(events.find((e) => e.type === 'node-failed')).toMatchObject({
    node: 'deep',
    error: { name: 'RangeError', message: expect.stringContaining('call stack'), file: 'rec.ts', line: 2 },
  });
  await expectWorking(page);
});

// Growing memory in a loop: the watchdog ends it before the heap is exhausted. (A worker that does
// exhaust V8's heap takes its renderer process down; in this Chromium the sandboxed frame shares the
// page's process, so that case is a page crash, recovered by the autosave: see README.md.)
test('allocating memory without end: stopped, and replaced', async ({ page }) => {
  await compile(page, [
    {
      name: 'mem.ts',
      code: 'export function hog(x: number): number {\n  const keep: number[][] = [];\n  while (true) keep.push(new Array(1_000_000).fill(x));\n}\n',
    },
  ]);
  const restarted = nextRestart(page);
  const { finished } = await run(page, { inputs: { x: 1.5 } });
  expect(finished.ok).toBe(false);
  expect(['timeout', 'crashed']).toContain(((await restarted) as { reason: string }).reason);
  await expectWorking(page);
});

test('a fast memory bomb takes down only the runner, and the page recovers by itself', async ({ page }) => {
  test.setTimeout(180_000);
  // The runner's process dies; Playwright then calls the whole page "crashed" and stops driving it
  // (it reports the frame's crash on the page), although the page lives on in its own process. So the
  // page recovers on its own and reports to this server what it saw.
  const reports: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      reports.push(JSON.parse(body));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  // A limit the bomb never reaches, however loaded the machine (its timeout path is the test above):
  // the worker dies of memory first, and the host must notice that, not wait for a deadline.
  await openWorkerPage(page, '?timeout=600000');
  await compile(page, [
    {
      name: 'bomb.ts',
      code: 'export function hog(x: number): number {\n  const keep: number[][] = [];\n  while (true) keep.push(new Array(10_000_000).fill(x));\n}\n',
    },
  ]);
  await page.evaluate((target) => {
    const { host } = window.workerTest;
    const report = (what: unknown) =>
      void fetch(target, { method: 'POST', mode: 'no-cors', body: JSON.stringify(what) });
    let id = -1;
    host.subscribe((e) => {
      if (e.type === 'worker-restarted') {
        report(e);
        if (id === -1)
          id = host.compile(
            [{ name: 'ok.ts', code: 'export function ok(x: number): number {\n  return x + 1;\n}\n' }],
            {},
          );
      } else if (e.type === 'compiled' && e.id === id) {
        report({ type: 'compiled', nodes: e.graph?.nodes.map((n) => n.name) });
        host.run({ outputs: [], inputs: { x: 41 }, overrides: {}, tables: {} });
      } else if (e.type === 'run-finished' && id !== -1) {
        report({ type: 'run-finished', ok: e.results.ok });
      }
    });
    host.run({ outputs: [], inputs: { x: 1.5 }, overrides: {}, tables: {} });
  }, target);
  await expect.poll(() => reports.length, { timeout: 150_000 }).toBeGreaterThanOrEqual(3);
  server.close();
  // The worker's heap takes the runner's process down with it; the heartbeat notices, and says so.
  expect(reports[0]).toMatchObject({
    type: 'worker-restarted',
    reason: 'crashed',
    node: 'hog',
    message: 'The worker crashed (it ran out of memory); it was restarted.',
  });
  expect(reports.slice(1)).toEqual([
    { type: 'compiled', nodes: ['ok', 'x'] },
    { type: 'run-finished', ok: { kind: 'scalar', type: 'number', text: '42' } },
  ]);
});

test('a node that throws a non-Error value', async ({ page }) => {
  await compile(page, [
    {
      name: 't.ts',
      code: "export function s(x: number): number {\n  throw 'plain string';\n}\nexport function o(x: number): number {\n  throw { code: 7, html: '<img src=x onerror=\"window.__pwned=1\">' };\n}\n",
    },
  ]);
  const s = await run(page, { outputs: ['s'], inputs: { x: 1 } });
  expect(s.events.find((e) => e.type === 'node-failed')).toMatchObject({
    node: 's',
    error: { name: 'NonErrorThrown', message: 'a non-Error value was thrown: "plain string"' },
  });
  const o = await run(page, { outputs: ['o'], inputs: { x: 1 } });
  expect(o.events.find((e) => e.type === 'node-failed')).toMatchObject({
    node: 'o',
    error: { name: 'NonErrorThrown', message: expect.stringContaining('"code":7') },
  });
  expect(o.finished).toMatchObject({ ok: false, error: { message: expect.stringContaining('Node o') } });
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expectWorking(page);
});

test('forged protocol messages never reach the page, and markup in values stays text', async ({ page }) => {
  const forger = `
const forged = [
  { type: 'compiled', id: 999, graph: null, variables: [], configKeys: [], stale: false, diagnostics: [{ severity: 'error', source: 'worker', message: 'FORGED <img src=x onerror="window.top.__pwned=1">' }], timings: {} },
  { type: 'worker-restarted', reason: 'crashed', node: null, message: 'FORGED' },
  { type: 'console', runId: null, level: 'log', node: null, text: '<script>window.__pwned = 1</script>FORGED' },
  '<img src=x onerror="window.__pwned=1">',
];
// Whatever user code can reach: the worker's own postMessage (to the frame), and any port it can catch.
for (const m of forged) postMessage(m);
const send = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (message: unknown, transfer?: Transferable[]) {
  for (const m of forged) send.call(this, m);
  return send.call(this, message, transfer as Transferable[]);
};
Reflect.apply = ((f: Function, self: unknown, args: unknown[]) => {
  if (self instanceof MessagePort) for (const m of forged) send.call(self, m);
  return Function.prototype.apply.call(f, self, args);
}) as typeof Reflect.apply;
export function markup(x: number): string {
  console.log('<img src=x onerror="window.__pwned=1">');
  return '<script>window.__pwned = 1</script><b>bold</b>';
}
`;
  await compile(page, [{ name: 'forge.ts', code: forger }]);
  const { finished } = await run(page, { inputs: { x: 1 } });
  expect(finished.results.markup).toEqual({
    kind: 'scalar',
    type: 'string',
    text: '<script>window.__pwned = 1</script><b>bold</b>',
  });
  const events = await allEvents(page);
  expect(JSON.stringify(events)).not.toContain('FORGED');
  expect(events.filter((e) => e.type === 'worker-restarted')).toEqual([]);
  // The test page renders every event as text: the markup is there, inert.
  await expect(page.locator('#log')).toContainText('<b>bold</b>');
  expect(await page.locator('#log b, #log img, #log script').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expectWorking(page);
});

test('user code cannot reach the network, the page, or its storage', async ({ page }) => {
  // A server that would answer anyone (permissive CORS): only the sandbox can keep requests from it.
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Content-Type', 'text/javascript');
    res.end('export default 1;');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = `
async function attempt(f: () => unknown): Promise<string> {
  try {
    const v = await f();
    return 'REACHED ' + String(v);
  } catch (e) {
    return 'blocked: ' + (e instanceof Error ? e.name : String(e));
  }
}
const g = globalThis as any;
const url = (what: string) => ['http://${target}', what].join('/');
export async function attempts(x: number): Promise<Record<string, string>> {
  return {
    fetch: await attempt(() => fetch(url('fetch')).then((r) => r.status)),
    fetchNoCors: await attempt(() => fetch(url('no-cors'), { mode: 'no-cors' }).then((r) => r.type)),
    fetchAppOrigin: await attempt(() => fetch('http://127.0.0.1:4175/worker-test.html').then((r) => r.status)),
    xhr: await attempt(() => { const r = new XMLHttpRequest(); r.open('GET', url('xhr'), false); r.send(); return r.status; }),
    webSocket: await attempt(() => new Promise((ok, no) => { const s = new WebSocket(url('ws').replace('http', 'ws')); s.onopen = () => ok('open'); s.onerror = () => no(new Error('ws')); })),
    eventSource: await attempt(() => new Promise((ok, no) => { const s = new EventSource(url('sse')); s.onopen = () => ok('open'); s.onerror = () => no(new Error('sse')); })),
    beacon: await attempt(() => { if (!g.navigator.sendBeacon?.(url('beacon'), 'x')) throw new Error('refused'); return 'sent'; }),
    importScripts: await attempt(() => g.importScripts(url('importScripts.js'))),
    dynamicImport: await attempt(() => import(url('import.js'))),
    nestedWorker: await attempt(() => new Worker(url('worker.js'))),
    localStorage: await attempt(() => g.localStorage.getItem('secret')),
    sessionStorage: await attempt(() => g.sessionStorage.getItem('secret')),
    indexedDB: await attempt(() => new Promise((ok, no) => { const r = indexedDB.open('secrets'); r.onsuccess = () => ok('opened'); r.onerror = () => no(r.error); })),
    caches: await attempt(() => g.caches.keys()),
    cookie: await attempt(() => g.document.cookie),
    parentDocument: await attempt(() => g.parent.document.title),
    topLocation: await attempt(() => g.top.location.href),
    origin: String(g.origin),
  };
}
`;
  try {
    const compiled = await compile(page, [{ name: 'probe.ts', code: probe }]);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { finished } = await run(page, { inputs: { x: 1 } });
    expect(finished.ok, JSON.stringify(finished.error)).toBe(true);
    const result = finished.results.attempts;
    if (result.kind !== 'tree') throw new Error(JSON.stringify(result));
    const outcomes = result.value as Record<string, string>;
    expect(Object.keys(outcomes)).toHaveLength(18);
    for (const [name, outcome] of Object.entries(outcomes)) {
      if (name === 'origin') expect(outcome).toBe('null');
      else expect(outcome, name).toMatch(/^blocked/);
    }
    expect(JSON.stringify(outcomes)).not.toContain('page-secret');
    // Every attempt had its outcome before the run finished; a request of the test's own, sent now,
    // reaches the server after any that slipped through.
    await fetch(`http://${target}/after-the-run`);
    expect(hits).toEqual(['GET /after-the-run']);
  } finally {
    server.close();
  }
  await expectWorking(page);
});

test('a 20,000-node graph compiles and runs, events of every node reach the page, and Stop ends it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // Building 20,000 nodes is slow module code on a loaded machine: a limit it does not reach.
  await openWorkerPage(page, '?timeout=120000');
  const big = parameterizedWorkspace(20_000);
  // Counted in the page: 40,000 events are too many to hand to the test.
  const outcome = await page.evaluate<
    { nodes: number; finished: number; ok: boolean },
    { files: SourceFile[]; inputs: Record<string, number> }
  >(
    ({ files, inputs }) =>
      new Promise<{ nodes: number; finished: number; ok: boolean }>((resolve) => {
        const { host } = window.workerTest;
        let compileId = -1;
        let runId = -1;
        let nodes = 0;
        let finished = 0;
        host.subscribe((e) => {
          if (e.type === 'compiled' && e.id === compileId && runId === -1) {
            nodes = e.graph?.nodes.length ?? 0;
            runId = host.run({ outputs: [], inputs, overrides: {}, tables: {} });
          } else if (e.type === 'node-finished' && e.runId === runId) finished++;
          else if (e.type === 'run-finished' && e.runId === runId) resolve({ nodes, finished, ok: e.ok });
        });
        compileId = host.compile(files, {});
      }),
    { files: [...big.files], inputs: big.inputs as Record<string, number> },
  );
  expect(outcome).toEqual({ nodes: 20_000, finished: 20_000 - 50, ok: true });

  const stopped = page.evaluate<string | undefined, Record<string, number>>(
    (inputs) =>
      new Promise<string | undefined>((resolve) => {
        const { host } = window.workerTest;
        let runId = -1;
        host.subscribe((e) => {
          if (e.type === 'node-finished' && e.runId === runId) host.stop();
          else if (e.type === 'run-finished' && e.runId === runId) resolve(e.error?.name);
        });
        runId = host.run({ outputs: [], inputs, overrides: {}, tables: {} });
      }),
    big.inputs as Record<string, number>,
  );
  expect(await stopped).toBe('AbortError');
  await compiledAfterRestart(page);
  await expectWorking(page);
});
