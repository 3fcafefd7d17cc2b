import { describe, expect, it } from 'vitest';
import { supervise } from './hostMachine';
import { type HostCommand, type HostInput, type HostState, initialHostState, WATCH } from './hostState';
import type { WorkerEvent } from './protocol';
import { compiledEvent as compiled } from './fixtures/events';

const TIMEOUT = 5000;
const FILES = [{ name: 'a.ts', code: 'export function a(x: number): number {\n  return x;\n}\n' }];
const RUN = { outputs: [], inputs: { x: 1 }, overrides: {}, tables: {} };

/** The machine, fed one input at a time, with the commands of the last input. */
function machine(spare = true) {
  let state: HostState = initialHostState({ timeoutMs: TIMEOUT, spare });
  let now = 0;
  const m = {
    get state() {
      return state;
    },
    commands: [] as HostCommand[],
    feed(input: HostInput, at = now): HostCommand[] {
      now = at;
      const step = supervise(state, input, now);
      state = step.state;
      m.commands = step.commands;
      return step.commands;
    },
    message: (runner: number, message: Extract<HostInput, { type: 'message' }>['message']) =>
      m.feed({ type: 'message', runner, message }),
    /** A runner becomes ready. */
    ready: (runner: number) => m.message(runner, { type: 'ready', initMs: 10 }),
    /** Compile 1 answered, run 2 running its user code on runner 1. */
    running() {
      m.feed({ type: 'compile', files: FILES, config: {} });
      m.message(1, compiled(1));
      m.feed({ type: 'run', request: RUN });
      m.message(1, { type: 'evaluating', id: 2, done: false });
    },
    /** Up and running: runner 1 active and ready, runner 2 a ready spare. */
    started() {
      m.feed({ type: 'start' });
      m.ready(1);
      m.feed({ type: 'expired', timer: 'spare' });
      m.ready(2);
      return m;
    },
  };
  return m;
}

const emitted = (commands: HostCommand[]): WorkerEvent[] =>
  commands.flatMap((c) => (c.type === 'emit' ? [c.event] : []));
const posted = (commands: HostCommand[]) => commands.flatMap((c) => (c.type === 'post' ? [c] : []));
const has = (commands: HostCommand[], command: HostCommand) => expect(commands).toContainEqual(command);

