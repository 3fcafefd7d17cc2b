/**
 * The playground's data flow, one way: workspace → compile (debounced) → graph → run → views.
 * It owns the worker host and the session; the React views read both through hooks (`hooks.ts`).
 */
import type { WorkerHost } from '../../worker/host';
import type { SourceFile, WorkerEvent } from '../../worker/protocol';
import type { Workspace } from '../../share/workspace';
import type { WorkspaceStore } from './workspaceStore';
import { initialSession, reduceSession, type Session, type SessionAction } from './session';
import { lineageOf } from './lineage';
import { runOutputs } from './outputs';
import { removeOutputs } from './workspaceEdits';
import { createStore } from './store';
import { createFrameBatch } from './frameBatch';
import { reduceSessionBatch } from './sessionBatch';
import { firstGraphFor } from './firstGraph';
import { graphArrived } from '../graph/timing';
import { dataFilePath, namesDataFile } from './dataPath';
import { initialLive, reduceLive, type LiveAction, type LiveState } from './live';

/** Typing pauses this long before the project is compiled again. */
const COMPILE_DEBOUNCE_MS = 150;
/** Compile requests whose files are remembered (answers come in order; older ones are obsolete). */
const SENT_KEPT = 8;

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

/** Resolves table values that name a served data file (`data/...`) to their CSV text. */
async function resolveTables(tables: Workspace['tables']): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, value]) => {
      if (!namesDataFile(value)) return [name, value] as const;
      const file = dataFilePath(value);
      if ('error' in file) throw new Error(`Could not load table ${name}: ${file.error}`);
      const response = await fetch(new URL(file.path, new URL(import.meta.env.BASE_URL, location.href)));
      if (!response.ok) throw new Error(`Could not load ${value} for table ${name}: HTTP ${response.status}`);
      return [name, await response.text()] as const;
    }),
  );
  return Object.fromEntries(entries);
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
  // The worker can compile once esbuild is up; until then the latest request simply waits.
  let hostReady = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sent = new Map<number, readonly SourceFile[]>();
  const unsubscribeHost = host.subscribe((event) => {
    if (event.type === 'compiled' && event.graph) graphArrived();
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
      timer === undefined &&
      now.run?.source?.files !== sent.get(event.id)
    )
      onLive({ type: 'changed' });
    if (event.type === 'run-finished' && liveDue) {
      liveDue = false;
      onLive({ type: 'changed' });
    }
  });

  const send = () => {
    const ws = workspace.get();
    const id = host.compile(ws.files, ws.config);
    sent.set(id, ws.files);
    if (sent.size > SENT_KEPT) sent.delete(sent.keys().next().value!);
    session.dispatch({ type: 'compile-requested', id });
  };
  const compile = () => {
    clearTimeout(timer);
    timer = undefined;
    if (hostReady) send();
  };
  void host.ready.then(() => {
    hostReady = true;
    send();
  });
  let last = workspace.get();
  let droppingOutputs = false;
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
    if (!filesChanged && !configChanged) return;
    clearTimeout(timer);
    // A config switch redraws at once; typing waits for a pause.
    if (filesChanged) timer = setTimeout(compile, COMPILE_DEBOUNCE_MS);
    else compile();
  });
  // The default example's graph, compiled at build time, shows while the worker wakes up.
  const first = firstGraphFor(workspace.get());
  if (first) session.dispatch(first);

  /** Starts a run of the workspace's outputs; `live`: one live mode started (a newer edit cancels it). */
  async function start(liveRun: boolean): Promise<void> {
    session.flush();
    const now = session.get();
    if (now.worker !== 'ready' || !now.compiled?.graph || now.run?.status === 'running') return;
    // Typing not yet compiled is compiled first: the worker answers requests in order.
    if (timer !== undefined) compile();
    const ws = workspace.get();
    let tables: Record<string, string>;
    try {
      tables = await resolveTables(ws.tables);
    } catch (error) {
      session.dispatch({ type: 'console', runId: null, level: 'error', node: null, text: String(error) });
      return;
    }
    const graph = session.get().compiled?.graph;
    const asked = graph ? runOutputs(graph, ws) : { outputs: ws.outputs, dropped: [] };
    // Picked outputs the code no longer has leave the outputs, with a note, instead of failing the run.
    if (asked.dropped.length) {
      droppingOutputs = true;
      workspace.update(removeOutputs(asked.dropped));
      droppingOutputs = false;
    }
    const asRun = workspace.get();
    const id = host.run({
      outputs: asked.outputs,
      inputs: ws.inputs,
      overrides: {},
      tables,
      ...(liveRun && { live: true }),
    });
    const { files, inputs, config, outputs } = asRun;
    session.dispatch({
      type: 'run-requested',
      id,
      source: { files, inputs, config, outputs, tables: asRun.tables },
      nodes: graph ? lineageOf(graph).executed(asked.outputs) : [],
      notes: asked.dropped.map((name) => `${name} no longer exists: removed from the outputs.`),
      ...(liveRun && { live: true }),
    });
  }

  return {
    workspace,
    session,
    async run() {
      // Ctrl/Cmd+Enter reaches here even while the Run button is disabled.
      onLive({ type: 'user-ran' });
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
    filesOf: (id) => sent.get(id),
    dispose() {
      clearTimeout(timer);
      clearTimeout(liveTimer);
      unsubscribeHost();
      unsubscribeWorkspace();
      session.dispose();
      host.dispose();
    },
  };
}
