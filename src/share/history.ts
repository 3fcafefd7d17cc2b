/**
 * What the editor holds, the user's edits of each example and tutorial step, and the History of
 * snapshots: the pure state behind "your work is never lost". Every switch of what the editor holds
 * (an example, a tutorial step, a link, Reset, Show solution, a restore, closing the tutorial) first
 * keeps the current work as a History entry, unless it is exactly an original the user can open
 * again or a snapshot History already has. The shell (`src/ui/share/work.ts`) persists it: the
 * holding and the edits in localStorage, History in IndexedDB.
 */
import type { Workspace } from './workspace';

/**
 * Which work the editor holds: `example:<id>`, `step:<id>` (a tutorial step), or `own` (a link, a
 * restored snapshot of one, work from an older playground).
 */
export type WorkKey = `example:${string}` | `step:${string}` | 'own';

/** What the editor holds, and whose original it is. */
export interface Holding {
  readonly key: WorkKey;
  /** The example's or step's title, or what the own work is ("Shared link"). */
  readonly title: string;
  readonly workspace: Workspace;
}

/** A snapshot in History. */
export interface HistoryEntry {
  readonly id: string;
  /** When it was kept (ms since the epoch). */
  readonly time: number;
  /** Whose work it is, restored into the same place (an example's edits stay that example's). */
  readonly key: WorkKey;
  readonly title: string;
  /** Where it came from, in words: "your edits to Hello world". */
  readonly source: string;
  readonly files: number;
  readonly workspace: Workspace;
}

/** The state; `edits` and `beforeTutorial` are what coming back to an example or closing the tutorial finds. */
export interface WorkState {
  readonly current: Holding;
  /** The user's edits of each example and step, by key (an original is not kept here). */
  readonly edits: Readonly<Record<string, Workspace>>;
  /** The work open when the tutorial was opened, to return to when it closes. */
  readonly beforeTutorial: Holding | null;
  /** Newest first, bounded by {@link HISTORY_LIMITS}. */
  readonly history: readonly HistoryEntry[];
}

/** History keeps the newest entries within both bounds. */
export const HISTORY_LIMITS = { entries: 60, bytes: 8 * 1024 * 1024 } as const;

/** When and under which id a switch keeps its snapshot (the shell's clock and ids keep the reducer pure). */
export interface Stamp {
  readonly time: number;
  readonly id: string;
}

export type WorkAction =
  /** The user edited what the editor holds. */
  | { readonly type: 'edit'; readonly workspace: Workspace }
  /** Open an example or step: its kept edits, else `original` (`fresh`: `original` itself, as a link). */
  | {
      readonly type: 'open';
      readonly target: Holding;
      readonly fresh?: boolean;
      readonly stamp: Stamp;
    }
  /** The current example or step back to its original. */
  | { readonly type: 'reset'; readonly stamp: Stamp }
  /** Closing the tutorial: back to the work open before it (`fallback` when there was none). */
  | { readonly type: 'close-tutorial'; readonly fallback: Holding; readonly stamp: Stamp }
  /** A History entry back in the editor. */
  | { readonly type: 'restore'; readonly id: string; readonly stamp: Stamp }
  /** Keep the current work before an edit that removes something (a file delete). */
  | { readonly type: 'snapshot'; readonly stamp: Stamp }
  /** Entries from elsewhere: IndexedDB at start, another tab's work. Same ids replace. */
  | { readonly type: 'entries'; readonly entries: readonly HistoryEntry[] };

/** The originals the user can always open again (examples' and steps' starting files). */
export type Originals = (key: WorkKey) => Workspace | undefined;

const sameWorkspace = (a: Workspace | undefined, b: Workspace | undefined) =>
  a !== undefined && b !== undefined && (a === b || JSON.stringify(a) === JSON.stringify(b));

export const isStep = (key: WorkKey) => key.startsWith('step:');

/** How a snapshot names where it came from. */
export function sourceOf(holding: Pick<Holding, 'key' | 'title'>): string {
  if (holding.key === 'own') return `your work on ${holding.title}`;
  return `your edits to ${holding.title}`;
}

