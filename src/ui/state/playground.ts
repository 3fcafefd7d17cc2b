/**
 * The playground's data flow, one way: workspace → compile (debounced) → graph → run → views.
 * It owns the worker host and the session; the React views read both through hooks (`hooks.ts`).
 */
import type { WorkerHost } from '../../worker/host';
import type { SourceFile, WorkerEvent } from '../../worker/protocol';
import type { WorkspaceStore } from './workspaceStore';
import { initialSession, reduceSession, type Session, type SessionAction } from './session';
import { removeOutputs } from './workspaceEdits';
import { COMPILE_DEBOUNCE_MS, createCompileQueue } from './compileQueue';
import { startRun, type RunContext } from './startRun';
import { createStore } from './store';
import { createFrameBatch } from './frameBatch';
import { reduceSessionBatch } from './sessionBatch';
import { firstGraphFor } from './firstGraph';
import { graphArrived } from '../graph/timing';
import { initialLive, reduceLive, type LiveAction, type LiveState } from './live';

export interface SessionStore {
  get(): Session;
  subscribe(listener: () => void): () => void;
  dispatch(action: SessionAction): void;
  /** Applies the worker's events that arrived but wait for the next frame. */
  flush(): void;
}

export interface Playground {
  readonly workspace: WorkspaceStore;
  readonly session: SessionStore;
  /** Runs the workspace's outputs (all sinks when none are chosen) with its inputs and tables. */
  run(): Promise<void>;
  /** Live mode: whether changes re-run by themselves (see `live.ts`), and its toggle. */
  readonly live: { get(): LiveState; subscribe(listener: () => void): () => void; toggle(): void };
  /** Stops a run (the host replaces the worker and recompiles the project). */
  stop(): void;
  /** The next chunk of a string the worker cut, or null when it no longer holds it (see `WorkerHost`). */
  textChunk: WorkerHost['textChunk'];
  /** Console lines the worker withheld and keeps, a chunk at a time, or null when it no longer does. */
  consoleLines: WorkerHost['consoleLines'];
  /**
   * The files compile request `id` was made of (for the last few requests), so a view can read a
   * graph's locations in the text they point into, not in text typed since.
   */
  filesOf(id: number): readonly SourceFile[] | undefined;
  dispose(): void;
}

/** The session, fed the worker's events a frame at a time (see `frameBatch.ts`). */
function createSessionStore(): SessionStore & { receive(event: WorkerEvent): void; dispose(): void } {
  const store = createStore(initialSession);
  const events = createFrameBatch<SessionAction>((actions) =>
    store.set(reduceSessionBatch(store.get(), actions)),
  );
  return {
    get: store.get,
    subscribe: store.subscribe,
    // The UI's own action comes after the worker's events that arrived before it.
    dispatch: (action) => {
      events.flush();
      store.set(reduceSession(store.get(), action));
    },
    receive: events.add,
    flush: events.flush,
    dispose: events.dispose,
  };
}

export function createPlayground(host: WorkerHost, workspace: WorkspaceStore): Playground {
  const session = createSessionStore();
  const live = createStore(initialLive);
  /** A live run is due once the run in progress ends (an input changed while it ran). */
  let liveDue = false;
  let liveTimer: ReturnType<typeof setTimeout> | undefined;
  const markRequestStale = () => {
    const { inputs, tables, config } = workspace.get();
    session.dispatch({ type: 'request-edited', request: { inputs, tables, config } });
  };
  const onLive = (action: LiveAction) => {
    const next = reduceLive(live.get(), action);
    live.set(next.state);
    if (next.run) runLive();
  };
  const runLive = () => {
    if (session.get().run?.status === 'running') liveDue = true;
    else void start(true);
  };
  // Declared before the host is subscribed to: a host may replay its events at once.
  const compiles = createCompileQueue(host, workspace, (id) =>
    session.dispatch({ type: 'compile-requested', id }),
  );
  let droppingOutputs = false;
  const runs: RunContext = {
    host,
    workspace,
    session,
    compiles,
    dropOutputs(names) {
      droppingOutputs = true;
      workspace.update(removeOutputs(names));
      droppingOutputs = false;
    },
  };
  const start = (live: boolean) => startRun(runs, live);
  const unsubscribeHost = host.subscribe((event) => {
    if (event.type === 'compiled' && event.graph) graphArrived(event.graph);
    session.receive(event);
    // Node events and console lines wait for the next frame; what live mode decides on is applied now.
    if (event.type !== 'compiled' && event.type !== 'run-finished') return;
    session.flush();
    // The code's staleness, from the compile, with what the request changed since the last run.
    if (event.type === 'compiled' && event.graph) markRequestStale();
    const now = session.get();
    // The newest compile's graph, from this text: live mode brings the results up to it (unless the
    // run shown, or in progress, was already started from this text).
    if (
      event.type === 'compiled' &&
      event.graph &&
      !event.stale &&
      now.compiling === null &&
      !compiles.waiting() &&
      now.run?.source?.files !== compiles.filesOf(event.id)
    )
      onLive({ type: 'changed' });
    if (event.type === 'run-finished' && liveDue) {
      liveDue = false;
      onLive({ type: 'changed' });
    }
  });

  let last = workspace.get();
  const unsubscribeWorkspace = workspace.subscribe((ws) => {
    const filesChanged = ws.files !== last.files;
    const configChanged = ws.config !== last.config;
    // The run's own removal of outputs that no longer exist is part of that run, not a change to run for.
    const requestChanged =
      ws.inputs !== last.inputs ||
      ws.tables !== last.tables ||
      (ws.outputs !== last.outputs && !droppingOutputs);
    last = ws;
    if (requestChanged && !filesChanged && !configChanged) {
      markRequestStale();
      // Typing in an input field waits for a pause too.
      clearTimeout(liveTimer);
      liveTimer = setTimeout(() => onLive({ type: 'changed' }), COMPILE_DEBOUNCE_MS);
    }
    // A config switch redraws at once; typing waits for a pause.
    if (filesChanged || configChanged) compiles.schedule(filesChanged);
  });
  // The default example's graph, compiled at build time, shows while the worker wakes up.
  const first = firstGraphFor(workspace.get());
  if (first) session.dispatch(first);

  return {
    workspace,
    session,
    async run() {
      // Ctrl/Cmd+Enter reaches here even while the Run button is disabled.
      onLive({ type: 'user-ran' });
      // A change still waiting for its pause is in this run: no live run is to repeat it from the cache
      // (and leave the Console empty). While a run is in progress this Run does not start: it still waits.
      if (session.get().run?.status !== 'running') clearTimeout(liveTimer);
      // The user's Run shows what was withheld (a link's module output), even if the run never starts.
      session.dispatch({ type: 'console-released' });
      await start(false);
    },
    live: {
      get: live.get,
      subscribe: live.subscribe,
      toggle: () => onLive({ type: 'toggled' }),
    },
    stop() {
      session.dispatch({ type: 'stop-requested' });
      host.stop();
    },
    textChunk: (cut, offset) => host.textChunk(cut, offset),
    consoleLines: (withheld, from) => host.consoleLines(withheld, from),
    filesOf: compiles.filesOf,
    dispose() {
      compiles.dispose();
      clearTimeout(liveTimer);
      unsubscribeHost();
      unsubscribeWorkspace();
      session.dispose();
      host.dispose();
    },
  };
}
