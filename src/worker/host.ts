/**
 * The UI's side of the worker: starts the isolated worker, sends it requests, checks every message it
 * sends back, and replaces it when user code runs away, is stopped, or crashes.
 *
 * Isolation (see README.md): the worker runs inside a sandboxed iframe (`allow-scripts` only, so its
 * origin is opaque) whose CSP forbids every connection. An opaque-origin document can neither load our
 * same-origin scripts nor `new Worker(sameOriginUrl)`, so this page fetches the built worker script
 * and esbuild's wasm bytes and posts them in; the frame starts the worker from a `blob:` URL (which
 * inherits the frame's origin and CSP) and hands it a private MessagePort to this page.
 */
import wasmUrl from 'esbuild-wasm/esbuild.wasm?url';
import workerUrl from './runtime.worker.ts?worker&url';
import userWorkerUrl from './user.worker.ts?worker&url';
import type {
  CompiledEvent,
  CompileRequest,
  Json,
  RunRequest,
  SourceFile,
  WorkerEvent,
  WorkerRequest,
} from './protocol';
import { parseWorkerMessage, parseWorkerNotice } from './validate';
import { FRAME_CSP, RUNNER_PAGE, type FrameFailure, type FrameMessage, type PageToFrame } from './frame';
import { frameKey, handshake, initialHandshake, type HandshakeInput, type HandshakeState } from './handshake';

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
 * What every worker starts from, fetched once from our own build. The first worker compiles the wasm
 * while it downloads (a transferred stream); later ones (spares, restarts) get a copy of the bytes.
 */
interface Payload {
  readonly script: Promise<string>;
  /** The user-code worker's script: the runtime worker starts one per compile. */
  readonly userScript: Promise<string>;
  readonly stream: Promise<ReadableStream<Uint8Array> | null>;
  readonly wasm: Promise<ArrayBuffer>;
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response;
}

function loadPayload(): Payload {
  const download = fetchOk(wasmUrl).then((response) => {
    if (!response.body) return { stream: null, bytes: response.arrayBuffer() };
    const [stream, copy] = response.body.tee();
    return { stream, bytes: new Response(copy).arrayBuffer() };
  });
  return {
    script: fetchOk(workerUrl).then((r) => r.text()),
    userScript: fetchOk(userWorkerUrl).then((r) => r.text()),
    stream: download.then((d) => d.stream),
    wasm: download.then((d) => d.bytes),
  };
}

/** The runner's document (generated at build time, see frame.ts), under the app's base. */
const runnerUrl = new URL(`${import.meta.env.BASE_URL}${RUNNER_PAGE}`, location.href).href;

/** Why a runner was replaced without its worker having said anything (the frame's own reports). */
export type RunnerFailure = FrameFailure | 'tampered' | 'no-start';

/**
 * One isolated worker: a sandboxed frame and the worker inside it. A restart replaces the whole frame,
 * which also recovers from the frame's process dying (a worker out of memory can take it down).
 */