/** The state a first visit starts with. */
export function initialWork(current: Holding): WorkState {
  return { current, edits: {}, beforeTutorial: null, history: [] };
}

function bounded(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const kept: HistoryEntry[] = [];
  let bytes = 0;
  for (const entry of [...entries].sort((a, b) => b.time - a.time)) {
    if (kept.some((e) => e.id === entry.id)) continue;
    bytes += JSON.stringify(entry.workspace).length;
    if (kept.length >= HISTORY_LIMITS.entries || bytes > HISTORY_LIMITS.bytes) break;
    kept.push(entry);
  }
  return kept;
}

/** Keeps the current work in History, unless it is an untouched original or already there. */
function keep(state: WorkState, originals: Originals, stamp: Stamp): WorkState {
  const { current } = state;
  if (sameWorkspace(originals(current.key), current.workspace)) return state;
  if (state.history.some((e) => sameWorkspace(e.workspace, current.workspace))) return state;
  const entry: HistoryEntry = {
    id: stamp.id,
    time: stamp.time,
    key: current.key,
    title: current.title,
    source: sourceOf(current),
    files: current.workspace.files.length,
    workspace: current.workspace,
  };
  return { ...state, history: bounded([entry, ...state.history]) };
}

/** The edits map with `workspace` as the edits of `key` (an original is dropped, not kept). */
function withEdits(state: WorkState, originals: Originals, key: WorkKey, workspace: Workspace) {
  if (key === 'own') return state.edits;
  const edits = { ...state.edits };
  if (sameWorkspace(originals(key), workspace)) delete edits[key];
  else edits[key] = workspace;
  return edits;
}

/** Puts `next` in the editor; entering the tutorial remembers what to come back to, leaving it forgets. */
function hold(state: WorkState, originals: Originals, next: Holding): WorkState {
  const beforeTutorial = !isStep(next.key)
    ? null
    : isStep(state.current.key)
      ? state.beforeTutorial
      : state.current;
  return {
    ...state,
    current: next,
    beforeTutorial,
    edits: withEdits(state, originals, next.key, next.workspace),
  };
}

export function reduceWork(state: WorkState, action: WorkAction, originals: Originals): WorkState {
  switch (action.type) {
    case 'edit':
      if (action.workspace === state.current.workspace) return state;
      return {
        ...state,
        current: { ...state.current, workspace: action.workspace },
        edits: withEdits(state, originals, state.current.key, action.workspace),
      };
    case 'open': {
      const kept = keep(state, originals, action.stamp);
      const { target } = action;
      const workspace = (!action.fresh && kept.edits[target.key]) || target.workspace;
      return hold(kept, originals, { ...target, workspace });
    }
    case 'reset': {
      const original = originals(state.current.key);
      if (!original) return state;
      return hold(keep(state, originals, action.stamp), originals, { ...state.current, workspace: original });
    }
    case 'close-tutorial': {
      if (!isStep(state.current.key)) return state;
      const kept = keep(state, originals, action.stamp);
      const back = state.beforeTutorial ?? action.fallback;
      return hold(kept, originals, { ...back, workspace: kept.edits[back.key] ?? back.workspace });
    }
    case 'restore': {
      const entry = state.history.find((e) => e.id === action.id);
      if (!entry) return state;
      const kept = keep(state, originals, action.stamp);
      return hold(kept, originals, { key: entry.key, title: entry.title, workspace: entry.workspace });
    }
    case 'snapshot':
      return keep(state, originals, action.stamp);
    case 'entries': {
      if (!action.entries.length) return state;
      const ids = new Set(action.entries.map((e) => e.id));
      return {
        ...state,
        history: bounded([...action.entries, ...state.history.filter((e) => !ids.has(e.id))]),
      };
    }
  }
}

/** Whether the current example or step differs from its original (so "Reset to original" means something). */
export function isEdited(state: WorkState, originals: Originals): boolean {
  const original = originals(state.current.key);
  return original !== undefined && !sameWorkspace(original, state.current.workspace);
}
