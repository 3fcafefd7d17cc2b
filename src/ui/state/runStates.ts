/**
 * How the run shown moves: each node's state from the worker's node events, the run's end, a Stop, and
 * which finished nodes an edit or an input since made stale.
 */
import type { ErrorInfo, StaleNodeInfo, StaleReasonInfo } from '../../worker/protocol';
import { mergeStale, staleFromRequest, type RequestValues } from './requestStale';
import type { NodeRun, RunState, Session, SessionAction } from './session';

/** A node event of the run shown. */
export type NodeEvent = Extract<SessionAction, { type: 'node-started' | 'node-finished' | 'node-failed' }>;

/** The node's state after `event` (`state.run` is the run the event belongs to). */
export function nodeAfter(state: Session, event: NodeEvent): NodeRun {
  switch (event.type) {
    case 'node-started':
      return {
        state: 'running',
        ...itemsDone(state, event.node, event.item, 0),
        // A block's next item starting keeps what the finished ones said of the cache.
        ...(event.item !== undefined && state.run?.nodes[event.node]?.cached && { cached: true }),
        ...(event.reasons && { reasons: event.reasons }),
      };
    case 'node-finished':
      return {
        state: 'done',
        durationMs: event.durationMs,
        preview: event.preview,
        ...itemsDone(state, event.node, event.item, 1),
        ...(fromCache(state, event) ? { cached: true } : reasonsOf(state, event.node)),
        ...span(state, event),
      };
    case 'node-failed':
      // Stopped by the user: the node did not fail, it was not let finish.
      return isStop(state, event.error)
        ? { state: 'skipped', durationMs: event.durationMs, ...span(state, event) }
        : { state: 'failed', durationMs: event.durationMs, error: event.error, ...span(state, event) };
  }
}

/** The session after its run ended (`action` of another run changes nothing). */
export function finishedRun(
  state: Session,
  action: Extract<SessionAction, { type: 'run-finished' }>,
): Session {
  if (!state.run || state.run.id !== action.runId) return state;
  // A live run a newer edit cancelled was not stopped by anyone: its successor takes its place.
  const stopped =
    isStop(state, action.error) || (state.run.live === true && action.error?.name === 'AbortError');
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

/**
 * What a run's nodes show, for the graph's toolbar and legend: whether any has a time span (the waterfall
 * has something to draw), is from the cache, or is stale. One pass, asked once per frame of a run.
 */
export function runSummary(nodes: Readonly<Record<string, NodeRun>>): {
  readonly ran: boolean;
  readonly cached: boolean;
  readonly stale: boolean;
} {
  let ran = false;
  let cached = false;
  let stale = false;
  // `for…in`: a 20,000-node table is read without making an array of it.
  for (const name in nodes) {
    const node = nodes[name];
    ran ||= node.startMs !== undefined;
    cached ||= node.cached === true;
    stale ||= node.state === 'stale';
  }
  return { ran, cached, stale };
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

/** Whether a finished node came from the cache: for a node of a parallel block, every item so far did. */
function fromCache(state: Session, event: Extract<NodeEvent, { type: 'node-finished' }>): boolean {
  if (!event.cached) return false;
  const node = state.run?.nodes[event.node];
  return event.item === undefined || !node?.items || node.cached === true;
}

/** The reasons a node's start gave, kept with its result. */
function reasonsOf(state: Session, name: string): { reasons?: readonly StaleReasonInfo[] } {
  const reasons = state.run?.nodes[name]?.reasons;
  return reasons ? { reasons } : {};
}

/** A finished run's nodes after an edit: those the worker says would run again are stale, the rest done. */
export function markStale(run: RunState, stale: readonly StaleNodeInfo[]): RunState {
  if (run.status === 'running') return run;
  const why = new Map(stale.map((n) => [n.node, n.reasons]));
  const nodes: Record<string, NodeRun> = {};
  for (const [name, node] of Object.entries(run.nodes)) {
    const reasons = why.get(name);
    if (node.state !== 'done' && node.state !== 'stale') nodes[name] = node;
    else if (reasons) nodes[name] = { ...node, state: 'stale', cached: false, reasons };
    // An edit undone: the value shown is current again (why it would have re-run no longer holds).
    else nodes[name] = node.state === 'stale' ? { ...node, state: 'done', reasons: undefined } : node;
  }
  return { ...run, nodes };
}

/**
 * The last run's nodes, stale as the code's edits since the run made them (the newest compile that could
 * say) and as `request` does (what the inputs, tables and config changed since the run).
 */
export function staleForRequest(state: Session, run: RunState, request: RequestValues): RunState {
  const graph = state.compiled?.graph;
  if (!run.source || !graph) return run;
  return markStale(run, mergeStale(run.codeStale ?? [], staleFromRequest(graph, run.source, request)));
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

/** `run` after `node` became `after`: a failure with an error joins the run's failures. */
export function recordFailure(run: RunState, node: string, after: NodeRun): RunState {
  if (!after.error || run.failures?.includes(node)) return run;
  return { ...run, failures: [...(run.failures ?? []), node] };
}

/** A run's or node's end that the user's Stop caused (the host ends a stopped run with an AbortError). */
export const isStop = (state: Session, error: ErrorInfo | undefined) =>
  state.run?.stopRequested === true && error?.name === 'AbortError';

export function stopRun(run: RunState, node: string | null): RunState {
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
