/**
 * The playground's data flow, one way: workspace → compile (debounced) → graph → run → views.
 * It owns the worker host and the session; the React views read both through hooks (`hooks.ts`).
 */
import type { WorkerHost } from '../../worker/host';
import type { SourceFile, WorkerEvent } from '../../worker/protocol';
import type { WorkspaceStore } from './workspaceStore';
import { initialSession, reduceSession, type Session, type SessionAction } from './session';
import { removeOutputs } from './workspaceEdits';
import { createCompileQueue } from './compileQueue';
import { createLiveRuns } from './liveRuns';
import { createStore } from './store';
import { createFrameBatch } from './frameBatch';
import { reduceSessionBatch } from './sessionBatch';
import { firstGraphFor } from './firstGraph';
import { graphArrived } from '../graph/timing';
import type { LiveState } from './live';

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
  const markRequestStale = () => {
    const { inputs, tables, config } = workspace.get();
    session.dispatch({ type: 'request-edited', request: { inputs, tables, config } });
  };
  // Declared before the host is subscribed to: a host may replay its events at once.
  const compiles = createCompileQueue(host, workspace, (id) =>
    session.dispatch({ type: 'compile-requested', id }),
  );
  let droppingOutputs = false;
  const runs = createLiveRuns({
    host,
    workspace,
    session,
    compiles,
    dropOutputs(names) {
      droppingOutputs = true;
      workspace.update(removeOutputs(names));
      droppingOutputs = false;
    },
  });
  const unsubscribeHost = host.subscribe((event) => {
    if (event.type === 'compiled' && event.graph) graphArrived(event.graph);
    session.receive(event);
    // Node events and console lines wait for the next frame; what live mode decides on is applied now.
    if (event.type !== 'compiled' && event.type !== 'run-finished') return;
    session.flush();
    if (event.type === 'run-finished') return runs.runFinished();
    if (!event.graph) return;
    // The code's staleness, from the compile, with what the request changed since the last run.
    markRequestStale();
    const now = session.get();
    // The newest compile's graph, from this text: live mode brings the results up to it (unless the
    // run shown, or in progress, was already started from this text).
    if (
      !event.stale &&
      now.compiling === null &&
      !compiles.waiting() &&
      runs.runFiles() !== compiles.filesOf(event.id)
    )
      runs.changed();
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
      runs.changedAfterPause();
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
    // Ctrl/Cmd+Enter reaches here even while the Run button is disabled.
    run: runs.run,
    live: runs.live,
    stop() {
      session.dispatch({ type: 'stop-requested' });
      host.stop();
    },
    textChunk: (cut, offset) => host.textChunk(cut, offset),
    consoleLines: (withheld, from) => host.consoleLines(withheld, from),
    filesOf: compiles.filesOf,
    dispose() {
      compiles.dispose();
      runs.dispose();
      unsubscribeHost();
      unsubscribeWorkspace();
      session.dispose();
      host.dispose();
    },
  };
}
