/**
 * The worker that talks to the page (entry point; built as one self-contained file, see README.md). It
 * starts inside the sandboxed frame from a `blob:` URL, so it has an opaque origin and the frame's CSP
 * (no network). It holds esbuild and the page's port, and runs no user code: each compile is evaluated
 * in a fresh user-code worker it starts and supervises (supervisor.ts, user.worker.ts).
 */
import * as esbuild from 'esbuild-wasm';
import type { WorkerInit } from './frame';
import type { EvaluatingNotice, WorkerEvent, WorkerRequest } from './protocol';
import { routeZeroDelayTimers } from './timers';
import { Supervisor, type UserWorker } from './supervisor';
import { inParts } from './graphParts';
import { warmUp } from './warmUp';
import type { UserConnect } from './userProtocol';

routeZeroDelayTimers(globalThis);

/** A user-code worker from the script the page sent, wrapped for the supervisor. */
function spawner(script: string): () => UserWorker {
  // The function scope keeps the script's top-level declarations off the global object, as for this worker.
  const url = URL.createObjectURL(
    new Blob([`(function () {\n${script}\n})();\n`], { type: 'text/javascript' }),
  );
  return () => {
    const worker = new Worker(url, { name: 'hamilton-user-code' });
    // Only what comes through this channel is the runtime's: user code can post on `self`, not here.
    const channel = new MessageChannel();
    worker.postMessage({ kind: 'connect', port: channel.port2 } satisfies UserConnect, [channel.port2]);
    const handle: UserWorker = {
      post: (message) => channel.port1.postMessage(message),
      terminate: () => {
        worker.terminate();
        channel.port1.close();
      },
      onmessage: null,
      onerror: null,
    };
    channel.port1.onmessage = (e) => handle.onmessage?.(e.data);
    worker.onerror = (e) => {
      // An error that escaped the user-code worker's own handlers: it can no longer be trusted to answer.
      e.preventDefault();
      handle.onerror?.();
    };
    channel.port1.onmessageerror = () => handle.onerror?.();
    return handle;
  };
}

function start(init: WorkerInit): void {
  const port = init.port;
  const post = (event: WorkerEvent | EvaluatingNotice, transfer: Transferable[] = []): void => {
    // A big graph goes in slices the page receives in tasks of their own (graphParts.ts).
    const messages = event.type === 'compiled' ? inParts(event) : [event];
    messages.forEach((m, i) => port.postMessage(m, i === messages.length - 1 ? transfer : []));
  };
  const supervisor = new Supervisor({
    esbuild,
    post,
    spawn: spawner(init.userScript),
    now: () => performance.now(),
  });
  esbuild.initialize({ wasmModule: init.wasmModule, worker: false }).then(
    async () => {
      post({ type: 'ready', initMs: performance.now() });
      let requests = 0;
      // Requests sent before now waited in the port's queue; they run first, the warm-up only if none came.
      port.onmessage = (e: MessageEvent<WorkerRequest>) => {
        requests++;
        void supervisor.receive(e.data);
      };
      supervisor.prepareSpare();
      await warmUp(esbuild, () => requests === 0);
    },
    (e: unknown) => console.error('esbuild could not start', e),
  );
}

const onInit = (e: MessageEvent<WorkerInit>): void => {
  if (e.data?.kind !== 'init') return;
  removeEventListener('message', onInit);
  start(e.data);
};
addEventListener('message', onInit);
