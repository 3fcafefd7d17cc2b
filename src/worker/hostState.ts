/**
 * The host machine's state, inputs and commands (see hostMachine.ts), and the small steps every
 * transition is made of: collecting commands, numbering runners, arming the watchdog, scheduling the spare.
 */
import type {
  CompileRequest,
  EvaluatingNotice,
  Json,
  RunRequest,
  SourceFile,
  HeldRequest,
  WorkerEvent,
  WorkerRequest,
} from './protocol';
import type { FrameFailure } from './frame';

/** Why a runner was replaced without its worker having said anything (the frame's own reports). */
export type RunnerFailure = FrameFailure | 'tampered' | 'no-start';

/** The timers the machine arms; the shell keeps at most one of each. */
export type TimerName = 'watchdog' | 'heartbeat' | 'ping' | 'spare';

/** A runner as the machine sees it. */
export interface Runner {
  readonly id: number;
  /** Whether its esbuild is initialised, and how long that took (ms from the worker's start). */
  readonly ready: boolean;
  readonly initMs: number;
}

/** The run in progress, when it started, and its running nodes with when each started. */
export interface ActiveRun {
  readonly request: RunRequest;
  readonly since: number;
  readonly running: readonly (readonly [node: string, since: number])[];
  /** Already sent again once, after its runner was discarded under it. */
  readonly retried: boolean;
  /** Its user code started on the current runner (the runner's `evaluating` notice for it). */
  readonly started: boolean;
}

export interface HostState {
  readonly timeoutMs: number;
  readonly spareEnabled: boolean;
  /** `gave-up`: runners crashed {@link WATCH.maxCrashes} times in a row without one becoming ready. */
  readonly phase: 'running' | 'gave-up' | 'disposed';
  /** The id the next compile or run gets. */
  readonly nextId: number;
  readonly nextRunner: number;
  readonly active: Runner | null;
  readonly spare: Runner | null;
  readonly crashes: number;
  /** The newest compile asked for, and the newest whose modules evaluated without running away. */
  readonly last: CompileRequest | null;
  readonly lastSafe: CompileRequest | null;
  /** The newest compile not yet answered. */
  readonly pendingCompile: number | null;
  /** The request (compile or run) whose user code is running, from the worker's notices. */
  readonly evaluating: number | null;
  /** The compile already tried a second time after its top-level code ran past the limit. */
  readonly retried: number | null;
  readonly run: ActiveRun | null;
  /** Compiles whose answer the UI did not ask for (rebuilding the last safe project after a runaway). */
  readonly hidden: readonly number[];
  /** What the armed watchdog means when it fires: user code ran too long, or the worker went silent. */
  readonly watchdog: 'runaway' | 'silent' | null;
  /**
   * The watchdog fired and a ping went out: its answer decides. On user code (`runaway`), a frame that
   * answers means runaway code, one that does not a crash; on a request unanswered (`silent`), a frame
   * that answers is only slow (a loaded machine, a big project), one that does not is gone.
   */
  readonly suspect: 'runaway' | 'silent' | null;
  /** Loose deadlines passed in a row with the frame still answering (bounded by {@link WATCH.maxSilentWaits}). */
  readonly silentWaits: number;
  /** A ping is out to the active runner's frame. */
  readonly pinging: boolean;
  /** The heartbeat beats while user code runs; unanswered pings in a row. */
  readonly heartbeat: boolean;
  readonly missed: number;
  readonly spareDue: boolean;
  /** After a restart the next spare does not wait for the active runner to be idle. */
  readonly spareNow: boolean;
}

/** What the host feeds the machine. */
export type HostInput =
  | { readonly type: 'start' }
  | {
      readonly type: 'compile';
      readonly files: readonly SourceFile[];
      readonly config: Readonly<Record<string, Json>>;
    }
  | { readonly type: 'run'; readonly request: Omit<RunRequest, 'type' | 'id'> }
  /** Numbered by the shell, apart from compiles and runs (whose ids callers count on). */
  | { readonly type: 'held'; readonly request: HeldRequest }
  | { readonly type: 'stop' }
  | { readonly type: 'dispose' }
  /** A runner's message, checked by `parseWorkerNotice`/`parseWorkerMessage`; null when it was neither. */
  | {
      readonly type: 'message';
      readonly runner: number;
      readonly message: WorkerEvent | EvaluatingNotice | null;
    }
  | { readonly type: 'pong'; readonly runner: number }
  /** The runner's frame reported a failure, or its handshake discarded it. */
  | { readonly type: 'runner-failed'; readonly runner: number; readonly cause: RunnerFailure }
  | { readonly type: 'expired'; readonly timer: TimerName };

/** What the shell does. */
export type HostCommand =
  | { readonly type: 'create-runner'; readonly runner: number; readonly first: boolean }
  | { readonly type: 'destroy-runner'; readonly runner: number }
  | { readonly type: 'post'; readonly runner: number; readonly request: WorkerRequest }
  | { readonly type: 'ping'; readonly runner: number }
  | { readonly type: 'arm'; readonly timer: TimerName; readonly ms: number }
  | { readonly type: 'clear'; readonly timer: TimerName }
  | { readonly type: 'emit'; readonly event: WorkerEvent }
  /** esbuild is ready in the active runner: `host.ready` resolves. */
  | { readonly type: 'ready' }
  /** No runner could start: `host.ready` rejects. */
  | { readonly type: 'give-up'; readonly reason: string }
  /** A runner said something that is not a protocol event (logged, never shown). */
  | { readonly type: 'ignored' };

