/**
 * The runtime worker's side of user code: it bundles each compile with esbuild, loads the bundle into a
 * fresh user-code worker (user.worker.ts), runs the project there, checks every message that worker
 * sends, and answers the page. User code never shares a realm with this code or the page's port, so
 * what it patches or posts cannot speak for the runtime.
 *
 * What is decided here, never by user code: which events reach the page (the page's own shape check,
 * then the request they belong to), when user code is running (the `evaluating` notices the host's
 * watchdog times: from the worker runtime's word that user code starts, which it gives before any runs,
 * to the answer's arrival), how long a run took, and whether a worker is idle: after each answer the worker
 * must answer a ping within {@link IDLE_MS}, else what user code left running (a timer, an interval, a
 * microtask loop, `self.close()`) is stopped with its worker and the answer is replaced by an error.
 */
import { failedCompile, failedRun, workerDiagnostic } from './answers';
import { SpareUserWorker } from './spareUserWorker';
import { bundle, type Bundle, type Esbuild } from './build';
import type {
  CompiledEvent,
  CompileRequest,
  ErrorInfo,
  EvaluatingNotice,
  RunFinishedEvent,
  RunRequest,
  HeldRequest,
  WorkerEvent,
  WorkerRequest,
} from './protocol';
import { isHeld, letGo } from './protocol';
import { parseFromUser, type ToUserWorker } from './userProtocol';
import { LiveCache } from './liveCache';
import { CONSOLE_HEAD, CONSOLE_TAIL, ConsoleBudget } from './consoleBudget';

/** A user-code worker as the supervisor sees it (a `Worker` in the browser, a fake in tests). */
export interface UserWorker {
  post(message: ToUserWorker): void;
  terminate(): void;
  /** Called with each message the worker posts, and when it fails (an error that escaped it). */
  onmessage: ((data: unknown) => void) | null;
  onerror: (() => void) | null;
}

/** What the supervisor needs from where it runs. */
export interface SupervisorEnv {
  readonly esbuild: Esbuild;
  post(event: WorkerEvent | EvaluatingNotice, transfer?: Transferable[]): void;
  spawn(): UserWorker;
  now(): number;
}

/** How long a worker may take to answer a ping once it answered a request (it should be idle). */
export const IDLE_MS = 1000;
/** How often the current worker is pinged between requests, so code left running is stopped. */
export const HEARTBEAT_MS = 1000;

/** How an exchange with a user-code worker ended. */
type Outcome =
  | { readonly kind: 'answered'; readonly event: WorkerEvent; readonly transfer: Transferable[] }
  /** It answered, then stayed busy (or closed itself). */
  | { readonly kind: 'busy' }
  /** It failed (an error escaped it) before answering. */
  | { readonly kind: 'failed' }
  /** A newer compile made it obsolete. */
  | { readonly kind: 'abandoned' };

/** The request out to a worker, and what its answer must be. */
interface Exchange {
  readonly worker: UserWorker;
  readonly answer: 'compiled' | 'run-finished';
  readonly id: number;
  /** Module output while drawing a graph is shown; a hidden reload's is not. */
  readonly quiet: boolean;
  readonly console: ConsoleBudget;
  answered: { event: WorkerEvent; transfer: Transferable[] } | null;
  pingSeq: number;
  /** Starts user code's time (the host's watchdog), when the worker says its user code starts. */
  startTime(): void;
  /** Ends user code's time, once: when its answer arrives, or when it settles. */
  endTime(): void;
  settle(outcome: Outcome): void;
}

/** The project whose worker answers runs. */
interface Loaded {
  worker: UserWorker | null;
  readonly request: CompileRequest;
  readonly bundled: Bundle;
  readonly bundleMs: number;
  /** The graph's node names: whose cached results a run of this project may read. */
  readonly nodes: ReadonlySet<string>;
  /** Whether {@link worker} has received the cached results (on its first run). */
  seeded: boolean;
}

const NOT_COMPILED: ErrorInfo = {
  name: 'Error',
  message: 'The project does not compile: fix the errors shown in the editor, then run again.',
};

const SUPERSEDED: ErrorInfo = { name: 'AbortError', message: 'A newer edit superseded this live run.' };

