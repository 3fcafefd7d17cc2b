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
  CheckResult,
  StaleNodeInfo,
  StaleReasonInfo,
  TextCut,
  ConsoleWithheld,
  ValuePreview,
  WorkerEvent,
} from '../../worker/protocol';
import type { RequestValues } from './requestStale';
import { finishedRun, markStale, nodeAfter, recordFailure, staleForRequest, stopRun } from './runStates';

/**
 * A node's state in the drawing. `idle`: nothing ran since the graph was built; `stale`: it was done, and
 * an edit or an input since changed what it computes from (the worker's cache would run it again).
 */
export type NodeState = 'idle' | 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'stale';

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
  /** Live mode: its value was reused from the worker's cache, not computed. */
  readonly cached?: boolean;
  /** Live mode: why it ran (or, when stale, why it would run again). */
  readonly reasons?: readonly StaleReasonInfo[];
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
  /** When the worker cut the line: where to fetch the rest. */
  readonly cut?: TextCut;
  /** On the line that counts lines left out: those lines, kept by the worker for download. */
  readonly withheld?: ConsoleWithheld;
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
  readonly validations: readonly CheckResult[];
  readonly error?: ErrorInfo;
  readonly diagnostics: readonly Diagnostic[];
  readonly durationMs?: number;
  /** Files the run saved (materializers, `saveTo`), offered for download in Results. */
  readonly savedFiles?: readonly SavedFile[];
  /** The user pressed Stop. */
  readonly stopRequested?: boolean;
  /** Live mode started it (a newer edit cancels it quietly). */
  readonly live?: boolean;
  /** What the run changed of the request, in words ("d no longer exists: removed from the outputs"). */
  readonly notes: readonly string[];
  /** Live mode: what the newest compile with an answer says its code edits made stale (since the run). */
  readonly codeStale?: readonly StaleNodeInfo[];
  /**
   * The nodes that failed with an error, in the order they failed: where the run's node diagnostics are
   * read from, so that a frame of a 20,000-node run does not walk its whole table to find them.
   */
  readonly failures?: readonly string[];
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
  /**
   * Module output withheld until Run (null: none is): code that came from a link is drawn in a sandboxed
   * worker, and what it prints there waits until the user has read it and clicked Run.
   */
  readonly heldConsole: readonly ConsoleEntry[] | null;
}

export const initialSession: Session = {
  worker: 'starting',
  compiling: null,
  compiled: null,
  run: null,
  console: [],
  notice: null,
  epoch: 0,
  heldConsole: null,
};

/** The console keeps the newest entries only, so a print loop cannot exhaust memory. */
export const CONSOLE_LIMIT = 5000;

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
      readonly live?: boolean;
    }
  | { readonly type: 'stop-requested' }
  /** The workspace's inputs, tables or config now (after a change, or a compile): what they make stale. */
  | { readonly type: 'request-edited'; readonly request: RequestValues }
  | { readonly type: 'console-cleared' }
  /** Module output waits for Run (code from a link), or is shown now. */
  | { readonly type: 'console-held' }
  | { readonly type: 'console-released' }
  | { readonly type: 'notice-dismissed' };

