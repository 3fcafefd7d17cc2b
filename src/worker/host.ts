/**
 * The UI's side of the worker: a thin shell around the host machine (hostMachine.ts), which decides
 * everything (restarts, retries, the watchdog, the spare). This file feeds it the UI's requests, the
 * runners' messages (checked here by the protocol's parsers), pongs, failures and timer expiries, and
 * carries out its commands: runners (runner.ts: sandboxed frames), timers, and events to the listeners.
 *
 * Isolation (see README.md): the worker runs inside a sandboxed iframe (`allow-scripts` only, so its
 * origin is opaque) whose CSP forbids every connection.
 */
import type {
  ConsoleLinesEvent,
  ConsoleWithheld,
  HeldAnswer,
  HeldRequest,
  Json,
  RunRequest,
  SourceFile,
  TextChunkEvent,
  TextCut,
  WorkerEvent,
} from './protocol';
import { parseWorkerMessage, parseWorkerNotice, parseWorkerPart } from './validate';
import { graphJoiner } from './graphParts';
import { supervise } from './hostMachine';
import { initialHostState, type HostCommand, type HostInput, type TimerName } from './hostState';
import { frameRunners, type Runner, type RunnerEvents, type RunnerFactory } from './runner';

/** The UI's handle on the compile-and-run worker. */
export interface WorkerHost {
  /** Ask for a compile; returns its id. Debounce is the caller's; a newer id makes older ones obsolete. */
  compile(files: readonly SourceFile[], config: Readonly<Record<string, Json>>): number;
  /** Start a run of the last compiled project; returns its id. */
  run(request: Omit<RunRequest, 'type' | 'id'>): number;
  /**
   * The next chunk (at most `TEXT_CHUNK_CHARS`) of a string that was cut, from `offset`; null when the
   * worker no longer holds it (a newer run, a new version, a restart).
   */
  textChunk(cut: TextCut, offset: number): Promise<TextChunkEvent['chunk']>;
  /**
   * Console lines a count line stands for, from line `from` (at most `CONSOLE_LINES_CHARS` of text; `next`
   * says where to go on); null when the worker no longer holds them.
   */
  consoleLines(withheld: ConsoleWithheld, from: number): Promise<ConsoleLinesEvent['chunk']>;
  /** Stop at once: terminate the worker, start a fresh one, recompile the last project. */
  stop(): void;
  /** Listen to validated worker events (and host events such as worker-restarted; not held answers). */
  subscribe(listener: (event: WorkerEvent) => void): () => void;
  /** Resolves when esbuild is ready. */
  readonly ready: Promise<void>;
  dispose(): void;
}

