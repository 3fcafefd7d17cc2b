/**
 * One runner: a sandboxed frame and the runtime worker inside it, as the host's shell drives it. The
 * frame's document proves it is ours through the handshake (handshake.ts); from then on it is spoken to
 * only through its channel. A restart replaces the whole frame, which also recovers from the frame's
 * process dying (a worker out of memory takes it down). Which runner is active or spare, and when to
 * replace one, is the host machine's to decide (hostMachine.ts), not this file's.
 */
import wasmUrl from 'esbuild-wasm/esbuild.wasm?url';
import workerUrl from './runtime.worker.ts?worker&url';
import userWorkerUrl from './user.worker.ts?worker&url';
import type { WorkerRequest } from './protocol';
import { FRAME_CSP, RUNNER_PAGE, type FrameMessage, type PageToFrame } from './frame';
import { frameKey, handshake, initialHandshake, type HandshakeInput, type HandshakeState } from './handshake';
import type { RunnerFailure } from './hostState';

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
const runnerUrl = () => new URL(`${import.meta.env.BASE_URL}${RUNNER_PAGE}`, location.href).href;

/** How long a new runner frame may take to load and say hello (generous: a loaded machine is slow). */
export const HELLO_MS = 8000;
/** How long a new runner may take to have esbuild ready (a cold start on a loaded machine takes seconds). */
export const START_MS = 30_000;

/** What a runner reports to the host: its worker's messages (unchecked), pongs, and its failures. */
export interface RunnerEvents {
  message(data: unknown): void;
  pong(): void;
  failed(cause: RunnerFailure): void;
}

/** The host's handle on one runner (a fake in the host's Node tests). */
export interface Runner {
  post(request: WorkerRequest): void;
  /** Asks the frame to answer `pong` (it does while its process lives, even when the worker is busy). */
  ping(): void;
  destroy(): void;
}

/** Where the host gets its runners. */
export interface RunnerFactory {
  /** A new runner; `first` streams esbuild's wasm (later ones get a copy of the bytes). */
  create(first: boolean, events: RunnerEvents): Runner;
  /** Rejects when what every runner starts from could not be loaded. */
  readonly loaded: Promise<unknown>;
}

/** Runners as sandboxed frames in this document, from one download of the worker's scripts and wasm. */
export function frameRunners(): RunnerFactory {
  const payload = loadPayload();
  return {
    create: (first, events) => new RunnerFrame(payload, first, events),
    loaded: Promise.all([payload.script, payload.userScript, payload.wasm]),
  };
}

class RunnerFrame implements Runner {
  private readonly frame: HTMLIFrameElement;
  private readonly channel = new MessageChannel();
  private readonly key = frameKey();
  private handshake: HandshakeState = initialHandshake;
  /** The frame's end of its channel, once it proved it is our document. */
  private control: MessagePort | null = null;
  private readonly onWindowMessage: (e: MessageEvent) => void;
  private readonly helloTimer: ReturnType<typeof setTimeout>;
  private readonly startTimer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly payload: Payload,
    private readonly first: boolean,
    private readonly events: RunnerEvents,
  ) {
    this.frame = document.createElement('iframe');
    this.frame.setAttribute('sandbox', 'allow-scripts');
    // CSP embedded enforcement: the policy binds any document the frame is navigated to, not only ours.
    this.frame.setAttribute('csp', FRAME_CSP);
    this.frame.setAttribute('aria-hidden', 'true');
    this.frame.tabIndex = -1;
    this.frame.title = 'code runner';
    this.frame.style.display = 'none';
    this.frame.src = `${runnerUrl()}#${this.key}`;
    this.channel.port1.onmessage = (e) => {
      // The worker is up: the start deadline is met (the host checks the message itself).
      if ((e.data as { type?: unknown } | null)?.type === 'ready') clearTimeout(this.startTimer);
      events.message(e.data);
    };
    this.onWindowMessage = (e) => {
      if (e.source !== this.frame.contentWindow) return;
      this.observe({ type: 'message', data: e.data, ports: e.ports.length }, e.ports[0]);
    };
    window.addEventListener('message', this.onWindowMessage);
    this.frame.addEventListener('load', () => this.observe({ type: 'load' }));
    this.helloTimer = setTimeout(() => this.observe({ type: 'deadline' }), HELLO_MS);
    // A frame that said hello but whose document went away before its worker was up (a navigation the
    // embedding page's CSP refused leaves an error page, not always a load event) would wait forever.
    this.startTimer = setTimeout(() => events.failed('no-start'), START_MS);
    document.body.appendChild(this.frame);
  }

  private observe(input: HandshakeInput, port?: MessagePort): void {
    const { state, command } = handshake(this.handshake, input, this.key);
    this.handshake = state;
    if (command === 'connect' && port) this.connect(port);
    else if (command === 'discard') this.events.failed('tampered');
  }

  /** The frame proved it is ours: from now on it is spoken to only through its channel. */
  private connect(control: MessagePort): void {
    clearTimeout(this.helloTimer);
    this.control = control;
    control.onmessage = (e: MessageEvent) => {
      const data = e.data as FrameMessage | null;
      if (data?.kind === 'pong') this.events.pong();
      else if (data?.kind === 'crash') this.events.failed(data.cause);
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

  ping(): void {
    this.send({ kind: 'ping' });
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