export function reduceSession(state: Session, action: SessionAction): Session {
  switch (action.type) {
    case 'ready':
      return { ...state, worker: 'ready' };
    case 'compile-requested':
      return { ...state, compiling: action.id };
    case 'compiled': {
      if (state.compiling !== null && action.id < state.compiling) return state;
      const compiled = withLastGraph(state.compiled, action);
      const graphChanged = !sameNodes(state.compiled, compiled);
      // A run's states describe the graph it ran on; a new graph (another example) starts idle.
      const kept = graphChanged && state.run?.status !== 'running' ? null : state.run;
      const run =
        kept && action.staleNodes && kept.status !== 'running'
          ? markStale({ ...kept, codeStale: action.staleNodes }, action.staleNodes)
          : kept;
      return {
        ...state,
        compiling: state.compiling === action.id ? null : state.compiling,
        compiled,
        // The console shows what the latest evaluation of the modules printed, not every keystroke's,
        // and the output of the run still shown, not of one whose graph is gone.
        console: state.console.filter((e) =>
          e.runId === null ? e.epoch === state.epoch : e.runId === run?.id,
        ),
        heldConsole: state.heldConsole?.filter((e) => e.epoch === state.epoch) ?? null,
        epoch: state.epoch + 1,
        run,
      };
    }
    case 'run-requested': {
      const nodes: Record<string, NodeRun> = {};
      for (const name of action.nodes) nodes[name] = { state: 'pending' };
      // Withheld module output is shown now: the user has read the code and run it.
      const shown = released(state);
      return {
        ...shown,
        notice: null,
        // Like a playground's console: a run's output replaces the previous run's.
        console: shown.console.filter((e) => e.runId === null),
        run: {
          id: action.id,
          source: action.source,
          status: 'running',
          nodes,
          results: {},
          validations: [],
          diagnostics: [],
          notes: action.notes ?? [],
          ...(action.live && { live: true }),
        },
      };
    }
    case 'request-edited':
      return { ...state, run: state.run && staleForRequest(state, state.run, action.request) };
    case 'node-started':
    case 'node-finished':
    case 'node-failed': {
      const run = state.run;
      if (!run || run.id !== action.runId) return state;
      const node = nodeAfter(state, action);
      return {
        ...state,
        run: recordFailure({ ...run, nodes: { ...run.nodes, [action.node]: node } }, action.node, node),
      };
    }
    case 'run-finished':
      return finishedRun(state, action);
    case 'console': {
      const entry = consoleEntry(state, state.console.at(-1), action);
      if (state.heldConsole && action.runId === null)
        return { ...state, heldConsole: [...state.heldConsole.slice(-(CONSOLE_LIMIT - 1)), entry] };
      return { ...state, console: [...state.console.slice(-(CONSOLE_LIMIT - 1)), entry] };
    }
    case 'stop-requested':
      return state.run?.status === 'running'
        ? { ...state, run: { ...state.run, stopRequested: true } }
        : state;
    case 'console-cleared':
      return { ...state, console: [], heldConsole: state.heldConsole && [] };
    case 'console-held':
      // Once something ran, nothing is withheld any more.
      return state.heldConsole || state.run ? state : { ...state, heldConsole: [] };
    case 'console-released':
      return released(state);
    case 'notice-dismissed':
      return { ...state, notice: null };
    case 'text-chunk':
    case 'console-lines':
      // Answers to the host's held requests, delivered to their callers, not to the session.
      return state;
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

/** Withheld module output joins the console, in the order it was printed. */
function released(state: Session): Session {
  if (!state.heldConsole) return state;
  const console = [...state.console, ...state.heldConsole].sort((a, b) => a.seq - b.seq);
  return { ...state, console: console.slice(-CONSOLE_LIMIT), heldConsole: null };
}

/** The console entry a console event becomes, after `last` (the newest entry). */
export function consoleEntry(
  state: Session,
  last: ConsoleEntry | undefined,
  event: Extract<SessionAction, { type: 'console' }>,
): ConsoleEntry {
  return {
    // Withheld module output keeps its place: numbering runs across both lists.
    seq: Math.max(last?.seq ?? 0, state.heldConsole?.at(-1)?.seq ?? 0) + 1,
    runId: event.runId,
    epoch: state.epoch,
    level: event.level,
    node: event.node,
    text: event.text,
    ...(event.cut && { cut: event.cut }),
    ...(event.withheld && { withheld: event.withheld }),
  };
}

/**
 * A compile that built no graph (code that does not compile, modules that ran away or crashed) keeps the
 * last graph that built on screen, marked stale, with this compile's diagnostics: the user's picture of
 * the dataflow does not vanish while they fix a typo.
 */
function withLastGraph(shown: CompiledEvent | null, answer: CompiledEvent): CompiledEvent {
  if (answer.graph || !shown?.graph) return answer;
  return {
    ...answer,
    graph: shown.graph,
    variables: shown.variables,
    configKeys: shown.configKeys,
    stale: true,
  };
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
export function allDiagnostics(session: Pick<Session, 'compiled' | 'run'>): readonly Diagnostic[] {
  // The graph and the editor both ask, for every frame of a run: the answer for the same compile and
  // run is computed once (a 20,000-node run would otherwise be walked twice a frame).
  const { compiled, run } = session;
  if (lastDiagnostics?.compiled === compiled && lastDiagnostics.run === run) return lastDiagnostics.result;
  const found = collectDiagnostics(session);
  // The same findings keep their identity: views that draw them (editor markers, banners) draw again
  // only when they change, not on every frame of a run.
  const result =
    lastDiagnostics && sameDiagnostics(lastDiagnostics.result, found) ? lastDiagnostics.result : found;
  lastDiagnostics = { compiled, run, result };
  return result;
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  const key = (d: Diagnostic) =>
    [d.severity, d.source, d.message, d.file, d.line, d.column, d.node, d.endLine, d.endColumn].join(
      '\u0000',
    );
  return a.length === b.length && a.every((d, i) => d === b[i] || key(d) === key(b[i]));
}

let lastDiagnostics: {
  compiled: Session['compiled'];
  run: Session['run'];
  result: readonly Diagnostic[];
} | null = null;

function collectDiagnostics(session: Pick<Session, 'compiled' | 'run'>): Diagnostic[] {
  const all: Diagnostic[] = [...(session.compiled?.diagnostics ?? []), ...(session.run?.diagnostics ?? [])];
  const { nodes = {}, failures = [] } = session.run ?? {};
  for (const node of failures) {
    const e = nodes[node]?.error;
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
