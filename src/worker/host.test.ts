import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerHost } from './host';
import type { WorkerEvent, WorkerRequest } from './protocol';
import type { Runner, RunnerEvents, RunnerFactory } from './runner';
import { compiledEvent as compiled, finishedRun, graphMessage } from './fixtures/events';
import { inParts } from './graphParts';

// The real runners are sandboxed frames; here the host drives fakes.
vi.mock('./runner', () => ({
  frameRunners: () => {
    throw new Error('no frames in Node');
  },
}));

/** A runner the test speaks for: what the host sent it, and its side of the conversation. */
class FakeRunner implements Runner {
  readonly posted: WorkerRequest[] = [];
  pings = 0;
  destroyed = false;
  /** A live frame answers pings, even while its worker is busy; a dead one does not. */
  alive = true;
  constructor(
    readonly first: boolean,
    readonly events: RunnerEvents,
  ) {}
  post(request: WorkerRequest): void {
    this.posted.push(request);
  }
  ping(): void {
    this.pings++;
    if (this.alive) queueMicrotask(() => this.events.pong());
  }
  destroy(): void {
    this.destroyed = true;
  }
  ready(): void {
    this.events.message({ type: 'ready', initMs: 5 });
  }
  evaluating(id: number, done: boolean): void {
    this.events.message({ type: 'evaluating', id, done });
  }
}

const FILES = [{ name: 'a.ts', code: 'export function a(x: number): number {\n  return x;\n}\n' }];
const RUN = { outputs: [], inputs: { x: 1 }, overrides: {}, tables: {} };