describe('the host machine', () => {
  it('starts a runner, tells the UI when it is ready, and starts a spare once idle', () => {
    const m = machine();
    expect(m.feed({ type: 'start' })).toEqual([{ type: 'create-runner', runner: 1, first: true }]);
    const ready = m.ready(1);
    expect(ready).toContainEqual({ type: 'ready' });
    expect(emitted(ready)).toEqual([{ type: 'ready', initMs: 10 }]);
    has(ready, { type: 'arm', timer: 'spare', ms: 1000 });
    expect(m.feed({ type: 'expired', timer: 'spare' })).toEqual([
      { type: 'create-runner', runner: 2, first: false },
    ]);
    // The spare's ready is the host's alone.
    expect(emitted(m.ready(2))).toEqual([]);
  });

  it('numbers requests, posts them to the active runner, and times user code from the notices', () => {
    const m = machine().started();
    const compile = m.feed({ type: 'compile', files: FILES, config: {} });
    expect(posted(compile)).toEqual([
      { type: 'post', runner: 1, request: { type: 'compile', id: 1, files: FILES, config: {} } },
    ]);
    // Waiting for the answer: only the loose deadline of a worker gone silent.
    has(compile, { type: 'arm', timer: 'watchdog', ms: WATCH.silenceFactor * TIMEOUT });
    const evaluating = m.message(1, { type: 'evaluating', id: 1, done: false });
    has(evaluating, { type: 'arm', timer: 'watchdog', ms: TIMEOUT });
    has(evaluating, { type: 'arm', timer: 'heartbeat', ms: WATCH.heartbeatMs });
    const done = m.message(1, { type: 'evaluating', id: 1, done: true });
    has(done, { type: 'clear', timer: 'heartbeat' });
    expect(m.state).toMatchObject({ evaluating: null, heartbeat: false });
    const answer = m.message(1, compiled(1));
    expect(emitted(answer)).toEqual([compiled(1)]);
    expect(m.state).toMatchObject({ pendingCompile: null, watchdog: null, lastSafe: { id: 1 } });
    expect(posted(m.feed({ type: 'run', request: RUN }))[0].request).toMatchObject({ type: 'run', id: 2 });
  });

  it('a runaway run: the watchdog pings, the frame answers, the run ends as a timeout on the warm spare', () => {
    const m = machine().started();
    m.feed({ type: 'compile', files: FILES, config: {} });
    m.message(1, compiled(1));
    m.feed({ type: 'run', request: RUN }, 100);
    m.message(1, { type: 'evaluating', id: 2, done: false });
    m.message(1, { type: 'node-started', runId: 2, node: 'a' });
    expect(m.feed({ type: 'expired', timer: 'watchdog' })).toEqual([
      { type: 'ping', runner: 1 },
      { type: 'arm', timer: 'ping', ms: WATCH.pingMs },
    ]);
    const restart = m.feed({ type: 'pong', runner: 1 }, 5300);
    has(restart, { type: 'destroy-runner', runner: 1 });
    const error = { name: 'TimeoutError', message: 'Stopped node a: it ran longer than 5 s.' };
    expect(emitted(restart)).toEqual([
      { type: 'node-failed', runId: 2, node: 'a', durationMs: 5200, error },
      expect.objectContaining({ type: 'run-finished', runId: 2, ok: false, durationMs: 5200, error }),
      { type: 'worker-restarted', reason: 'timeout', node: 'a', message: error.message },
      { type: 'ready', initMs: 10 },
    ]);
    // The spare is active, with the project; the next spare starts a second later, busy or not.
    expect(m.state.active).toMatchObject({ id: 2, ready: true });
    expect(posted(restart)).toEqual([
      { type: 'post', runner: 2, request: expect.objectContaining({ id: 1 }) },
    ]);
    has(restart, { type: 'arm', timer: 'spare', ms: 1000 });
    expect(m.feed({ type: 'expired', timer: 'spare' })).toEqual([
      { type: 'create-runner', runner: 3, first: false },
    ]);
    expect(m.state).toMatchObject({ run: null, evaluating: null, spare: { id: 3 }, pendingCompile: 1 });
  });

  it('every watchdog event leaves a warm runner for the next edit, and soon a warm spare again', () => {
    const m = machine().started();
    for (const [runner, spare] of [
      [1, 3],
      [2, 4],
    ]) {
      m.feed({ type: 'compile', files: FILES, config: {} });
      m.message(runner, { type: 'evaluating', id: m.state.nextId - 1, done: false });
      m.feed({ type: 'expired', timer: 'watchdog' });
      const restart = m.feed({ type: 'pong', runner });
      // The promoted runner is warm: the UI hears it is ready in the same step.
      expect(emitted(restart)).toContainEqual({ type: 'ready', initMs: 10 });
      // The edit that waits behind the rebuild does not postpone the next spare.
      m.feed({ type: 'compile', files: FILES, config: {} });
      expect(m.feed({ type: 'expired', timer: 'spare' })).toEqual([
        { type: 'create-runner', runner: spare, first: false },
      ]);
      m.ready(spare);
    }
    expect(m.state).toMatchObject({ active: { id: 3, ready: true }, spare: { id: 4, ready: true } });
  });

  it('without a warm spare, the fresh runner starts alone, and the next spare a second after it is ready', () => {
    const m = machine();
    m.feed({ type: 'start' });
    m.ready(1);
    m.feed({ type: 'compile', files: FILES, config: {} });
    const stop = m.feed({ type: 'stop' });
    expect(stop.filter((c) => c.type === 'create-runner')).toEqual([
      { type: 'create-runner', runner: 2, first: false },
    ]);
    expect(m.state.spare).toBeNull();
    // A compile is in flight, and the spare starts anyway.
    expect(m.ready(2)).toContainEqual({ type: 'arm', timer: 'spare', ms: 1000 });
    expect(m.feed({ type: 'expired', timer: 'spare' })).toEqual([
      { type: 'create-runner', runner: 3, first: false },
    ]);
    expect(m.state).toMatchObject({ active: { id: 2 }, spare: { id: 3 }, pendingCompile: 1 });
  });

  it('runaway module code: answered without a graph, tried once more, then the last safe project is rebuilt', () => {
    const m = machine().started();
    m.feed({ type: 'compile', files: FILES, config: {} });
    m.message(1, compiled(1));
    m.feed({ type: 'compile', files: FILES, config: {} });
    m.message(1, { type: 'evaluating', id: 2, done: false });
    m.feed({ type: 'expired', timer: 'watchdog' });
    const first = m.feed({ type: 'pong', runner: 1 });
    const diagnostic = {
      severity: 'error',
      source: 'worker',
      message: 'Stopped module top-level code: it ran longer than 5 s.',
    };
    expect(emitted(first)).toContainEqual(
      expect.objectContaining({
        type: 'compiled',
        id: 2,
        graph: null,
        stale: false,
        diagnostics: [diagnostic],
      }),
    );
    expect(posted(first)).toEqual([{ type: 'post', runner: 2, request: expect.objectContaining({ id: 2 }) }]);
    m.ready(3);
    // Runs away again on the fresh runner: the last safe project is rebuilt, its answer kept from the UI.
    m.message(2, { type: 'evaluating', id: 2, done: false });
    m.feed({ type: 'expired', timer: 'watchdog' });
    const second = m.feed({ type: 'pong', runner: 2 });
    expect(posted(second)).toEqual([
      { type: 'post', runner: 3, request: expect.objectContaining({ id: 1 }) },
    ]);
    expect(m.state).toMatchObject({ last: { id: 1 }, hidden: [1] });
    expect(emitted(m.message(3, compiled(1)))).toEqual([]);
    expect(m.state.hidden).toEqual([]);
  });

  it('a compile that waited behind a runaway one is sent again and timed on its own', () => {
    const m = machine().started();
    m.feed({ type: 'compile', files: FILES, config: {} });
    m.message(1, { type: 'evaluating', id: 1, done: false });
    m.feed({ type: 'compile', files: FILES, config: {} });
    m.feed({ type: 'expired', timer: 'watchdog' });
    const restart = m.feed({ type: 'pong', runner: 1 });
    expect(emitted(restart).filter((e) => e.type === 'compiled')).toEqual([]);
    expect(posted(restart)).toEqual([
      { type: 'post', runner: 2, request: expect.objectContaining({ id: 2 }) },
    ]);
  });

  it('user code that finishes while the watchdog waits for the pong is not stopped', () => {
    const m = machine().started();
    m.feed({ type: 'compile', files: FILES, config: {} });
    m.message(1, { type: 'evaluating', id: 1, done: false });
    m.feed({ type: 'expired', timer: 'watchdog' });
    m.message(1, { type: 'evaluating', id: 1, done: true });
    expect(emitted(m.feed({ type: 'pong', runner: 1 }))).toEqual([]);
    expect(m.state.active?.id).toBe(1);
  });

  it('a frame that does not answer the watchdog ping lost its process: a crash, out of memory', () => {
    const m = machine().started();
    m.running();
    m.feed({ type: 'expired', timer: 'watchdog' });
    const crash = m.feed({ type: 'expired', timer: 'ping' });
    expect(emitted(crash)).toContainEqual({
      type: 'worker-restarted',
      reason: 'crashed',
      node: null,
      message: 'The worker crashed (it ran out of memory); it was restarted.',
    });
    expect(emitted(crash)).toContainEqual(
      expect.objectContaining({
        type: 'run-finished',
        error: expect.objectContaining({ name: 'WorkerCrashed' }),
      }),
    );
  });

  it('the heartbeat notices a dead frame before the deadline: two unanswered pings in a row', () => {
    const m = machine().started();
    m.running();
    expect(m.feed({ type: 'expired', timer: 'heartbeat' })).toContainEqual({ type: 'ping', runner: 1 });
    // One late answer is no crash.
    expect(emitted(m.feed({ type: 'expired', timer: 'ping' }))).toEqual([]);
    m.feed({ type: 'expired', timer: 'heartbeat' });
    m.feed({ type: 'pong', runner: 1 });
    m.feed({ type: 'expired', timer: 'heartbeat' });
    expect(emitted(m.feed({ type: 'expired', timer: 'ping' }))).toEqual([]);
    m.feed({ type: 'expired', timer: 'heartbeat' });
    const crash = m.feed({ type: 'expired', timer: 'ping' });
    expect(emitted(crash)).toContainEqual(
      expect.objectContaining({
        type: 'worker-restarted',
        reason: 'crashed',
        message: expect.stringMatching(/out of memory/),
      }),
    );
  });

  it('a worker that answers nothing at all is restarted at the loose deadline, once its frame is silent too', () => {
    const m = machine().started();
    m.feed({ type: 'compile', files: FILES, config: {} });
    const asked = m.feed({ type: 'expired', timer: 'watchdog' });
    expect(asked).toContainEqual({ type: 'ping', runner: 1 });
    expect(emitted(asked)).toEqual([]);
    const crash = m.feed({ type: 'expired', timer: 'ping' });
    expect(emitted(crash)).toContainEqual(
      expect.objectContaining({ reason: 'crashed', message: expect.stringMatching(/stopped answering/) }),
    );
    expect(posted(crash)).toEqual([{ type: 'post', runner: 2, request: expect.objectContaining({ id: 1 }) }]);
  });

  it('a slow worker whose frame still answers gets more loose deadlines, a bounded number of them', () => {
    const m = machine().started();
    m.feed({ type: 'compile', files: FILES, config: {} });
    for (let i = 0; i < WATCH.maxSilentWaits; i++) {
      m.feed({ type: 'expired', timer: 'watchdog' });
      const waited = m.feed({ type: 'pong', runner: 1 });
      has(waited, { type: 'arm', timer: 'watchdog', ms: WATCH.silenceFactor * TIMEOUT });
      expect(emitted(waited)).toEqual([]);
    }
    // The answer that comes late is the answer: nothing was restarted.
    expect(emitted(m.message(1, compiled(1)))).toEqual([compiled(1)]);
    // A later request starts its own count; past the bound, a frame that answers is not enough.
    m.feed({ type: 'compile', files: FILES, config: {} });
    for (let i = 0; i < WATCH.maxSilentWaits; i++) {
      m.feed({ type: 'expired', timer: 'watchdog' });
      m.feed({ type: 'pong', runner: 1 });
    }
    m.feed({ type: 'expired', timer: 'watchdog' });
    expect(emitted(m.feed({ type: 'pong', runner: 1 }))).toContainEqual(
      expect.objectContaining({ reason: 'crashed', message: expect.stringMatching(/stopped answering/) }),
    );
  });

  it('Stop ends the run as stopped, its running node without a failure of its own', () => {
    const m = machine().started();
    m.feed({ type: 'compile', files: FILES, config: {} });
    m.message(1, compiled(1));
    m.feed({ type: 'run', request: RUN });
    m.message(1, { type: 'node-started', runId: 2, node: 'a' });
    const stop = m.feed({ type: 'stop' });
    expect(emitted(stop)).toContainEqual(
      expect.objectContaining({
        type: 'run-finished',
        error: { name: 'AbortError', message: 'Stopped node a.' },
      }),
    );
    expect(emitted(stop)).toContainEqual({
      type: 'worker-restarted',
      reason: 'stopped',
      node: 'a',
      message: 'Stopped node a.',
    });
  });

  it(`gives up after ${WATCH.maxCrashes} runners in a row crashed before they were ready`, () => {
    const m = machine(false);
    m.feed({ type: 'start' });
    m.feed({ type: 'runner-failed', runner: 1, cause: 'wasm-failed' });
    m.feed({ type: 'runner-failed', runner: 2, cause: 'worker-failed' });
    const third = m.feed({ type: 'runner-failed', runner: 3, cause: 'worker-failed' });
    // The UI hears it in plain words: nothing more will start.
    expect(emitted(third)).toContainEqual({
      type: 'worker-restarted',
      reason: 'crashed',
      node: null,
      message:
        'The worker crashed (the worker failed), 3 times in a row before it could start; reload the page to try again.',
    });
    expect(third).toContainEqual({
      type: 'give-up',
      reason: 'the worker could not start: the worker failed',
    });
    expect(third.some((c) => c.type === 'create-runner')).toBe(false);
    expect(m.state.phase).toBe('gave-up');
    // Requests are still numbered; nothing is sent.
    expect(m.feed({ type: 'compile', files: FILES, config: {} })).toEqual([]);
    expect(m.state.nextId).toBe(2);
  });

  it('a ready runner, or a hijacked one, does not count towards giving up', () => {
    const m = machine(false);
    m.feed({ type: 'start' });
    for (let runner = 1; runner <= WATCH.maxCrashes + 1; runner++)
      m.feed({ type: 'runner-failed', runner, cause: 'tampered' });
    expect(m.state).toMatchObject({ phase: 'running', crashes: 0 });
    m.ready(5);
    m.feed({ type: 'runner-failed', runner: 5, cause: 'worker-failed' });
    m.feed({ type: 'runner-failed', runner: 6, cause: 'worker-failed' });
    expect(m.state).toMatchObject({ phase: 'running', crashes: 1 });
  });

  it('a run whose runner was hijacked goes to the fresh runner: once more only if it had started', () => {
    const m = machine().started();
    m.running();
    m.message(1, { type: 'node-started', runId: 2, node: 'a' });
    const hijacked = m.feed({ type: 'runner-failed', runner: 1, cause: 'tampered' });
    // The fresh runner gets the project, then the same run; the run does not end.
    expect(posted(hijacked).map((p) => [p.runner, p.request.type, p.request.id])).toEqual([
      [2, 'compile', 1],
      [2, 'run', 2],
    ]);
    expect(emitted(hijacked)).toEqual([{ type: 'ready', initMs: 10 }]);
    expect(m.state.run).toMatchObject({ retried: true, started: false, running: [] });
    // Hijacked before it started on this runner (its user code never ran there): sent again.
    m.ready(3);
    expect(posted(m.feed({ type: 'runner-failed', runner: 2, cause: 'tampered' }))).toContainEqual(
      expect.objectContaining({ runner: 3, request: expect.objectContaining({ type: 'run', id: 2 }) }),
    );
    // Hijacked after it started, a second time: the run ends, in the host's words.
    m.message(3, { type: 'evaluating', id: 2, done: false });
    const again = m.feed({ type: 'runner-failed', runner: 3, cause: 'tampered' });
    expect(emitted(again)).toContainEqual(
      expect.objectContaining({
        type: 'worker-restarted',
        reason: 'crashed',
        message: expect.stringMatching(/^The worker crashed \(its frame was navigated away/),
      }),
    );
    expect(emitted(again)).toContainEqual(
      expect.objectContaining({ type: 'run-finished', runId: 2, ok: false }),
    );
  });

  it('a failed spare is replaced quietly; other runners, old runners and forged restarts are ignored', () => {
    const m = machine().started();
    const spareFailed = m.feed({ type: 'runner-failed', runner: 2, cause: 'worker-failed' });
    expect(spareFailed).toEqual([
      { type: 'destroy-runner', runner: 2 },
      { type: 'arm', timer: 'spare', ms: 1000 },
    ]);
    expect(m.message(2, compiled(1))).toEqual([]);
    expect(
      m.message(1, { type: 'worker-restarted', reason: 'crashed', node: null, message: 'FORGED' }),
    ).toEqual([{ type: 'ignored' }]);
    expect(m.message(1, null)).toEqual([{ type: 'ignored' }]);
    expect(m.feed({ type: 'runner-failed', runner: 9, cause: 'tampered' })).toEqual([]);
  });

  it('dispose clears every timer, removes every runner, and then does nothing', () => {
    const m = machine().started();
    const commands = m.feed({ type: 'dispose' });
    for (const timer of ['watchdog', 'heartbeat', 'ping', 'spare'] as const)
      has(commands, { type: 'clear', timer });
    has(commands, { type: 'destroy-runner', runner: 1 });
    has(commands, { type: 'destroy-runner', runner: 2 });
    expect(m.feed({ type: 'compile', files: FILES, config: {} })).toEqual([]);
  });
});