class IsolatedWorker {
  /** Whether esbuild is initialised in it, and how long that took (ms from the worker's start). */
  ready = false;
  initMs = 0;
  private readonly frame: HTMLIFrameElement;
  private readonly channel = new MessageChannel();
  private readonly key = frameKey();
  private handshake: HandshakeState = initialHandshake;
  /** The frame's end of its channel, once it proved it is our document. */
  private control: MessagePort | null = null;
  private readonly onWindowMessage: (e: MessageEvent) => void;
  private onPong: (() => void) | null = null;
  private ping: Promise<boolean> | null = null;
  private readonly helloTimer: ReturnType<typeof setTimeout>;
  private readonly startTimer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly payload: Payload,
    private readonly first: boolean,
    onMessage: (from: IsolatedWorker, data: unknown) => void,
    private readonly onFailure: (from: IsolatedWorker, cause: RunnerFailure) => void,
  ) {
    this.frame = document.createElement('iframe');
    this.frame.setAttribute('sandbox', 'allow-scripts');
    // CSP embedded enforcement: the policy binds any document the frame is navigated to, not only ours.
    this.frame.setAttribute('csp', FRAME_CSP);
    this.frame.setAttribute('aria-hidden', 'true');
    this.frame.tabIndex = -1;
    this.frame.title = 'code runner';
    this.frame.style.display = 'none';
    this.frame.src = `${runnerUrl}#${this.key}`;
    this.channel.port1.onmessage = (e) => onMessage(this, e.data);
    this.onWindowMessage = (e) => {
      if (e.source !== this.frame.contentWindow) return;
      this.observe({ type: 'message', data: e.data, ports: e.ports.length }, e.ports[0]);
    };
    window.addEventListener('message', this.onWindowMessage);
    this.frame.addEventListener('load', () => this.observe({ type: 'load' }));
    this.helloTimer = setTimeout(() => this.observe({ type: 'deadline' }), HELLO_MS);
    // A frame that said hello but whose document went away before its worker was up (a navigation the
    // embedding page's CSP refused leaves an error page, not always a load event) would wait forever.
    this.startTimer = setTimeout(() => {
      if (!this.ready) this.onFailure(this, 'no-start');
    }, START_MS);
    document.body.appendChild(this.frame);
  }

  private observe(input: HandshakeInput, port?: MessagePort): void {
    const { state, command } = handshake(this.handshake, input, this.key);
    this.handshake = state;
    if (command === 'connect' && port) this.connect(port);
    else if (command === 'discard') this.onFailure(this, 'tampered');
  }

  /** The frame proved it is ours: from now on it is spoken to only through its channel. */
  private connect(control: MessagePort): void {
    clearTimeout(this.helloTimer);
    this.control = control;
    control.onmessage = (e: MessageEvent) => {
      const data = e.data as FrameMessage | null;
      if (data?.kind === 'pong') this.onPong?.();
      else if (data?.kind === 'crash') this.onFailure(this, data.cause);
    };
    const { payload } = this;
    // Each part goes as soon as it is here: the worker evaluates its script while the wasm downloads.
    void Promise.all([payload.script, payload.userScript]).then(([script, userScript]) =>
      this.send({ kind: 'script', script, userScript }),
    );
    const port = this.channel.port2;
    void (this.first ? payload.stream : Promise.resolve(null)).then(async (stream) => {
      if (stream) this.send({ kind: 'wasm', wasm: stream, port }, [stream, port]);
      // Copied, not transferred: every restart needs the bytes again.
      else this.send({ kind: 'wasm', wasm: await payload.wasm, port }, [port]);
    });
  }

  post(request: WorkerRequest): void {
    this.channel.port1.postMessage(request);
  }

  /**
   * Whether the frame's process still lives: the frame answers on its own thread even while user code
   * keeps the worker busy, but not after the process died (a worker out of memory takes it down).
   */
  alive(): Promise<boolean> {
    // Callers asking while a ping is out share its answer.
    this.ping ??= new Promise((resolve) => {
      const timer = setTimeout(() => answer(false), PING_MS);
      const answer = (alive: boolean) => {
        clearTimeout(timer);
        this.onPong = null;
        this.ping = null;
        resolve(alive);
      };
      this.onPong = () => answer(true);
      this.send({ kind: 'ping' });
    });
    return this.ping;
  }

  private send(message: PageToFrame, transfer: Transferable[] = []): void {
    this.control?.postMessage(message, transfer);
  }

  destroy(): void {
    clearTimeout(this.helloTimer);
    clearTimeout(this.startTimer);
    window.removeEventListener('message', this.onWindowMessage);
    this.handshake = { phase: 'discarded' };
    this.channel.port1.onmessage = null;
    this.channel.port1.close();
    if (this.control) {
      this.control.onmessage = null;
      this.control.close();
    }
    this.frame.remove();
  }
}

/** What the banner says for each way a runner fails on its own (never text from the frame). */
const FAILURES: Readonly<Record<RunnerFailure, string>> = {
  'worker-failed': 'the worker failed',
  'unreadable-message': 'a message could not be read',
  'wasm-failed': 'esbuild could not be compiled',
  tampered: 'its frame was navigated away or answered without its key',
  'no-start': 'it did not start in time',
};

