/**
 * The runtime worker's supervision of user-code workers, in Node: native esbuild bundles, fake user-code
 * workers answer (or do not), fake timers stand for the idle checks.
 */
import * as esbuild from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompiledEvent, CompileRequest, EvaluatingNotice, RunRequest, WorkerEvent } from './protocol';
import { HEARTBEAT_MS, IDLE_MS, Supervisor, type UserWorker } from './supervisor';
import { WARM_UP_IDLE_MS } from './spareUserWorker';
import type { ToUserWorker } from './userProtocol';
import { failedCompile, failedRun } from './answers';

/** How a fake user-code worker behaves. */
interface Behaviour {
  /** Answer pings (false: busy with code left running, or closed). */
  idle: boolean;
  /** Extra messages it sends before its answer (what hostile code could post if it held the port). */
  before?: unknown[];
  /** Never answer a run (a long one). */
  silentRun?: boolean;
  /** Answer without saying that user code started (a project whose user code never ran). */
  neverStarts?: boolean;
}

function fakeWorker(behaviour: Behaviour, log: string[]): UserWorker {
  const worker: UserWorker = {
    onmessage: null,
    onerror: null,
    terminate: () => log.push('terminate'),
    post(message: ToUserWorker) {
      const reply = (data: unknown) => queueMicrotask(() => worker.onmessage?.(data));
      if (message.kind === 'warm-up')
        return void log.push(message.bundle.code ? 'warm-up' : 'warm-up, empty');
      if (message.kind === 'ping') {
        if (behaviour.idle) reply({ kind: 'pong', seq: message.seq });
        return;
      }
      if (message.kind === 'held' && message.request.type === 'text-chunk') {
        const { id, from: offset } = message.request;
        // A busy worker answers nothing.
        if (behaviour.idle)
          reply({ type: 'text-chunk', id, chunk: { offset, text: 'rest', total: offset + 4 } });
        return;
      }
      // As the real worker's runtime does, it says when user code starts (unless it never gets there).
      if (!behaviour.neverStarts) reply({ type: 'evaluating', id: message.request.id, done: false });
      for (const m of behaviour.before ?? []) reply(m);
      if (message.kind === 'run' && behaviour.silentRun) return;
      if (message.kind === 'evaluate')
        reply({ ...failedCompile(message.request.id, [], {}), graph: { nodes: [], edges: [], cycles: [] } });
      else
        reply({
          ...failedRun(message.request.id, 0.001, { name: 'x', message: 'x' }),
          ok: true,
          error: undefined,
        });
    },
  };
  return worker;
}

const FILES = [{ name: 'a.ts', code: 'export function a(x: number): number {\n  return x;\n}\n' }];
const compile = (id: number): CompileRequest => ({ type: 'compile', id, files: FILES, config: {} });
const run = (id: number): RunRequest => ({
  type: 'run',
  id,
  outputs: [],
  inputs: {},
  overrides: {},
  tables: {},
});

function setUp(behaviours: Behaviour[]) {
  const events: (WorkerEvent | EvaluatingNotice)[] = [];
  const log: string[] = [];
  let spawned = 0;
  const supervisor = new Supervisor({
    esbuild,
    post: (event) => events.push(event),
    spawn: () => {
      log.push(`spawn ${spawned}`);
      return fakeWorker(behaviours[Math.min(spawned++, behaviours.length - 1)], log);
    },
    now: () => performance.now(),
  });
  /** Runs a request to its end, moving the fake clock on while it waits. */
  const settle = async (request: CompileRequest | RunRequest) => {
    const done = supervisor.receive(request);
    let finished = false;
    void done.then(() => (finished = true));
    for (let i = 0; i < 50 && !finished; i++) await vi.advanceTimersByTimeAsync(IDLE_MS / 4);
    await done;
  };
  return { supervisor, events, log, settle };
}

beforeEach(
  () => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] }),
);
afterEach(() => void vi.useRealTimers());