function setUp(options: { timeoutMs?: number; spare?: boolean } = {}) {
  const runners: FakeRunner[] = [];
  let failLoad!: (e: unknown) => void;
  const factory: RunnerFactory = {
    create(first, events) {
      const runner = new FakeRunner(first, events);
      runners.push(runner);
      return runner;
    },
    loaded: new Promise((_, reject) => (failLoad = reject)),
  };
  const host = createWorkerHost(options, factory);
  const events: WorkerEvent[] = [];
  host.subscribe((e) => events.push(e));
  /** Up: runner 0 active and ready, runner 1 a ready spare. */
  const started = async () => {
    runners[0].ready();
    await host.ready;
    await vi.advanceTimersByTimeAsync(1000);
    runners[1].ready();
  };
  return { host, runners, events, started, failLoad };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the worker host', () => {
  it('starts one runner, then a spare once idle, and sends requests to the active one', async () => {
    const { host, runners, started } = setUp();
    expect(runners).toHaveLength(1);
    expect(runners[0].first).toBe(true);
    await started();
    expect(runners).toHaveLength(2);
    const id = host.compile(FILES, {});
    expect(runners[0].posted).toEqual([{ type: 'compile', id, files: FILES, config: {} }]);
    expect(host.run(RUN)).toBe(id + 1);
    expect(runners[1].posted).toEqual([]);
  });

  it('runaway module code: stopped at the deadline, answered without a graph, retried on the warm spare', async () => {
    const { host, runners, events, started } = setUp({ timeoutMs: 5000 });
    await started();
    const id = host.compile(FILES, {});
    runners[0].evaluating(id, false);
    // The heartbeat's pings are answered: the frame lives.
    await vi.advanceTimersByTimeAsync(4999);
    expect(runners[0]).toMatchObject({ pings: 4, destroyed: false });
    await vi.advanceTimersByTimeAsync(1);
    expect(runners[0]).toMatchObject({ pings: 5, destroyed: true });
    expect(events.slice(-3)).toEqual([
      {
        type: 'worker-restarted',
        reason: 'timeout',
        node: null,
        message: expect.stringContaining('module top-level code'),
      },
      { type: 'ready', initMs: 5 },
      expect.objectContaining({ type: 'compiled', id, graph: null, stale: false }),
    ]);
    // The same compile, once more, on the runner that was the spare; a new spare a second later.
    expect(runners[1].posted).toEqual([expect.objectContaining({ type: 'compile', id })]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runners).toHaveLength(3);
    runners[1].events.message(compiled(id));
    expect(events.at(-1)).toMatchObject({ type: 'compiled', id, graph: { nodes: [] } });
  });

  it('a worker out of memory takes its frame down: noticed by the heartbeat, reported as a crash', async () => {
    const { host, runners, events, started } = setUp({ timeoutMs: 10_000 });
    await started();
    const id = host.compile(FILES, {});
    runners[0].events.message(compiled(id));
    const run = host.run(RUN);
    runners[0].evaluating(run, false);
    runners[0].events.message({ type: 'node-started', runId: run, node: 'a' });
    runners[0].alive = false;
    // No pong ever comes: two beats and two missed pings, long before the 10 s deadline.
    await vi.advanceTimersByTimeAsync(4000);
    expect(events.filter((e) => e.type === 'worker-restarted')).toEqual([
      {
        type: 'worker-restarted',
        reason: 'crashed',
        node: 'a',
        message: 'The worker crashed (it ran out of memory); it was restarted.',
      },
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'run-finished',
        runId: run,
        ok: false,
        error: expect.objectContaining({ name: 'WorkerCrashed' }),
      }),
    );
    expect(runners[1].posted).toEqual([expect.objectContaining({ type: 'compile', id })]);
  });

  it('gives up after three runners crashed before they were ready: `ready` rejects', async () => {
    const { host, runners } = setUp({ spare: false });
    const failed = expect(host.ready).rejects.toThrow('the worker could not start: the worker failed');
    for (let i = 0; i < 3; i++) runners[i].events.failed('worker-failed');
    await failed;
    expect(runners).toHaveLength(3);
    expect(runners.every((r) => r.destroyed)).toBe(true);
    // Still numbered, sent nowhere; nothing holds a cut string.
    expect(host.compile(FILES, {})).toBe(1);
    await expect(host.textChunk({ request: 1, index: 0, shown: 1, total: 2 }, 1)).resolves.toBeNull();
  });

  it('a chunk of a cut string: answered to its caller (not the listeners), or null once the runner goes', async () => {
    const { host, runners, events, started } = setUp();
    await started();
    const cut = { request: 2, index: 0, shown: 10, total: 30 };
    const first = host.textChunk(cut, 10);
    const asked = runners[0].posted.at(-1);
    expect(asked).toEqual({ type: 'text-chunk', id: 1, held: cut, from: 10 });
    // Compiles and runs are numbered as if no chunk had been asked for.
    expect(host.compile(FILES, {})).toBe(1);
    runners[0].events.message({ type: 'text-chunk', id: 1, chunk: { offset: 10, text: 'more', total: 30 } });
    await expect(first).resolves.toEqual({ offset: 10, text: 'more', total: 30 });
    const second = host.textChunk(cut, 14);
    host.stop();
    await expect(second).resolves.toBeNull();
    expect(events.some((e) => e.type === 'text-chunk')).toBe(false);
  });

  it('rejects `ready` when the runner scripts cannot be loaded', async () => {
    const { host, failLoad } = setUp();
    failLoad(new Error('could not load runtime.worker.js: HTTP 404'));
    await expect(host.ready).rejects.toThrow('HTTP 404');
  });

  it('a run whose runner is hijacked finishes on the fresh runner, without a restart notice', async () => {
    const { host, runners, events, started } = setUp();
    await started();
    const id = host.compile(FILES, {});
    runners[0].events.message(compiled(id));
    const run = host.run(RUN);
    runners[0].events.failed('tampered');
    expect(runners[1].posted.map((r) => [r.type, r.id])).toEqual([
      ['compile', id],
      ['run', run],
    ]);
    runners[1].events.message(compiled(id));
    runners[1].events.message(finishedRun(run));
    expect(events.filter((e) => e.type === 'worker-restarted')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', runId: run, ok: true });
  });

  it('a listener that asks for a compile while hearing of a restart reaches the fresh runner', async () => {
    const { host, runners, started } = setUp();
    await started();
    let asked = -1;
    host.subscribe((e) => {
      if (e.type === 'worker-restarted') asked = host.compile(FILES, {});
    });
    host.stop();
    expect(asked).toBe(1);
    expect(runners[1].posted).toEqual([expect.objectContaining({ type: 'compile', id: asked })]);
  });

  it('keeps telling the other listeners when one throws', async () => {
    const { host, runners, events } = setUp();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    host.subscribe(() => {
      throw new Error('listener bug');
    });
    const later: WorkerEvent[] = [];
    host.subscribe((e) => later.push(e));
    runners[0].ready();
    expect(events).toEqual([{ type: 'ready', initMs: 5 }]);
    expect(later).toEqual(events);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('checks every message: what is not a protocol event is ignored, never shown', async () => {
    const { runners, events, started } = setUp();
    await started();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    runners[0].events.message({ type: 'compiled', id: 'x' });
    runners[0].events.message({ type: 'worker-restarted', reason: 'crashed', node: null, message: 'FORGED' });
    expect(events.filter((e) => e.type !== 'ready')).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('joins the slices of a big graph into one compiled event; a forged slice is ignored', async () => {
    const { host, runners, events, started } = setUp();
    await started();
    const id = host.compile(FILES, {});
    const [node] = graphMessage.nodes;
    const nodes = ['a', 'b', 'c'].map((name) => ({ ...node, name }));
    const edges = [graphMessage.edges[0], { from: 'a', to: 'b', optional: false }];
    const event = { ...compiled(id), graph: { nodes, edges, cycles: [] } } as ReturnType<typeof compiled>;
    const messages = inParts(event, 1);
    expect(messages).toHaveLength(3);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    runners[0].events.message(messages[0]);
    runners[0].events.message({ ...messages[1], nodes: [{ ...node, name: () => 'x' }] });
    runners[0].events.message(messages[1]);
    expect(events.filter((e) => e.type === 'compiled')).toEqual([]);
    runners[0].events.message(messages[2]);
    expect(events.at(-1)).toEqual(event);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('dispose removes every runner and stops every timer', async () => {
    const { host, runners, started } = setUp();
    await started();
    host.compile(FILES, {});
    host.dispose();
    expect(runners.every((r) => r.destroyed)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
