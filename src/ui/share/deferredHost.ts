/**
 * A worker host that starts its worker only when asked to (or at the first run): an embed that already
 * shows its example's graph (compiled at build time) needs no worker until the reader edits or clicks
 * Run, so a docs page of embeds loads no esbuild at all until then. Requests made before the start are
 * sent, in order, when it happens; the real host numbers them in that same order (ids count compile
 * and run calls from 1), which this wrapper checks.
 */
import type { WorkerHost } from '../../worker/host';

export interface DeferredHost extends WorkerHost {
  /** Starts the worker now (idempotent). */
  start(): WorkerHost;
}

export function deferredHost(create: () => WorkerHost): DeferredHost {
  let real: WorkerHost | null = null;
  let nextId = 1;
  const queued: ((host: WorkerHost) => void)[] = [];
  type Listener = Parameters<WorkerHost['subscribe']>[0];
  /** Listeners, with their subscription to the real host once it exists. */
  const listeners = new Map<Listener, (() => void) | null>();
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const send = (call: (host: WorkerHost) => number): number => {
    const id = nextId++;
    const forward = (host: WorkerHost) => {
      const sent = call(host);
      if (sent !== id)
        console.error(`deferred worker host: request ${id} was numbered ${sent} by the worker host`);
    };
    if (real) forward(real);
    else queued.push(forward);
    return id;
  };

  const host: DeferredHost = {
    start() {
      if (real) return real;
      const started = create();
      real = started;
      for (const listener of listeners.keys()) listeners.set(listener, started.subscribe(listener));
      void started.ready.then(resolveReady);
      for (const forward of queued.splice(0)) forward(started);
      return started;
    },
    compile: (files, config) => send((h) => h.compile(files, config)),
    run(request) {
      const id = send((h) => h.run(request));
      host.start();
      return id;
    },
    // Before the start nothing ran, so nothing is held.
    textChunk: (cut, offset) => real?.textChunk(cut, offset) ?? Promise.resolve(null),
    consoleLines: (withheld, from) => real?.consoleLines(withheld, from) ?? Promise.resolve(null),
    stop: () => real?.stop(),
    subscribe(listener) {
      listeners.set(listener, real?.subscribe(listener) ?? null);
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    ready,
    dispose: () => real?.dispose(),
  };
  return host;
}
