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
import type { CompileRequest, Json, RunRequest, SourceFile, WorkerEvent, WorkerRequest } from './protocol';
import { parseWorkerMessage } from './validate';
import { FRAME_CSP, frameMain, type FrameMessage, type PageToFrame } from './frame';

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
}

const DEFAULT_TIMEOUT_MS = 5000;

/** The script and wasm every worker starts from, fetched once from our own build. */
interface Payload {
  readonly script: string;
  readonly wasm: ArrayBuffer;
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response;
}

async function loadPayload(): Promise<Payload> {
  const [script, wasm] = await Promise.all([
    fetchOk(workerUrl).then((r) => r.text()),
    fetchOk(wasmUrl).then((r) => r.arrayBuffer()),
  ]);
  return { script, wasm };
}

function frameDocument(): string {
  return (
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<script>(${frameMain.toString()})()</script>`
  );
}

/**
 * One isolated worker: a fresh sandboxed frame and the worker inside it. Replacing the whole frame on
 * every restart also recovers from the frame's process dying (a worker running out of memory can take
 * its renderer down with it).
 */
class IsolatedWorker {
  private readonly frame: HTMLIFrameElement;
  private readonly channel = new MessageChannel();
  private readonly onWindowMessage: (e: MessageEvent) => void;

  constructor(payload: Payload, onMessage: (data: unknown) => void, onCrash: (message: string) => void) {
    this.frame = document.createElement('iframe');
    this.frame.setAttribute('sandbox', 'allow-scripts');
    this.frame.setAttribute('aria-hidden', 'true');
    this.frame.tabIndex = -1;
    this.frame.title = 'code runner';
    this.frame.style.display = 'none';
    this.frame.srcdoc = frameDocument();
    this.channel.port1.onmessage = (e) => onMessage(e.data);
    this.onWindowMessage = (e) => {
      if (e.source !== this.frame.contentWindow) return;
      const data = e.data as Partial<FrameMessage> | null;
      if (data && data.kind === 'crash') onCrash(typeof data.message === 'string' ? data.message : 'the worker crashed');
    };
    window.addEventListener('message', this.onWindowMessage);
    this.frame.addEventListener(
      'load',
      () => {
        const boot: PageToFrame = { kind: 'boot', script: payload.script, wasm: payload.wasm, port: this.channel.port2 };
        this.frame.contentWindow?.postMessage(boot, '*', [this.channel.port2]);
      },
      { once: true },
    );
    document.body.appendChild(this.frame);
  }

  post(request: WorkerRequest): void {
    this.channel.port1.postMessage(request);
  }

  destroy(): void {
    window.removeEventListener('message', this.onWindowMessage);
    this.channel.port1.onmessage = null;
    this.channel.port1.close();
    this.frame.remove();
  }
}

/** What the host remembers to rebuild the worker's state after a restart. */
interface LastCompile {
  readonly request: CompileRequest;
}

/** Starts the worker (at once: call this at page load, so esbuild warms up while the page renders). */
export function createWorkerHost(options: WorkerHostOptions = {}): WorkerHost {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const listeners = new Set<(event: WorkerEvent) => void>();
  let worker: IsolatedWorker | null = null;
  let disposed = false;
  let nextId = 1;
  let last: LastCompile | null = null;
  /** The last compile that evaluated without running away: what a restart after a runaway rebuilds. */
  let lastSafe: LastCompile | null = null;
  let lastGood: Extract<WorkerEvent, { type: 'compiled' }> | null = null;
  /** Requests sent to the current worker and not answered yet. */
  let pendingCompile: number | null = null;
  let activeRun: { id: number; running: Set<string> } | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let workerReady = false;
  /** Compiles whose answer the UI did not ask for (rebuilding the last safe project after a runaway). */
  const hidden = new Set<number>();

  let resolveReady!: () => void;
  let rejectReady!: (e: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  const emit = (event: WorkerEvent): void => {
    for (const listener of [...listeners]) listener(event);
  };

  /** Keeps a deadline while the worker owes an answer; `fresh` starts a new one (a new run, or progress). */
  const armWatchdog = (fresh: boolean): void => {
    const owed = workerReady && (pendingCompile !== null || activeRun !== null);
    if (watchdog !== undefined && (fresh || !owed)) {
      clearTimeout(watchdog);
      watchdog = undefined;
    }
    if (owed && watchdog === undefined) watchdog = setTimeout(() => restart('timeout'), timeoutMs);
  };

  const onMessage = (data: unknown): void => {
    const event = parseWorkerMessage(data);
    // The worker never speaks for the host: a restart notice from that side is forged.
    if (!event || event.type === 'worker-restarted') {
      console.warn('hamilton worker: ignored a message that is not a protocol event');
      return;
    }
    switch (event.type) {
      case 'ready':
        workerReady = true;
        resolveReady();
        armWatchdog(true);
        break;
      case 'compiled':
        if (hidden.delete(event.id)) return;
        if (pendingCompile !== null && event.id >= pendingCompile) pendingCompile = null;
        if (last && event.id === last.request.id) lastSafe = last;
        armWatchdog(true);
        if (event.graph && !event.stale) lastGood = event;
        else if (!event.graph && lastGood) {
          emit({ ...event, graph: lastGood.graph, variables: lastGood.variables, configKeys: lastGood.configKeys, stale: true });
          return;
        }
        break;
      case 'node-started':
        if (activeRun?.id === event.runId) activeRun.running.add(event.node);
        break;
      case 'node-finished':
      case 'node-failed':
        if (activeRun?.id === event.runId) activeRun.running.delete(event.node);
        break;
      case 'run-finished':
        if (activeRun?.id === event.runId) {
          activeRun = null;
          armWatchdog(true);
        }
        break;
    }
    emit(event);
  };

  /** A run asked for before the first worker exists. */
  let queuedRun: RunRequest | null = null;

  const start = (payload: Payload): void => {
    workerReady = false;
    worker = new IsolatedWorker(payload, onMessage, (message) => restart('crashed', message));
  };

  let payload: Payload | null = null;
  loadPayload().then(
    (p) => {
      payload = p;
      if (disposed) return;
      start(p);
      if (last) worker!.post(last.request);
      if (queuedRun) worker!.post(queuedRun);
      queuedRun = null;
    },
    (e) => rejectReady(e),
  );

  function restart(reason: 'timeout' | 'stopped' | 'crashed', detail?: string): void {
    if (disposed || !payload) return;
    clearTimeout(watchdog);
    watchdog = undefined;
    const run = activeRun;
    const node = run ? ([...run.running].at(-1) ?? null) : null;
    const compiling = pendingCompile !== null && !run;
    worker?.destroy();
    activeRun = null;
    pendingCompile = null;
    const seconds = `${(timeoutMs / 1000).toLocaleString('en')} s`;
    const what = compiling ? 'module top-level code' : node ? `node ${node}` : 'the run';
    const message =
      reason === 'timeout'
        ? `Stopped ${what}: it ran longer than ${seconds}.`
        : reason === 'stopped'
          ? `Stopped ${what}.`
          : `The worker crashed${detail ? ` (${detail})` : ''}; it was restarted.`;
    if (run) {
      const error = { name: reason === 'timeout' ? 'TimeoutError' : 'AbortError', message };
      for (const n of run.running) emit({ type: 'node-failed', runId: run.id, node: n, durationMs: 0, error });
      emit({ type: 'run-finished', runId: run.id, ok: false, durationMs: 0, results: {}, skipped: [], validations: [], error, diagnostics: [] });
    }
    emit({ type: 'worker-restarted', reason, node, message });
    start(payload);
    if (compiling && last) {
      // Evaluating this project's modules is what ran away: show the last good graph as stale, and
      // rebuild the last project that evaluated safely so the fresh worker matches what is drawn.
      emit({
        type: 'compiled',
        id: last.request.id,
        graph: lastGood?.graph ?? null,
        variables: lastGood?.variables ?? [],
        configKeys: lastGood?.configKeys ?? [],
        stale: lastGood !== null,
        diagnostics: [{ severity: 'error', source: 'worker', message }],
        timings: {},
      });
      if (lastSafe) {
        hidden.add(lastSafe.request.id);
        worker!.post(lastSafe.request);
      }
      last = lastSafe;
    } else if (last) {
      pendingCompile = last.request.id;
      worker!.post(last.request);
    }
  }

  return {
    compile(files, config) {
      const request: CompileRequest = { type: 'compile', id: nextId++, files, config };
      last = { request };
      pendingCompile = request.id;
      worker?.post(request);
      armWatchdog(false);
      return request.id;
    },
    run(options) {
      const request: RunRequest = { type: 'run', id: nextId++, ...options };
      activeRun = { id: request.id, running: new Set() };
      if (worker) worker.post(request);
      else queuedRun = request;
      armWatchdog(true);
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
      worker?.destroy();
      worker = null;
      listeners.clear();
    },
  };
}
