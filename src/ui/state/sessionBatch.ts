/**
 * Many session actions reduced at once: what the playground does with the worker's events of one
 * animation frame. A 20,000-node run sends 40,000 node events and a print loop a thousand console
 * lines; reduced one by one, each would copy the run's node table or the console (quadratic work) and
 * each would redraw the page. Here consecutive node and console events write into one copy of each,
 * made once per batch, and the result is the same as reducing the actions in order with
 * {@link reduceSession}.
 */
import {
  CONSOLE_LIMIT,
  consoleEntry,
  reduceSession,
  type ConsoleEntry,
  type NodeRun,
  type Session,
  type SessionAction,
} from './session';
import { nodeAfter, recordFailure, type NodeEvent } from './runStates';

/** The copies a batch writes into: the session they belong to, its run's nodes and its console. */
interface Draft {
  session: Session;
  nodes: Record<string, NodeRun> | null;
  console: ConsoleEntry[] | null;
}

const isNodeEvent = (action: SessionAction): action is NodeEvent =>
  action.type === 'node-started' || action.type === 'node-finished' || action.type === 'node-failed';

/** `actions` reduced in order from `state`, with one copy of the node table and console per stretch. */
export function reduceSessionBatch(state: Session, actions: readonly SessionAction[]): Session {
  let draft: Draft = { session: state, nodes: null, console: null };
  for (const action of actions) {
    if (isNodeEvent(action)) addNodeEvent(draft, action);
    // Module output withheld while a link's banner shows goes the reducer's way, into the held list.
    else if (action.type === 'console' && !(draft.session.heldConsole && action.runId === null))
      addConsoleLine(draft, action);
    else draft = { session: reduceSession(settle(draft), action), nodes: null, console: null };
  }
  return settle(draft);
}

function addNodeEvent(draft: Draft, event: NodeEvent): void {
  const run = draft.session.run;
  if (!run || run.id !== event.runId) return;
  if (!draft.nodes) {
    draft.nodes = { ...run.nodes };
    draft.session = { ...draft.session, run: { ...run, nodes: draft.nodes } };
  }
  // `nodeAfter` reads the node's item count through `session.run.nodes`, which is this draft.
  const node = nodeAfter(draft.session, event);
  draft.nodes[event.node] = node;
  const recorded = recordFailure(draft.session.run!, event.node, node);
  if (recorded !== draft.session.run) draft.session = { ...draft.session, run: recorded };
}

function addConsoleLine(draft: Draft, event: Extract<SessionAction, { type: 'console' }>): void {
  if (!draft.console) {
    draft.console = [...draft.session.console];
    draft.session = { ...draft.session, console: draft.console };
  }
  draft.console.push(consoleEntry(draft.session, draft.console.at(-1), event));
}

/** The draft's session, its console cut to the newest {@link CONSOLE_LIMIT} entries. */
function settle(draft: Draft): Session {
  const lines = draft.console;
  if (!lines || lines.length <= CONSOLE_LIMIT) return draft.session;
  return { ...draft.session, console: lines.slice(-CONSOLE_LIMIT) };
}