/** Options of {@link createWorkerHost}. */
export interface WorkerHostOptions {
  /** How long a run, or a compile's evaluation of module top-level code, may take (default 5 s). */
  timeoutMs?: number;
  /**
   * Keep a warmed-up spare worker for instant restarts (default true). It costs a second esbuild
   * instance; pages with many players (embeds) may prefer a cold restart (about 1 to 2 s).
   */
  spare?: boolean;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * The listeners, and the events waiting for them: while listeners run, a listener may call the host,
 * whose events then come after the ones being delivered, in order.
 */
function eventQueue() {
  const listeners = new Set<(event: WorkerEvent) => void>();
  const waiting: WorkerEvent[] = [];
  let delivering = false;
  return {
    listeners,
    push: (event: WorkerEvent) => waiting.push(event),
    deliver(): void {
      if (delivering) return;
      delivering = true;
      for (let event = waiting.shift(); event; event = waiting.shift())
        for (const listener of [...listeners]) {
          // One failing listener must not keep the others, or the host's own bookkeeping, from running.
          try {
            listener(event);
          } catch (e) {
            console.error('hamilton worker: a listener threw', e);
          }
        }
      delivering = false;
    },
    clear(): void {
      listeners.clear();
      waiting.length = 0;
    },
  };
}

/** The machine's timers: at most one of each name; an expiry is fed back to the machine. */
function timerSet(expired: (timer: TimerName) => void) {
  const timers = new Map<TimerName, ReturnType<typeof setTimeout>>();
  const clear = (timer: TimerName) => {
    clearTimeout(timers.get(timer));
    timers.delete(timer);
  };
  return {
    clear,
    arm(timer: TimerName, ms: number): void {
      clear(timer);
      timers.set(
        timer,
        setTimeout(() => {
          timers.delete(timer);
          expired(timer);
        }, ms),
      );
    },
  };
}

/**
 * A runner's reports, as the machine's inputs; its messages checked by the protocol's parsers. The
 * slices of a big graph (each checked as it arrives) are joined to their `compiled` event here.
 */
function runnerInputs(runner: number, dispatch: (input: HostInput) => void): RunnerEvents {
  const parts = graphJoiner();
  const event = (data: unknown) => {
    const message = parseWorkerMessage(data);
    return message?.type === 'compiled' ? parts.complete(message) : message;
  };
  return {
    message: (data) => {
      const part = parseWorkerPart(data);
      if (part) parts.add(part);
      else dispatch({ type: 'message', runner, message: parseWorkerNotice(data) ?? event(data) });
    },
    pong: () => dispatch({ type: 'pong', runner }),
    failed: (cause) => dispatch({ type: 'runner-failed', runner, cause }),
  };
}

/** Asking the worker for held output; the supervisor passes on only an answer of the request's own type. */
function heldQueries(
  askHeld: (ask: (id: number) => HeldRequest) => Promise<HeldAnswer['chunk']>,
): Pick<WorkerHost, 'textChunk' | 'consoleLines'> {
  return {
    textChunk: (cut, offset) =>
      askHeld((id) => ({ type: 'text-chunk', id, held: cut, from: offset })) as Promise<
        TextChunkEvent['chunk']
      >,
    consoleLines: (withheld, from) =>
      askHeld((id) => ({ type: 'console-lines', id, held: withheld, from })) as Promise<
        ConsoleLinesEvent['chunk']
      >,
  };
}

/**
 * Starts the worker at once (call it at page load, so esbuild warms up while the page renders).
 * `runners` is where runners come from: sandboxed frames in this page, or fakes in tests.
 */
export function createWorkerHost(
  options: WorkerHostOptions = {},
  runners: RunnerFactory = frameRunners(),
): WorkerHost {
  let state = initialHostState({
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    spare: options.spare ?? true,
  });
  const live = new Map<number, Runner>();
  const events = eventQueue();
  /** Held requests waiting for their answer; a restart answers them all (what was held went with the worker). */
  const held = new Map<number, (chunk: HeldAnswer['chunk']) => void>();
  let heldIds = 0;
  const answerHeld = (id: number, chunk: HeldAnswer['chunk']): void => {
    held.get(id)?.(chunk);
    held.delete(id);
  };
  const askHeld = (ask: (id: number) => HeldRequest) =>
    new Promise<HeldAnswer['chunk']>((resolve) => {
      const request = ask(++heldIds);
      held.set(request.id, resolve);
      dispatch({ type: 'held', request });
    });
  const timers = timerSet((timer) => dispatch({ type: 'expired', timer }));
  let resolveReady!: () => void;
  let rejectReady!: (e: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  runners.loaded.catch(rejectReady);

  const dispatch = (input: HostInput): void => {
    const step = supervise(state, input, performance.now());
    state = step.state;
    step.commands.forEach(perform);
    events.deliver();
  };

  const perform = (command: HostCommand): void => {
    switch (command.type) {
      case 'create-runner':
        live.set(command.runner, runners.create(command.first, runnerInputs(command.runner, dispatch)));
        return;
      case 'destroy-runner':
        live.get(command.runner)?.destroy();
        live.delete(command.runner);
        return;
      case 'post':
        live.get(command.runner)?.post(command.request);
        return;
      case 'ping':
        live.get(command.runner)?.ping();
        return;
      case 'arm':
        timers.arm(command.timer, command.ms);
        return;
      case 'clear':
        timers.clear(command.timer);
        return;
      case 'emit':
        if (command.event.type === 'text-chunk' || command.event.type === 'console-lines')
          return answerHeld(command.event.id, command.event.chunk);
        if (command.event.type === 'worker-restarted')
          for (const id of [...held.keys()]) answerHeld(id, null);
        events.push(command.event);
        return;
      case 'ready':
        resolveReady();
        return;
      case 'give-up':
        rejectReady(new Error(command.reason));
        return;
      case 'ignored':
        console.warn('hamilton worker: ignored a message that is not a protocol event');
    }
  };

  dispatch({ type: 'start' });

  /** Requests are numbered by the machine; the id is the one it is about to give. */
  const request = (input: HostInput): number => {
    const id = state.nextId;
    dispatch(input);
    return id;
  };

  return {
    compile: (files: readonly SourceFile[], config: Readonly<Record<string, Json>>) =>
      request({ type: 'compile', files, config }),
    run: (options: Omit<RunRequest, 'type' | 'id'>) => request({ type: 'run', request: options }),
    ...heldQueries(askHeld),
    stop: () => dispatch({ type: 'stop' }),
    subscribe(listener) {
      events.listeners.add(listener);
      return () => events.listeners.delete(listener);
    },
    ready,
    dispose() {
      dispatch({ type: 'dispose' });
      for (const id of [...held.keys()]) answerHeld(id, null);
      events.clear();
    },
  };
}
