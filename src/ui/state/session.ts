/**
 * What the worker told us, reduced into the state the views draw: the last compilation, the current
 * run (node states, results, validations), the console, and the worker's status. Pure reducer; the
 * controller feeds it events.
 */
import type {
  CompiledEvent,
  Diagnostic,
  ErrorInfo,
  ValidationResult,
  ValuePreview,
  WorkerEvent,
} from '../../worker/protocol';

/** A node's state in the drawing. `idle`: nothing ran since the graph was built. */
export type NodeState = 'idle' | 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface NodeRun {
  readonly state: NodeState;
  readonly durationMs?: number;
  readonly preview?: ValuePreview;
  readonly error?: ErrorInfo;
}

export interface ConsoleEntry {
  readonly seq: number;
  readonly level: 'log' | 'info' | 'warn' | 'error';
  readonly node: string | null;
  readonly text: string;
}

export interface RunState {
  readonly id: number;
  readonly status: 'running' | 'done' | 'failed' | 'stopped';
  readonly nodes: Readonly<Record<string, NodeRun>>;
  readonly results: Readonly<Record<string, ValuePreview>>;
  readonly validations: readonly ValidationResult[];
  readonly error?: ErrorInfo;
  readonly diagnostics: readonly Diagnostic[];
  readonly durationMs?: number;
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
}

export const initialSession: Session = {
  worker: 'starting',
  compiling: null,
  compiled: null,
  run: null,
  console: [],
  notice: null,
};

/** The console keeps the newest entries only, so a print loop cannot exhaust memory. */
const CONSOLE_LIMIT = 5000;

/** The session actions the UI itself takes, beside the worker's events. */
export type SessionAction =
  | WorkerEvent
  | { readonly type: 'compile-requested'; readonly id: number }
  | { readonly type: 'run-requested'; readonly id: number; readonly nodes: readonly string[] }
  | { readonly type: 'console-cleared' };

export function reduceSession(state: Session, action: SessionAction): Session {
  switch (action.type) {
    case 'ready':
      return { ...state, worker: 'ready' };
    case 'compile-requested':
      return { ...state, compiling: action.id };
    case 'compiled': {
      if (state.compiling !== null && action.id < state.compiling) return state;
      const graphChanged = !sameNodes(state.compiled, action);
      return {
        ...state,
        compiling: state.compiling === action.id ? null : state.compiling,
        compiled: action,
        // A run's states describe the graph it ran on; a new graph starts idle.
        run: graphChanged && state.run?.status !== 'running' ? null : state.run,
      };
    }
    case 'run-requested': {
      const nodes: Record<string, NodeRun> = {};
      for (const name of action.nodes) nodes[name] = { state: 'pending' };
      return {
        ...state,
        notice: null,
        run: { id: action.id, status: 'running', nodes, results: {}, validations: [], diagnostics: [] },
      };
    }
    case 'node-started':
      return withNode(state, action.runId, action.node, { state: 'running' });
    case 'node-finished':
      return withNode(state, action.runId, action.node, {
        state: 'done',
        durationMs: action.durationMs,
        preview: action.preview,
      });
    case 'node-failed':
      return withNode(state, action.runId, action.node, {
        state: 'failed',
        durationMs: action.durationMs,
        error: action.error,
      });
    case 'run-finished': {
      if (!state.run || state.run.id !== action.runId) return state;
      const nodes: Record<string, NodeRun> = { ...state.run.nodes };
      for (const name of action.skipped) nodes[name] = { state: 'skipped' };
      // Nodes still pending when a run ends did not run (an override, or the run failed early).
      for (const [name, node] of Object.entries(nodes)) {
        if (node.state === 'pending' || node.state === 'running') nodes[name] = { state: 'skipped' };
      }
      return {
        ...state,
        run: {
          ...state.run,
          status: action.ok ? 'done' : 'failed',
          nodes,
          results: action.results,
          validations: action.validations,
          error: action.error,
          diagnostics: action.diagnostics,
          durationMs: action.durationMs,
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
            level: action.level,
            node: action.node,
            text: action.text,
          },
        ],
      };
    case 'console-cleared':
      return { ...state, console: [] };
    case 'worker-restarted':
      return {
        ...state,
        worker: 'starting',
        compiling: null,
        notice: action.message,
        run: state.run && state.run.status === 'running' ? stopRun(state.run, action.node) : state.run,
      };
  }
}

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

/** Every diagnostic that has a place in the code: compilation's, the run's, and failed nodes' errors. */
export function allDiagnostics(session: Pick<Session, 'compiled' | 'run'>): Diagnostic[] {
  const out: Diagnostic[] = [...(session.compiled?.diagnostics ?? []), ...(session.run?.diagnostics ?? [])];
  for (const [node, run] of Object.entries(session.run?.nodes ?? {})) {
    const e = run.error;
    if (e?.file && e.line && !out.some((d) => d.node === node && d.line === e.line && d.file === e.file)) {
      out.push({
        severity: 'error',
        source: 'runtime',
        message: `${e.name}: ${e.message}`,
        file: e.file,
        line: e.line,
        column: e.column,
        node,
      });
    }
  }
  return out;
}