describe('the supervisor of user-code workers', () => {
  it('answers a compile and a run once the worker proves idle, timing the run itself', async () => {
    const { events, settle } = setUp([{ idle: true }]);
    await settle(compile(1));
    await settle(run(2));
    expect(events.map((e) => ('done' in e ? `evaluating ${e.id} ${e.done}` : e.type))).toEqual([
      'evaluating 1 false',
      'evaluating 1 true',
      'compiled',
      'evaluating 2 false',
      'evaluating 2 true',
      'run-finished',
    ]);
    const finished = events.at(-1) as { durationMs: number };
    expect(finished.durationMs).not.toBe(0.001);
  });

  it('loads every compile into a fresh worker and ends the previous one', async () => {
    const { log, settle } = setUp([{ idle: true }]);
    await settle(compile(1));
    await settle(compile(2));
    expect(log.filter((l) => l === 'terminate')).toHaveLength(1);
    expect(log.filter((l) => l.startsWith('spawn')).length).toBeGreaterThanOrEqual(2);
  });

  it('warms the spare up once the supervisor is idle, never while a request is in flight', async () => {
    const busy = setUp([{ idle: true, silentRun: true }]);
    void busy.supervisor.receive(compile(1));
    void busy.supervisor.receive(run(2)); // never answers: the supervisor stays busy
    await vi.advanceTimersByTimeAsync(WARM_UP_IDLE_MS * 10);
    // Not even started: starting a worker would compete with the run.
    expect(busy.log).toEqual(['spawn 0']);

    const idle = setUp([{ idle: true }]);
    await idle.settle(compile(1));
    // Once idle, the spare is started and warmed with the bundled warm-up project, once.
    await vi.waitFor(async () => {
      await vi.advanceTimersByTimeAsync(WARM_UP_IDLE_MS);
      expect(idle.log).toContain('warm-up');
    });
    await vi.advanceTimersByTimeAsync(WARM_UP_IDLE_MS * 3);
    expect(idle.log).toEqual(['spawn 0', 'spawn 1', 'warm-up']);
    // The next compile takes it; the one after that gets a new spare, warmed in turn.
    await idle.settle(compile(2));
    await vi.waitFor(async () => {
      await vi.advanceTimersByTimeAsync(WARM_UP_IDLE_MS);
      expect(idle.log.filter((l) => l === 'warm-up')).toHaveLength(2);
    });
    expect(idle.log.slice(3)).toEqual(['terminate', 'spawn 2', 'warm-up']);
  });

  it('sends the warm-up only to a spare that has started: an edit that takes it first gets it without one', async () => {
    // Worker 1, the spare, never answers its ping (still starting).
    const { log, settle } = setUp([{ idle: true }, { idle: false }, { idle: true }]);
    await settle(compile(1));
    await vi.advanceTimersByTimeAsync(WARM_UP_IDLE_MS * 5);
    expect(log).toEqual(['spawn 0', 'spawn 1']);
    await settle(compile(2));
    // What worker 1 was sent, before the next spare (worker 2) starts.
    const next = log.indexOf('spawn 2');
    expect(log.slice(0, next < 0 ? undefined : next)).not.toContain('warm-up');
  });

  it('replaces an answer by an error when the worker stays busy after it, and reloads for the next run', async () => {
    const { events, log, settle } = setUp([{ idle: true }, { idle: false }, { idle: true }]);
    await settle(compile(1)); // worker 0, idle; worker 1 becomes the spare
    await settle(compile(3)); // worker 1: busy after its answer
    const compiled = events.filter((e) => e.type === 'compiled').at(-1) as CompiledEvent;
    expect(compiled.graph).toBeNull();
    expect(compiled.diagnostics[0].message).toContain('kept running');
    expect(log).toContain('terminate');
  });

  it("ends user code's time when its answer arrives, not after the idle check", async () => {
    const { supervisor, events, settle } = setUp([{ idle: true }, { idle: false }]);
    await settle(compile(1));
    const done = supervisor.receive(compile(3)); // worker 1: answers, then stays busy
    await vi.advanceTimersByTimeAsync(IDLE_MS / 2);
    expect(
      events.filter((e) => e.type === 'evaluating' && e.id === 3).map((e) => 'done' in e && e.done),
    ).toEqual([false, true]);
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await done;
    // Said once.
    expect(events.filter((e) => e.type === 'evaluating' && e.id === 3)).toHaveLength(2);
  });

  it("times user code from the worker's word that it starts, not from the request's sending", async () => {
    const { events, settle } = setUp([{ idle: true }, { idle: true, neverStarts: true }]);
    await settle(compile(1));
    await settle(compile(3));
    expect(events.filter((e) => e.type === 'evaluating').map((e) => 'id' in e && e.id)).toEqual([1, 1]);
    expect(events.filter((e) => e.type === 'compiled')).toHaveLength(2);
  });

  it('drops what does not answer the request out: forged events, other ids, host-only events', async () => {
    const forged = [
      {
        type: 'run-finished',
        runId: 99,
        ok: true,
        durationMs: 1,
        results: {},
        skipped: [],
        validations: [],
        diagnostics: [],
      },
      { type: 'worker-restarted', reason: 'crashed', node: null, message: 'FORGED' },
      { type: 'ready', initMs: 1 },
      { type: 'evaluating', id: 2, done: true },
      { type: 'node-started', runId: 98, node: 'x' },
      '<img src=x>',
    ];
    const { events, settle } = setUp([{ idle: true, before: forged }]);
    await settle(compile(1));
    await settle(run(2));
    expect(events.map((e) => e.type).filter((t) => t !== 'evaluating')).toEqual(['compiled', 'run-finished']);
    expect(JSON.stringify(events)).not.toContain('FORGED');
  });

  it('stops a worker that is busy between requests; the next run loads the project again', async () => {
    const behaviour: Behaviour = { idle: true };
    const { events, log, settle } = setUp([behaviour, { idle: true }]);
    await settle(compile(1));
    behaviour.idle = false; // a timer the modules left keeps it busy
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    expect(events.at(-1)).toMatchObject({
      type: 'console',
      level: 'error',
      text: expect.stringContaining('kept the runner busy'),
    });
    expect(log).toContain('terminate');
    await settle(run(2));
    expect(events.filter((e) => e.type === 'run-finished').at(-1)).toMatchObject({ ok: true });
  });

  it('passes chunk requests to the worker that cut the string; one it stops answers as let go', async () => {
    const CUT = { request: 2, index: 0, shown: 10, total: 14 };
    const behaviour: Behaviour = { idle: true };
    const { supervisor, events, settle } = setUp([behaviour, { idle: true }]);
    const ask = (id: number) => void supervisor.receive({ type: 'text-chunk', id, held: CUT, from: 10 });
    ask(1);
    expect(events.at(-1)).toEqual({ type: 'text-chunk', id: 1, chunk: null });
    await settle(compile(1));
    await settle(run(2));
    ask(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(events.at(-1)).toEqual({
      type: 'text-chunk',
      id: 2,
      chunk: { offset: 10, text: 'rest', total: 14 },
    });
    behaviour.idle = false; // busy between requests: stopped at the next beat
    supervisor.receive({ type: 'text-chunk', id: 3, held: CUT, from: 14 });
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    expect(events.filter((e) => e.type === 'text-chunk' && e.id === 3)).toEqual([
      { type: 'text-chunk', id: 3, chunk: null },
    ]);
  });

  it('keeps what a run adds to the cache across workers, and a newer compile cancels a live run', async () => {
    const entry = { nodeName: 'a', codeVersion: 'c', dependencies: {}, dataVersion: 'v1', runId: 'r' };
    const news = { kind: 'cache-news', entries: [['k1', entry]], results: [['v1', 42]] };
    const { supervisor, events, log, settle } = setUp([
      { idle: true, before: [news] },
      { idle: true, silentRun: true },
    ]);
    await settle(compile(1));
    // Sent during a compile, news is not the run's: dropped.
    expect(supervisor.cache.size).toBe(0);
    await settle(run(2));
    expect(supervisor.cache.index()).toEqual({ entries: [['k1', entry]], versions: ['v1'] });
    expect(supervisor.cache.resultsOf(new Set(['a']))).toEqual([['v1', 42]]);

    await settle(compile(3)); // worker 1: its runs never answer
    const live = supervisor.receive({ ...run(4), live: true });
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await settle(compile(5));
    await live;
    const finished = events.find((e) => e.type === 'run-finished' && e.runId === 4);
    expect(finished).toMatchObject({ ok: false, error: { name: 'AbortError' } });
    expect(log.filter((l) => l === 'terminate').length).toBeGreaterThanOrEqual(2);
    // The cache outlived both workers.
    expect(supervisor.cache.size).toBe(1);
  });
});
