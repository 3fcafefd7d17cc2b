/**
 * What the worker told us, reduced into the state the views draw: the last compilation, the current
 * run (node states, results, validations), the console, and the worker's status. Pure reducer; the
 * controller feeds it events.
 */
import type { Workspace } from '../../share/workspace';
import type {
  CompiledEvent,
  Diagnostic,
  ErrorInfo,
  SavedFile,
  ValidationResult,
  ValuePreview,
  WorkerEvent,
} from '../../worker/protocol';

/** A node's state in the drawing. `idle`: nothing ran since the graph was built. */
export type NodeState = 'idle' | 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface NodeRun {
  readonly state: NodeState;
  readonly durationMs?: number;
  /** When it started and ended, in ms after the run started (a parallel block's node: its first item's
   * start, its last item's end). */
  readonly startMs?: number;
  readonly endMs?: number;
  /** For a node of a parallel block (it runs once per item): how many items have finished. */
  readonly items?: number;
  readonly preview?: ValuePreview;
  readonly error?: ErrorInfo;
}

export interface ConsoleEntry {
  readonly seq: number;
  /** The run that printed it; null: the modules' top-level code (or a timer outside a run). */
  readonly runId: number | null;
  /** For module output: how many compilations had answered when it was printed (see `reduceSession`). */
  readonly epoch: number;
  readonly level: 'log' | 'info' | 'warn' | 'error';
  readonly node: string | null;
  readonly text: string;
}

/** What a run computed from: when any of it changes, its results are out of date. */
export type RunSource = Pick<Workspace, 'files' | 'inputs' | 'config' | 'tables' | 'outputs'>;

export interface RunState {
  readonly id: number;
  /** The workspace parts the run was started with (absent for runs the UI did not start). */
  readonly source?: RunSource;
  readonly status: 'running' | 'done' | 'failed' | 'stopped';
  readonly nodes: Readonly<Record<string, NodeRun>>;
  readonly results: Readonly<Record<string, ValuePreview>>;
  readonly validations: readonly ValidationResult[];
  readonly error?: ErrorInfo;
  readonly diagnostics: readonly Diagnostic[];
  readonly durationMs?: number;
  /** Files the run saved (materializers, `saveTo`), offered for download in Results. */
  readonly savedFiles?: readonly SavedFile[];
  /** The user pressed Stop. */
  readonly stopRequested?: boolean;
  /** What the run changed of the request, in words ("d no longer exists: removed from the outputs"). */
  readonly notes: readonly string[];
}

export interface Session {
  readonly worker: 'starting' | 'ready';
  /** The compile request in flight, if any. */
  readonly compiling: number | null;
  readonly compiled: CompiledEvent | null;
  readonly run: RunState | null;
  readonly console: readonly ConsoleEntry[];
  /** A one-line notice (the worker restarted, a run was stopped). */
  readonly notice: string | null;
  /** How many compilations have answered; module output printed before the latest answer is dropped. */
  readonly epoch: number;
}

export const initialSession: Session = {
  worker: 'starting',
  compiling: null,
  compiled: null,
  run: null,
  console: [],
  notice: null,
  epoch: 0,
};

/** The console keeps the newest entries only, so a print loop cannot exhaust memory. */
const CONSOLE_LIMIT = 5000;

/** The session actions the UI itself takes, beside the worker's events. */
export type SessionAction =
  | WorkerEvent
  | { readonly type: 'compile-requested'; readonly id: number }
  | {
      readonly type: 'run-requested';
      readonly id: number;
      readonly nodes: readonly string[];
      readonly source?: RunSource;
      readonly notes?: readonly string[];
    }
  | { readonly type: 'stop-requested' }
  | { readonly type: 'console-cleared' }
  | { readonly type: 'notice-dismissed' };