/** How long a new runner frame may take to load and say hello (generous: a loaded machine is slow). */
const HELLO_MS = 8000;
/** How long a new runner may take to have esbuild ready (a cold start on a loaded machine takes seconds). */
const START_MS = 30_000;
/** How long a live frame may take to answer a ping. */
const PING_MS = 1000;
/** How often the frame is pinged while user code runs, so that a dead one is noticed before the deadline. */
const HEARTBEAT_MS = 1000;
/** Crashes in a row, with no worker becoming ready in between, before the host gives up. */
const MAX_CRASHES = 3;
/** A compile unanswered for this many times the timeout means the worker is gone. */
const SILENCE_FACTOR = 3;
/** How long the active worker must be idle before a spare starts (it competes for the CPU). */
const SPARE_DELAY_MS = 1000;

/**
 * Starts the worker at once (call it at page load, so esbuild warms up while the page renders).
 *
 * Runaway code, Stop and crashes replace the worker with a spare one, started and warmed up in the
 * background, so the graph is back within a few tens of milliseconds rather than a cold start.
 */
export function createWorkerHost(options: WorkerHostOptions = {}): WorkerHost {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const listeners = new Set<(event: WorkerEvent) => void>();
  let spare: IsolatedWorker | null = null;
  let spareTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let nextId = 1;
  let crashes = 0;
  /** The newest compile asked for, and the newest whose modules evaluated without running away. */
  let last: CompileRequest | null = null;
  let lastSafe: CompileRequest | null = null;
  /** The newest answer with a graph that is not stale: shown, stale, while the project does not compile. */
  let lastGood: CompiledEvent | null = null;
  /** The newest compile not yet answered, and the request (compile or run) whose user code is running. */
  let pendingCompile: number | null = null;
  let evaluating: number | null = null;
  /** The compile already tried a second time after its top-level code ran past the limit. */
  let retried: number | null = null;
  /** The run in progress, when it started, and its running nodes with when each started (for durations after a stop). */
  let activeRun: { id: number; since: number; running: Map<string, number> } | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Compiles whose answer the UI did not ask for (rebuilding the last safe project after a runaway). */
  const hidden = new Set<number>();

  let resolveReady!: () => void;
  let rejectReady!: (e: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  const emit = (event: WorkerEvent): void => {
    for (const listener of [...listeners]) {
      // One failing listener must not keep the others, or the host's own bookkeeping, from running.
      try {
        listener(event);
      } catch (e) {
        console.error('hamilton worker: a listener threw', e);
      }
    }
  };

  /**
   * The watchdog times user code only, from the worker's `evaluating` notices, against `timeoutMs`:
   * a compile's module code and graph building, a run's nodes; not bundling, nor waiting in the queue
   * behind another request. A compile or run still waiting for its answer gets a looser deadline: a
   * worker that answers nothing at all has died silently (its frame's process crashed).
   */
  const armWatchdog = (fresh: boolean): void => {
    const ready = active?.ready === true;
    const runaway = ready && evaluating !== null;
    const silent = ready && !runaway && (pendingCompile !== null || activeRun !== null);
    if (watchdog !== undefined && (fresh || (!runaway && !silent))) {
      clearTimeout(watchdog);
      watchdog = undefined;
    }
    if (watchdog !== undefined) return;
    if (runaway) watchdog = setTimeout(() => void timedOut(), timeoutMs);
    else if (silent)
      watchdog = setTimeout(() => restart('crashed', 'it stopped answering'), SILENCE_FACTOR * timeoutMs);
  };

  /**
   * While user code runs, the frame is pinged every second: a worker out of memory takes its frame's
   * process down, and that is then noticed within about three seconds rather than at the deadline.
   */
  const updateHeartbeat = (): void => {
    if (evaluating === null) {
      clearInterval(heartbeat);
      heartbeat = undefined;
      return;
    }
    if (heartbeat !== undefined) return;
    // Two unanswered pings in a row: one late answer on a loaded machine is no crash.
    let missed = 0;
    heartbeat = setInterval(() => {
      const worker = active;
      void worker?.alive().then((alive) => {
        missed = alive ? 0 : missed + 1;
        if (missed >= 2 && worker === active && evaluating !== null)
          restart('crashed', 'it stopped answering, probably out of memory');
      });
    }, HEARTBEAT_MS);
  };

  /** User code ran past the limit, or its worker died in silence: a frame that does not answer is gone. */
  const timedOut = async (): Promise<void> => {
    const worker = active;
    const timer = watchdog;
    const alive = (await worker?.alive()) ?? false;
    // Meanwhile the user code finished (the watchdog was re-armed), or a restart already happened.
    if (worker !== active || timer !== watchdog) return;
    if (alive) restart('timeout');
    else restart('crashed', 'it stopped answering, probably out of memory');
  };

  const scheduleSpare = (): void => {
    clearTimeout(spareTimer);
    if (spare || disposed || options.spare === false) return;
    spareTimer = setTimeout(() => {
      if (pendingCompile !== null || activeRun !== null) scheduleSpare();
      else if (!spare && !disposed) spare = new IsolatedWorker(payload, false, onMessage, onCrash);
    }, SPARE_DELAY_MS);
  };

  const onEvent = (event: WorkerEvent): void => {
    switch (event.type) {
      case 'ready':
        crashes = 0;
        resolveReady();
        armWatchdog(true);
        scheduleSpare();
        break;
      case 'compiled':
        if (hidden.delete(event.id)) return;
        if (pendingCompile !== null && event.id >= pendingCompile) pendingCompile = null;
        if (last && event.id === last.id) lastSafe = last;
        armWatchdog(true);
        scheduleSpare();
        if (event.graph && !event.stale) lastGood = event;
        else if (!event.graph && lastGood) {
          emit({
            ...event,
            graph: lastGood.graph,
            variables: lastGood.variables,
            configKeys: lastGood.configKeys,
            stale: true,
          });
          return;
        }
        break;
      case 'node-started':
        if (activeRun?.id === event.runId) activeRun.running.set(event.node, performance.now());
        break;
      case 'node-finished':
      case 'node-failed':
        if (activeRun?.id === event.runId) activeRun.running.delete(event.node);
        break;
      case 'run-finished':
        if (activeRun?.id === event.runId) {
          activeRun = null;
          armWatchdog(true);
          scheduleSpare();
        }
        break;
    }
    emit(event);
  };

  function onMessage(from: IsolatedWorker, data: unknown): void {
    const notice = parseWorkerNotice(data);
    const event = notice ? null : parseWorkerMessage(data);
    if (event?.type === 'ready') {
      from.ready = true;
      from.initMs = event.initMs;
    }
    // A spare speaks only to say it is ready; its warm-up output is nobody's business.
    if (from !== active) return;
    if (notice) {
      evaluating = notice.done ? null : notice.id;
      armWatchdog(true);
      updateHeartbeat();
      return;
    }
    // The worker never speaks for the host: a restart notice from that side is forged.
    if (!event || event.type === 'worker-restarted') {
      console.warn('hamilton worker: ignored a message that is not a protocol event');
      return;
    }
    onEvent(event);
  }

  function onCrash(from: IsolatedWorker, cause: RunnerFailure): void {
    if (from === spare) {
      spare.destroy();
      spare = null;
      scheduleSpare();
    } else if (from === active) {
      // A runner that was tampered with did not fail to start: that does not count towards giving up
      // (the page that framed us may stop; the next runner then works).
      restart('crashed', FAILURES[cause], cause !== 'tampered');
    }
  }

  function restart(reason: 'timeout' | 'stopped' | 'crashed', detail?: string, countCrash = true): void {
    if (disposed) return;
    clearTimeout(watchdog);
    watchdog = undefined;
    const run = activeRun;
    const node = run ? ([...run.running.keys()].at(-1) ?? null) : null;
    const runaway = evaluating;
    const compiling = runaway !== null && runaway !== run?.id;
    const wasReady = active?.ready === true;
    active?.destroy();
    activeRun = null;
    pendingCompile = null;
    evaluating = null;
    updateHeartbeat();
    const seconds = `${(timeoutMs / 1000).toLocaleString('en')} s`;
    const what = compiling ? 'module top-level code' : node ? `node ${node}` : 'the run';
    const message =
      reason === 'timeout'
        ? `Stopped ${what}: it ran longer than ${seconds}.`
        : reason === 'stopped'
          ? `Stopped ${what}.`
          : `The worker crashed${detail ? ` (${detail})` : ''}; it was restarted.`;
    if (run) {
      const error = {
        name: reason === 'timeout' ? 'TimeoutError' : reason === 'stopped' ? 'AbortError' : 'WorkerCrashed',
        message,
      };
      const now = performance.now();
      for (const [n, started] of run.running)
        emit({ type: 'node-failed', runId: run.id, node: n, durationMs: now - started, error });
      emit({
        type: 'run-finished',
        runId: run.id,
        ok: false,
        durationMs: now - run.since,
        results: {},
        skipped: [],
        validations: [],
        error,
        diagnostics: [],
      });
    }
    emit({ type: 'worker-restarted', reason, node, message });

    if (reason === 'crashed' && !wasReady && countCrash && ++crashes >= MAX_CRASHES) {
      active = null;
      rejectReady(new Error(`the worker could not start: ${detail ?? 'it crashed'}`));
      return;
    }
    active = spare ?? new IsolatedWorker(payload, false, onMessage, onCrash);
    spare = null;
    // A spare that is already up said so only to the host: the UI hears it now.
    if (active.ready) emit({ type: 'ready', initMs: active.initMs });
    if (compiling && last && runaway === last.id) {
      // Evaluating this project's modules is what ran away: show the last good graph as stale.
      emit({
        type: 'compiled',
        id: last.id,
        graph: lastGood?.graph ?? null,
        variables: lastGood?.variables ?? [],
        configKeys: lastGood?.configKeys ?? [],
        stale: lastGood !== null,
        diagnostics: [{ severity: 'error', source: 'worker', message }],
        timings: {},
      });
      if (reason === 'timeout' && retried !== last.id) {
        // A busy machine can stretch fine top-level code past the limit: this version gets one more
        // try on the fresh worker, whose answer (same id) replaces the stale one if it evaluates.
        retried = last.id;
        pendingCompile = last.id;
        active.post(last);
      } else {
        // Rebuild the last project that evaluated safely, so the fresh worker matches what is drawn.
        if (lastSafe) {
          hidden.add(lastSafe.id);
          active.post(lastSafe);
        }
        last = lastSafe;
      }
    } else if (last) {
      // Also when an older compile ran away while this one waited behind it: it gets its own time.
      pendingCompile = last.id;
      active.post(last);
    }
    armWatchdog(true);
  }

  const payload = loadPayload();
  Promise.all([payload.script, payload.userScript, payload.wasm]).catch((e: unknown) => rejectReady(e));
  let active: IsolatedWorker | null = new IsolatedWorker(payload, true, onMessage, onCrash);
  const send = (request: WorkerRequest): void => active?.post(request);

  return {
    compile(files, config) {
      const request: CompileRequest = { type: 'compile', id: nextId++, files, config };
      last = request;
      pendingCompile = request.id;
      send(request);
      armWatchdog(false);
      return request.id;
    },
    run(options) {
      const request: RunRequest = { type: 'run', id: nextId++, ...options };
      activeRun = { id: request.id, since: performance.now(), running: new Map() };
      send(request);
      // Not fresh: a compile's user code already running keeps its deadline.
      armWatchdog(false);
      return request.id;
    },
    stop() {
      restart('stopped');
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    dispose() {
      disposed = true;
      clearTimeout(watchdog);
      clearInterval(heartbeat);
      clearTimeout(spareTimer);
      active?.destroy();
      spare?.destroy();
      active = spare = null;
      listeners.clear();
    },
  };
}