/** The host's watch over its runners: how long it waits, and how much it forgives. */
export const WATCH = {
  /** How long a live frame may take to answer a ping. */
  pingMs: 1000,
  /** How often the frame is pinged while user code runs, so that a dead one is noticed before the deadline. */
  heartbeatMs: 1000,
  /** Unanswered pings in a row that mean the frame's process died (one late answer on a loaded machine is no crash). */
  missedPings: 2,
  /** Crashes in a row, with no worker becoming ready in between, before the host gives up. */
  maxCrashes: 3,
  /** A compile unanswered for this many times the timeout has the host ask whether the frame still lives. */
  silenceFactor: 3,
  /** Loose deadlines a request may outlast while its frame answers, before the worker counts as gone. */
  maxSilentWaits: 3,
  /** How long the active worker must be idle before a spare starts (it competes for the CPU). */
  spareDelayMs: 1000,
} as const;

/** Nothing watched: no deadline armed, no ping out (a new host, and after a restart). */
export const UNWATCHED = {
  watchdog: null,
  suspect: null,
  silentWaits: 0,
  pinging: false,
  heartbeat: false,
  missed: 0,
} as const satisfies Partial<HostState>;

export function initialHostState(options: { timeoutMs: number; spare: boolean }): HostState {
  return {
    timeoutMs: options.timeoutMs,
    spareEnabled: options.spare,
    phase: 'running',
    nextId: 1,
    nextRunner: 1,
    active: null,
    spare: null,
    crashes: 0,
    last: null,
    lastSafe: null,
    pendingCompile: null,
    evaluating: null,
    retried: null,
    run: null,
    hidden: [],
    ...UNWATCHED,
    spareDue: false,
    spareNow: false,
  };
}

/** One step: the state so far and the commands collected (local to one call of {@link supervise}). */
export interface Step {
  s: HostState;
  readonly out: HostCommand[];
}

export function newRunner(step: Step, first: boolean): Runner {
  const runner: Runner = { id: step.s.nextRunner, ready: false, initMs: 0 };
  step.s = { ...step.s, nextRunner: runner.id + 1 };
  step.out.push({ type: 'create-runner', runner: runner.id, first });
  return runner;
}

export function post(step: Step, request: WorkerRequest): void {
  if (step.s.active) step.out.push({ type: 'post', runner: step.s.active.id, request });
}

export function arm(step: Step, timer: TimerName, ms: number): void {
  step.out.push({ type: 'arm', timer, ms });
}

export function clear(step: Step, timer: TimerName): void {
  step.out.push({ type: 'clear', timer });
}

export function emit(step: Step, event: WorkerEvent): void {
  step.out.push({ type: 'emit', event });
}

/**
 * The watchdog times user code only, from the worker's `evaluating` notices, against `timeoutMs`: a
 * compile's module code and graph building, a run's nodes; not bundling, nor waiting in the queue
 * behind another request. A compile or run still waiting for its answer gets a looser deadline: a
 * worker that answers nothing at all has died silently (its frame's process crashed). `fresh` restarts
 * the deadline; otherwise one already armed for user code keeps running.
 */
export function armWatchdog(step: Step, fresh: boolean): void {
  const { s } = step;
  const ready = s.active?.ready === true;
  const runaway = ready && s.evaluating !== null;
  const silent = ready && !runaway && (s.pendingCompile !== null || s.run !== null);
  const wanted = runaway ? 'runaway' : silent ? 'silent' : null;
  if (s.watchdog !== null && !fresh && s.watchdog === wanted) return;
  if (s.watchdog !== null) clear(step, 'watchdog');
  if (wanted === 'runaway') arm(step, 'watchdog', s.timeoutMs);
  else if (wanted === 'silent') arm(step, 'watchdog', WATCH.silenceFactor * s.timeoutMs);
  // Waiting on, or past, an answer that came starts the count of slow deadlines again.
  const silentWaits = wanted === 'silent' && s.watchdog === 'silent' ? s.silentWaits : 0;
  step.s = { ...step.s, watchdog: wanted, suspect: null, silentWaits };
}

/**
 * A spare starts after a second of idleness, so it does not compete with the user's compile or run
 * (after a restart, a second after the fresh runner is ready, idle or not).
 */
export function scheduleSpare(step: Step): void {
  const { s } = step;
  if (s.spare || !s.spareEnabled) return;
  arm(step, 'spare', WATCH.spareDelayMs);
  step.s = { ...s, spareDue: true };
}

/** Starts the spare now (when there is none and spares are wanted). */
export function startSpare(step: Step): void {
  if (step.s.spare || !step.s.spareEnabled) return;
  const spare = newRunner(step, false);
  step.s = { ...step.s, spare };
}
