/**
 * The worker that compiles and runs user code (entry point; built as one self-contained file, see
 * README.md). It starts inside the sandboxed frame from a `blob:` URL, so it has an opaque origin and
 * the frame's CSP (no network). It talks to the page only through the MessagePort it receives with
 * `init`; user code cannot reach that port, so whatever user code posts with `self.postMessage` goes to
 * the frame, which ignores it.
 */
import * as esbuild from 'esbuild-wasm';
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import type { WorkerInit } from './frame';
import type { EvaluatingNotice, WorkerEvent, WorkerRequest } from './protocol';
import { routeZeroDelayTimers, trackUserTimers } from './timers';
import { Session } from './session';
import { captureConsole } from './console';
import { installRuntime } from './runtime';

routeZeroDelayTimers(globalThis);
const userTimers = trackUserTimers(globalThis);
installRuntime(hamilton, frame);

// Taken before any user code runs, so patching prototypes later cannot intercept the port.
const postToPort = MessagePort.prototype.postMessage;
const apply = Reflect.apply;
const consoleError = console.error;

function start(init: WorkerInit): void {
  const port = init.port;
  const post = (event: WorkerEvent | EvaluatingNotice, transfer: Transferable[] = []): void => {
    apply(postToPort, port, [event, transfer]);
  };
  const session = new Session({ esbuild, post, now: () => performance.now(), userTimers });

  captureConsole(console, (level, args) => session.console(level, args));
  // User code's uncaught async errors are console output, not the worker's death.
  addEventListener('error', (e) => {
    e.preventDefault();
    session.console('error', [e.error ?? e.message]);
  });
  addEventListener('unhandledrejection', (e) => {
    e.preventDefault();
    session.console('error', ['Uncaught (in promise)', e.reason]);
  });

  esbuild.initialize({ wasmModule: init.wasmModule, worker: false }).then(
    async () => {
      post({ type: 'ready', initMs: performance.now() });
      // Requests sent before now waited in the port's queue; they run first, the warm-up only if none came.
      port.onmessage = (e: MessageEvent<WorkerRequest>) => session.receive(e.data);
      await session.warmUp();
    },
    (e: unknown) => apply(consoleError, console, ['esbuild could not start', e]),
  );
}

const onInit = (e: MessageEvent<WorkerInit>): void => {
  if (e.data?.kind !== 'init') return;
  removeEventListener('message', onInit);
  start(e.data);
};
addEventListener('message', onInit);