export function reduceSession(state: Session, action: SessionAction): Session {
  switch (action.type) {
    case 'ready':
      return { ...state, worker: 'ready' };
    case 'compile-requested':
      return { ...state, compiling: action.id };
    case 'compiled': {
      if (state.compiling !== null && action.id < state.compiling) return state;
      const graphChanged = !sameNodes(state.compiled, action);
      // A run's states describe the graph it ran on; a new graph (another example) starts idle.
      const run = graphChanged && state.run?.status !== 'running' ? null : state.run;
      return {
        ...state,
        compiling: state.compiling === action.id ? null : state.compiling,
        compiled: action,
        // The console shows what the latest evaluation of the modules printed, not every keystroke's,
        // and the output of the run still shown, not of one whose graph is gone.
        console: state.console.filter((e) =>
          e.runId === null ? e.epoch === state.epoch : e.runId === run?.id,
        ),
        epoch: state.epoch + 1,
        run,
      };
    }
    case 'run-requested': {
      const nodes: Record<string, NodeRun> = {};
      for (const name of action.nodes) nodes[name] = { state: 'pending' };
      return {
        ...state,
        notice: null,
        // Like a playground's console: a run's output replaces the previous run's.
        console: state.console.filter((e) => e.runId === null),
        run: {
          id: action.id,
          source: action.source,
          status: 'running',
          nodes,
          results: {},
          validations: [],
          diagnostics: [],
          notes: action.notes ?? [],
        },
      };
    }
    case 'node-started':
      return withNode(state, action.runId, action.node, {
        state: 'running',
        ...itemsDone(state, action.node, action.item, 0),
      });
    case 'node-finished':
      return withNode(state, action.runId, action.node, {
        state: 'done',
        durationMs: action.durationMs,
        preview: action.preview,
        ...itemsDone(state, action.node, action.item, 1),
        ...span(state, action),
      });
    case 'node-failed':
      // Stopped by the user: the node did not fail, it was not let finish.
      return withNode(
        state,
        action.runId,
        action.node,
        isStop(state, action.error)
          ? { state: 'skipped', durationMs: action.durationMs, ...span(state, action) }
          : { state: 'failed', durationMs: action.durationMs, error: action.error, ...span(state, action) },
      );
    case 'run-finished': {
      if (!state.run || state.run.id !== action.runId) return state;
      const stopped = isStop(state, action.error);
      const nodes: Record<string, NodeRun> = { ...state.run.nodes };
      // A run refused before any node started (a missing input, an unknown output, code that does not
      // compile) skipped nothing: the graph stays as it was, and the error says why.
      const refused = !action.ok && !stopped && Object.values(nodes).every((n) => n.state === 'pending');
      if (refused) for (const name of Object.keys(nodes)) delete nodes[name];
      else for (const name of action.skipped) nodes[name] = { state: 'skipped' };
      // Nodes still pending when a run ends did not run (an override, or the run failed early).
      for (const [name, node] of Object.entries(nodes)) {
        if (node.state === 'pending' || node.state === 'running') nodes[name] = { state: 'skipped' };
      }
      return {
        ...state,
        run: {
          ...state.run,
          status: action.ok ? 'done' : stopped ? 'stopped' : 'failed',
          nodes,
          results: action.results,
          validations: action.validations,
          // Stop is the user's choice, not an error.
          error: stopped ? undefined : action.error,
          diagnostics: action.diagnostics,
          durationMs: action.durationMs,
          savedFiles: action.savedFiles,
        },
      };
    }
    case 'console':
      return {
        ...state,
        console: [
          ...state.console.slice(-(CONSOLE_LIMIT - 1)),
          {
            seq: (state.console.at(-1)?.seq ?? 0) + 1,
            runId: action.runId,
            epoch: state.epoch,
            level: action.level,
            node: action.node,
            text: action.text,
          },
        ],
      };
    case 'stop-requested':
      return state.run?.status === 'running'
        ? { ...state, run: { ...state.run, stopRequested: true } }
        : state;
    case 'console-cleared':
      return { ...state, console: [] };
    case 'notice-dismissed':
      return { ...state, notice: null };
    case 'worker-restarted':
      return {
        ...state,
        worker: 'starting',
        compiling: null,
        // The status line says "Stopped" for a stop the user asked for.
        notice: action.reason === 'stopped' ? null : action.message,
        run: state.run && state.run.status === 'running' ? stopRun(state.run, action.node) : state.run,
      };
  }
}

/** The item count of a node of a parallel block, after one more item started (0) or finished (1). */
function itemsDone(
  state: Session,
  name: string,
  item: number | undefined,
  finished: 0 | 1,
): { items?: number } {
  if (item === undefined) return {};
  return { items: (state.run?.nodes[name]?.items ?? 0) + finished };
}

/** A finished node's time span in its run, widened over the items of a parallel block's node. */
function span(
  state: Session,
  event: { node: string; startMs?: number; durationMs: number },
): Pick<NodeRun, 'startMs' | 'endMs'> {
  if (event.startMs === undefined) return {};
  const was = state.run?.nodes[event.node];
  const end = event.startMs + event.durationMs;
  return {
    startMs: Math.min(event.startMs, was?.startMs ?? Infinity),
    endMs: Math.max(end, was?.endMs ?? -Infinity),
  };
}

/** A run's or node's end that the user's Stop caused (the host ends a stopped run with an AbortError). */
const isStop = (state: Session, error: ErrorInfo | undefined) =>
  state.run?.stopRequested === true && error?.name === 'AbortError';

function withNode(state: Session, runId: number, name: string, node: NodeRun): Session {
  if (!state.run || state.run.id !== runId) return state;
  return { ...state, run: { ...state.run, nodes: { ...state.run.nodes, [name]: node } } };
}

function stopRun(run: RunState, node: string | null): RunState {
  const nodes: Record<string, NodeRun> = {};
  for (const [name, n] of Object.entries(run.nodes)) {
    nodes[name] =
      n.state === 'running' || name === node
        ? { state: 'failed' }
        : n.state === 'pending'
          ? { state: 'skipped' }
          : n;
  }
  return { ...run, status: 'stopped', nodes };
}

function sameNodes(a: CompiledEvent | null, b: CompiledEvent): boolean {
  const x = a?.graph?.nodes ?? [];
  const y = b.graph?.nodes ?? [];
  return x.length === y.length && x.every((n, i) => n.name === y[i].name);
}

/**
 * Every diagnostic that has a place in the code: compilation's, the run's, and failed nodes' errors,
 * each once (a node's error often reaches the UI both as the run's diagnostic and as the node's).
 */
export function allDiagnostics(session: Pick<Session, 'compiled' | 'run'>): Diagnostic[] {
  const all: Diagnostic[] = [...(session.compiled?.diagnostics ?? []), ...(session.run?.diagnostics ?? [])];
  for (const [node, run] of Object.entries(session.run?.nodes ?? {})) {
    const e = run.error;
    if (!e?.file || !e.line) continue;
    const message = `${e.name}: ${e.message}`;
    all.push({
      severity: 'error',
      source: 'runtime',
      message,
      file: e.file,
      line: e.line,
      column: e.column,
      node,
    });
  }
  const seen = new Set<string>();
  return all.filter((d) => {
    const place = `${d.file}:${d.line}:${d.message}`;
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  });
}

/** Whether `workspace` differs, in anything a run reads, from what `run` was started with. */
export function runIsOutdated(run: RunState, workspace: RunSource): boolean {
  const source = run.source;
  if (!source) return false;
  return (
    source.files !== workspace.files ||
    source.inputs !== workspace.inputs ||
    source.config !== workspace.config ||
    source.tables !== workspace.tables ||
    source.outputs !== workspace.outputs
  );
}