/** Receives the page's requests in the runtime worker; see the file comment. */
export class Supervisor {
  private queue: Promise<void> = Promise.resolve();
  private latestCompile = 0;
  private loaded: Loaded | null = null;
  private readonly spares: SpareUserWorker;
  /** Requests received and not yet finished. */
  private pending = 0;
  private exchange: Exchange | null = null;
  private seq = 0;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** The ping out to the idle current worker, if any. */
  private idlePing: number | null = null;
  /** Console of the current worker between requests (timers of a finished run). */
  private idleConsole: ConsoleBudget;
  /** Live mode: the workspace's cache, kept across the user-code workers of its compiles. */
  readonly cache = new LiveCache();
  /** The last run's request: a new version's worker tells from it what the edit made stale. */
  private lastRun: RunRequest | undefined;
  /** The id of the live run in progress, which a newer compile cancels. */
  private liveRun: number | null = null;
  /** Held requests out to the current worker: answered by it, or as let go when it goes. */
  private readonly held = new Map<number, HeldRequest>();

  constructor(private readonly env: SupervisorEnv) {
    this.idleConsole = this.budget();
    this.spares = new SpareUserWorker(env, () => this.pending > 0);
  }

  /**
   * The backstop for what the user-code worker sends (it bounds its own output the same way, with its
   * count line): room for all of that, so that only a flood it did not bound is cut here.
   */
  private budget(): ConsoleBudget {
    return new ConsoleBudget((e) => this.env.post(e), CONSOLE_HEAD + CONSOLE_TAIL + 1);
  }

  /** Queues a request from the page; a compile makes the evaluation of an older one obsolete at once. */
  receive(request: WorkerRequest): Promise<void> {
    // Not queued: the worker that ran the latest request answers from what it holds, between requests.
    if (isHeld(request)) {
      this.askHeld(request);
      return this.queue;
    }
    this.spares.postpone();
    this.pending++;
    if (request.type === 'compile') {
      this.latestCompile = Math.max(this.latestCompile, request.id);
      const answer = this.exchange?.answer;
      // A newer version supersedes a compile in progress, and a live run of an older one.
      if (answer === 'compiled' || (answer === 'run-finished' && this.exchange?.id === this.liveRun))
        this.exchange?.settle({ kind: 'abandoned' });
    }
    const next = this.queue.then(() =>
      request.type === 'compile' ? this.compile(request) : this.run(request),
    );
    this.queue = next
      .catch((e: unknown) => console.error('hamilton runtime: internal error', e))
      .then(() => {
        if (--this.pending === 0) this.spares.warmWhenIdle();
      });
    return this.queue;
  }

  private askHeld(request: HeldRequest): void {
    const worker = this.loaded?.worker;
    if (!worker) return this.env.post(letGo(request));
    this.held.set(request.id, request);
    worker.post({ kind: 'held', request });
  }

  private notice(id: number, done: boolean): void {
    this.env.post({ type: 'evaluating', id, done });
  }

  private async compile(request: CompileRequest): Promise<void> {
    if (request.id !== this.latestCompile) return;
    const t = this.env.now();
    const bundled = await bundle(this.env.esbuild, request.files);
    const bundleMs = this.env.now() - t;
    if (request.id !== this.latestCompile) return;
    const timings = { bundle: bundleMs, analyse: bundled.timings.analyse, esbuild: bundled.timings.bundle };
    if (bundled.code === undefined || bundled.diagnostics.some((d) => d.severity === 'error')) {
      this.unload();
      this.env.post(failedCompile(request.id, bundled.diagnostics, timings));
      return;
    }
    const worker = this.spares.take();
    const asked = this.ask(worker, this.evaluateMessage(request, bundled, bundleMs), false);
    // The previous version's worker is stopped once the new one has its project: stopping a thread
    // takes the runtime a millisecond or two, which the edit need not wait for.
    this.unload();
    const outcome = await asked;
    if (outcome.kind === 'abandoned') {
      worker.terminate();
      return;
    }
    const graph = outcome.kind === 'answered' ? (outcome.event as CompiledEvent).graph : null;
    if (outcome.kind === 'answered' && graph) {
      const nodes = new Set(graph.nodes.map((n) => n.name));
      this.loaded = { worker, request, bundled, bundleMs, nodes, seeded: false };
      this.env.post(outcome.event, outcome.transfer);
    } else {
      worker.terminate();
      this.env.post(
        outcome.kind === 'answered'
          ? outcome.event
          : failedCompile(request.id, [...bundled.diagnostics, workerDiagnostic(outcome.kind)], timings),
      );
    }
    this.startHeartbeat();
  }

