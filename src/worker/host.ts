/**
 * The UI's side of the worker: a thin shell around the host machine (hostMachine.ts), which decides
 * everything (restarts, retries, the watchdog, the spare). This file feeds it the UI's requests, the
 * runners' messages (checked here by the protocol's parsers), pongs, failures and timer expiries, and
 * carries out its commands: runners (runner.ts: sandboxed frames), timers, and events to the listeners.
 *
 * Isolation (see README.md): the worker runs inside a sandboxed iframe (`allow-scripts` only, so its
 * origin is opaque) whose CSP forbids every connection.
 */
import type { RunRequest, SourceFile, Json, WorkerEvent } from './protocol';
import { parseWorkerMessage, parseWorkerNotice } from './validate';
import { supervise } from './hostMachine';
import { initialHostState, type HostCommand, type HostInput, type TimerName } from './hostState';
import { frameRunners, type Runner, type RunnerEvents, type RunnerFactory } from './runner';

/** The UI's handle on the compile-and-run worker. */
export interface WorkerHost {
  /** Ask for a compile; returns its id. Debounce is the caller's; a newer id makes older ones obsolete. */
  compile(files: readonly SourceFile[], config: Readonly<Record<string, Json>>): number;
  /** Start a run of the last compiled project; returns its id. */
  run(request: Omit<RunRequest, 'type' | 'id'>): number;
  /** Stop at once: terminate the worker, start a fresh one, recompile the last project. */
  stop(): void;
  /** Listen to validated worker events (and host events such as worker-restarted). */
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
  const listeners = new Set<(event: WorkerEvent) => void>();
  const live = new Map<number, Runner>();
  const timers = new Map<TimerName, ReturnType<typeof setTimeout>>();
  /** Events wait here while listeners run: a listener may call the host, whose events then come after. */
  const outbox: WorkerEvent[] = [];
  let delivering = false;
  let resolveReady!: () => void;
  let rejectReady!: (e: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  runners.loaded.catch(rejectReady);

  const deliver = (): void => {
    if (delivering) return;
    delivering = true;
    for (let event = outbox.shift(); event; event = outbox.shift())
      for (const listener of [...listeners]) {
        // One failing listener must not keep the others, or the host's own bookkeeping, from running.
        try {
          listener(event);
        } catch (e) {
          console.error('hamilton worker: a listener threw', e);
        }
      }
    delivering = false;
  };

  const dispatch = (input: HostInput): void => {
    const step = supervise(state, input, performance.now());
    state = step.state;
    step.commands.forEach(perform);
    deliver();
  };

  const perform = (command: HostCommand): void => {
    switch (command.type) {
      case 'create-runner': {
        const id = command.runner;
        const events: RunnerEvents = {
          message: (data: unknown) =>
            dispatch({
              type: 'message',
              runner: id,
              message: parseWorkerNotice(data) ?? parseWorkerMessage(data),
            }),
          pong: () => dispatch({ type: 'pong', runner: id }),
          failed: (cause) => dispatch({ type: 'runner-failed', runner: id, cause }),
        };
        live.set(id, runners.create(command.first, events));
        return;
      }
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
        clearTimeout(timers.get(command.timer));
        timers.set(
          command.timer,
          setTimeout(() => {
            timers.delete(command.timer);
            dispatch({ type: 'expired', timer: command.timer });
          }, command.ms),
        );
        return;
      case 'clear':
        clearTimeout(timers.get(command.timer));
        timers.delete(command.timer);
        return;
      case 'emit':
        outbox.push(command.event);
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
    stop: () => dispatch({ type: 'stop' }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    dispose() {
      dispatch({ type: 'dispose' });
      listeners.clear();
      outbox.length = 0;
    },
  };
}
