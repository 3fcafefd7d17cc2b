/**
 * The worker that runs user code (entry point; built as one self-contained file, like
 * runtime.worker.ts). The runtime worker starts a fresh one for every compile, so nothing user code did
 * to one version's realm (patched prototypes, timers, loops) reaches the next. It holds the library
 * user code imports, evaluates the bundle it is given, builds the graph, runs it and previews values.
 *
 * It talks to the runtime worker only through a private port received before any user code runs, with
 * what it needs captured first (the port's `postMessage`, `MessageEvent`'s `data` getter, `Reflect.apply`):
 * patching prototypes later intercepts nothing, and what user code posts on `self` is ignored.
 */
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import type { ConsoleEvent, EvaluatingNotice, WorkerEvent } from './protocol';
import type { FromUserWorker, ToUserWorker, UserConnect } from './userProtocol';
import { trackUserTimers } from './timers';
import { UserSession } from './userSession';
import { captureConsole } from './console';
import { installRuntime } from './runtime';
import { failedCompile, failedRun } from './answers';
import { CONSOLE_HEAD, CONSOLE_TAIL, ConsoleBudget } from './consoleBudget';
import { WithheldLines } from './withheldLines';
import { warmUpSession } from './userWarmUp';

const userTimers = trackUserTimers(globalThis);
installRuntime(hamilton, frame);

const apply = Reflect.apply;
const dataOf = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')!.get!;
const postToPort = MessagePort.prototype.postMessage;
// User code starts no workers of its own: the watchdog could not see them.
for (const name of ['Worker', 'SharedWorker'] as const) delete (globalThis as Record<string, unknown>)[name];

function internalError(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unreadable';
  }
}

/**
 * Waits until the messages already queued for this worker have been handled (a message posted now is
 * queued behind them), without a timer: user code's timers are tracked and cleared per request.
 */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function connect(port: MessagePort): void {
  const post = (message: FromUserWorker, transfer: Transferable[] = []): void =>
    apply(postToPort, port, [message, transfer]);
  /** The console of the request in progress (or of timers between requests), bounded. */
  const withheld = new WithheldLines();
  const console_ = new ConsoleBudget((e: ConsoleEvent) => post(e), CONSOLE_HEAD, CONSOLE_TAIL, withheld);
  /** Whether a request of the user's came: the warm-up, if still going, stops at its next step. */
  let requested = false;
  /** Runs whose `run-finished` went out: a run the session gave up on internally is answered here. */
  const answered = new Set<number>();
  const session = new UserSession({
    post: (event: WorkerEvent | EvaluatingNotice, transfer) => {
      // When user code starts is the runtime's watchdog's start (not this worker's start-up, nor the
      // bundle's arrival); when it ends the runtime decides itself, from the answer.
      if (event.type === 'evaluating') return event.done ? undefined : post(event);
      if (event.type === 'console') return console_.add(event);
      if (event.type === 'run-finished' || event.type === 'compiled') {
        if (event.type === 'run-finished') {
          answered.add(event.runId);
          // What the run added to the cache goes back first, to outlive this worker.
          const news = session.takeCacheNews();
          if (news) post(news);
        }
        // Timers user code started end with the request that started them; its output goes first.
        userTimers.clear();
        console_.flush();
      }
      post(event, transfer);
    },
    now: () => performance.now(),
    userTimers,
  });

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

  port.onmessage = (e: MessageEvent) => {
    const message = apply(dataOf, e, []) as ToUserWorker;
    if (message.kind === 'evaluate' || message.kind === 'run') requested = true;
    switch (message.kind) {
      case 'held': {
        const { request } = message;
        post(request.type === 'text-chunk' ? session.textChunk(request) : withheld.answer(request));
        break;
      }
      case 'ping':
        console_.flush();
        post({ kind: 'pong', seq: message.seq });
        break;
      case 'evaluate':
        withheld.begin(message.request.id);
        try {
          session.useCache(message.cache);
          session.compileBundled(message.request, message.bundle, message.bundleMs, message.lastRun);
        } catch (error) {
          const text = `Loading the modules failed: ${internalError(error)}`;
          post(
            failedCompile(message.request.id, [{ severity: 'error', source: 'worker', message: text }], {}),
          );
        }
        break;
      case 'warm-up':
        // A session of its own, whose events go nowhere: the user's session starts untouched. A warm-up
        // that failed only leaves the worker cold (userWarmUp.test.ts keeps it working).
        void warmUpSession(
          new UserSession({ post: () => {}, now: () => performance.now() }),
          message.bundle,
          yieldToMessages,
          () => requested,
        ).catch(() => undefined);
        break;
      case 'run': {
        const { id } = message.request;
        withheld.begin(id);
        if (message.results) session.seedCache(message.results);
        void session.receive(message.request).then(() => {
          if (answered.has(id)) return;
          console_.flush();
          post(
            failedRun(id, 0, {
              name: 'Error',
              message: 'The run failed inside the runner (a value could not be read).',
            }),
          );
        });
        break;
      }
    }
  };
}

const onConnect = (e: MessageEvent): void => {
  const message = apply(dataOf, e, []) as UserConnect | null;
  if (message?.kind !== 'connect') return;
  removeEventListener('message', onConnect);
  connect(message.port);
};
addEventListener('message', onConnect);