  private async run(request: RunRequest): Promise<void> {
    const start = this.env.now();
    const finish = (error: ErrorInfo) => this.env.post(failedRun(request.id, this.env.now() - start, error));
    const loaded = this.loaded;
    const outdated = !loaded || loaded.request.id !== this.latestCompile;
    if (request.live && outdated) return finish(SUPERSEDED);
    if (!loaded || outdated) return finish(NOT_COMPILED);
    // A worker stopped for what a previous run left running is replaced, its project loaded again.
    if (!loaded.worker && !(await this.reload(loaded))) return finish(NOT_COMPILED);
    // The runtime's cached results of this graph go to the worker once, with its first run.
    const results = loaded.seeded ? undefined : this.cache.resultsOf(loaded.nodes);
    loaded.seeded = true;
    this.lastRun = request;
    this.liveRun = request.live ? request.id : null;
    const outcome = await this.ask(
      loaded.worker!,
      { kind: 'run', request, ...(results && { results }) },
      false,
    );
    this.liveRun = null;
    if (outcome.kind === 'answered') {
      const event = outcome.event as RunFinishedEvent;
      // The duration is measured here: user code can post, not time its run.
      this.env.post({ ...event, durationMs: this.env.now() - start }, outcome.transfer);
      return;
    }
    // A cancelled live run's worker is still busy with it: it goes, and what the run computed with it.
    this.dropWorker(loaded);
    if (outcome.kind === 'abandoned') return finish(SUPERSEDED);
    finish({
      name: outcome.kind === 'busy' ? 'TimeoutError' : 'Error',
      message:
        outcome.kind === 'busy'
          ? 'The run ended but code it started kept running (a timer, an interval, a loop or self.close()): it was stopped.'
          : 'The code runner failed during the run; it was replaced.',
    });
  }

  /** Loads the current project into a fresh worker, its output hidden (it was shown when it compiled). */
  private async reload(loaded: Loaded): Promise<boolean> {
    const worker = this.spares.take();
    const { request, bundled, bundleMs } = loaded;
    const outcome = await this.ask(worker, this.evaluateMessage(request, bundled, bundleMs), true);
    if (outcome.kind === 'answered' && (outcome.event as CompiledEvent).graph && this.loaded === loaded) {
      loaded.worker = worker;
      loaded.seeded = false;
      return true;
    }
    worker.terminate();
    return false;
  }

  /** What loads a project into a worker: the bundle, and the cache's index with the last run's request. */
  private evaluateMessage(request: CompileRequest, bundled: Bundle, bundleMs: number): ToUserWorker {
    const lastRun = this.lastRun;
    return {
      kind: 'evaluate',
      request,
      bundle: bundled,
      bundleMs,
      cache: this.cache.index(),
      ...(lastRun && { lastRun }),
    };
  }

  /** Sends a request and waits for its answer, then for the worker to prove it is idle. */
  private ask(worker: UserWorker, message: ToUserWorker, quiet: boolean): Promise<Outcome> {
    this.stopIdlePing();
    return new Promise<Outcome>((resolve) => {
      const answer = message.kind === 'evaluate' ? 'compiled' : 'run-finished';
      let idleTimer: ReturnType<typeof setTimeout> | undefined;
      let timing: 'before' | 'timing' | 'after' = 'before';
      const exchange: Exchange = {
        worker,
        answer,
        id: 'request' in message ? message.request.id : -1,
        quiet,
        console: this.budget(),
        answered: null,
        pingSeq: -1,
        startTime: () => {
          if (timing !== 'before') return;
          timing = 'timing';
          this.notice(exchange.id, false);
        },
        endTime: () => {
          if (timing === 'timing') this.notice(exchange.id, true);
          timing = 'after';
        },
        settle: (outcome) => {
          if (this.exchange !== exchange) return;
          clearTimeout(idleTimer);
          this.exchange = null;
          exchange.endTime();
          if (!quiet) exchange.console.flush();
          resolve(outcome);
        },
      };
      this.exchange = exchange;
      worker.onmessage = (data) =>
        this.fromUser(worker, data, (answered) => {
          exchange.answered = answered;
          exchange.pingSeq = ++this.seq;
          worker.post({ kind: 'ping', seq: exchange.pingSeq });
          idleTimer = setTimeout(() => exchange.settle({ kind: 'busy' }), IDLE_MS);
        });
      worker.onerror = () => exchange.settle({ kind: 'failed' });
      worker.post(message);
    });
  }

  /** A message from a user-code worker: a pong, or an event checked and matched to the request out. */
  private fromUser(
    worker: UserWorker,
    data: unknown,
    onAnswer: (answered: { event: WorkerEvent; transfer: Transferable[] }) => void,
  ): void {
    const exchange = this.exchange?.worker === worker ? this.exchange : null;
    // User code's time ends when its answer arrives: checking a 20,000-node graph here, and the idle
    // check after it, are not its time. (The answer's own check still decides whether it counts.)
    if (exchange && (data as { type?: unknown } | null)?.type === exchange.answer) exchange.endTime();
    const event = parseFromUser(data);
    if (!event) return;
    if ('type' in event && event.type === 'evaluating') {
      if (exchange && event.id === exchange.id && !event.done) exchange.startTime();
      return;
    }
    if ('kind' in event) {
      if (event.kind === 'cache-news') {
        // What a run added, sent just before its answer: kept only from the run in progress.
        if (exchange?.answer === 'run-finished' && !exchange.answered) this.cache.add(event);
      } else if (exchange?.answered && event.seq === exchange.pingSeq)
        exchange.settle({ kind: 'answered', ...exchange.answered });
      else if (!exchange && event.seq === this.idlePing) this.idlePing = null;
      return;
    }
    if (event.type === 'text-chunk' || event.type === 'console-lines') {
      if (worker === this.loaded?.worker && this.held.get(event.id)?.type === event.type) {
        this.held.delete(event.id);
        this.env.post(event);
      }
      return;
    }
    if (!exchange) {
      // Between requests only console output is expected (timers of a finished run).
      if (event.type === 'console' && worker === this.loaded?.worker)
        this.idleConsole.add({ ...event, runId: null });
      return;
    }
    if (exchange.answered) return;
    const runId = exchange.answer === 'run-finished' ? exchange.id : null;
    switch (event.type) {
      case 'console':
        if (!exchange.quiet) exchange.console.add({ ...event, runId });
        return;
      case 'compiled':
        if (exchange.answer === 'compiled' && event.id === exchange.id)
          onAnswer({ event, transfer: transfersOf(event) });
        return;
      case 'run-finished':
        if (event.runId === runId) onAnswer({ event, transfer: transfersOf(event) });
        return;
      case 'node-started':
      case 'node-finished':
      case 'node-failed':
        if (event.runId === runId) this.env.post(event, transfersOf(event));
        return;
      default:
        // `ready` and `worker-restarted` are the runtime's and the host's to say.
        return;
    }
  }

  /** Starts the next compile's worker while nothing runs, so it is ready when the user types. */
  prepareSpare(): void {
    this.spares.prepare();
  }

  private unload(): void {
    if (this.loaded) this.dropWorker(this.loaded);
    this.loaded = null;
  }

  private dropWorker(loaded: Loaded): void {
    loaded.worker?.terminate();
    loaded.worker = null;
    // What it held goes with it.
    for (const request of this.held.values()) this.env.post(letGo(request));
    this.held.clear();
    this.stopIdlePing();
  }

  private stopIdlePing(): void {
    this.idlePing = null;
  }

  /**
   * Between requests the current worker is pinged: one that does not answer by the next beat is busy
   * with code a run or the modules left running, and is stopped (the next run loads the project again).
   */
  private startHeartbeat(): void {
    this.heartbeat ??= setInterval(() => {
      const loaded = this.loaded;
      if (this.exchange || !loaded?.worker) return;
      if (this.idlePing !== null) {
        this.idleConsole.flush();
        this.dropWorker(loaded);
        this.env.post({
          type: 'console',
          runId: null,
          level: 'error',
          node: null,
          text: 'Code left running after the last run or module load (a timer, an interval or a loop) kept the runner busy: it was stopped.',
        });
        return;
      }
      this.idleConsole.flush();
      this.idlePing = ++this.seq;
      loaded.worker.post({ kind: 'ping', seq: this.idlePing });
    }, HEARTBEAT_MS);
  }
}

/** The typed arrays' buffers of an event's previews, passed on without a copy. */
function transfersOf(event: WorkerEvent): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  if (event.type === 'node-finished' || event.type === 'run-finished') visit(event);
  return [...buffers];
}
