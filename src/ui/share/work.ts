/**
 * The shell around the work reducer (`src/share/history.ts`): it feeds it the user's edits and
 * switches, mirrors what the editor holds into the playground's workspace store, autosaves the
 * holding and the edits (localStorage), keeps History in IndexedDB, and notices another tab saving
 * over this one's work (a `storage` event), keeping that tab's work as a History entry.
 */
import { AUTOSAVE_KEYS, parseSavedWork, type Autosave } from '../../share/autosave';
import {
  reduceWork,
  type HistoryEntry,
  type Holding,
  type Originals,
  type WorkAction,
  type WorkKey,
  type WorkState,
} from '../../share/history';
import type { HistoryStore } from '../../share/historyStore';
import type { Workspace } from '../../share/workspace';
import { exampleById, type Example } from '../../examples';
import { tutorialSteps, type TutorialStep } from '../../examples/tutorial/steps';
import { createStore, type Store } from '../state/store';
import { createWorkspaceStore, type WorkspaceStore } from '../state/workspaceStore';

/** The starting files of every example and tutorial step: what the user can always open again. */
export const originals: Originals = (key) => {
  if (key.startsWith('example:')) return exampleById(key.slice('example:'.length))?.workspace;
  if (key.startsWith('step:')) return stepOf(key)?.start;
  return undefined;
};

/** The tutorial step a key names. */
export function stepOf(key: WorkKey): TutorialStep | undefined {
  return key.startsWith('step:') ? tutorialSteps.find((s) => `step:${s.id}` === key) : undefined;
}

export const exampleHolding = (example: Example): Holding => ({
  key: `example:${example.id}`,
  title: example.title,
  workspace: example.workspace,
});

export const stepHolding = (step: TutorialStep, which: 'start' | 'solution'): Holding => ({
  key: `step:${step.id}`,
  title: `tutorial step ${step.title}`,
  workspace: which === 'start' ? step.start : step.solution,
});

/** A switch of what the editor holds (the reducer's actions that take a stamp, without it). */
type Switch =
  | { readonly type: 'open'; readonly target: Holding; readonly fresh?: boolean }
  | { readonly type: 'reset' }
  | { readonly type: 'close-tutorial'; readonly fallback: Holding }
  | { readonly type: 'restore'; readonly id: string }
  | { readonly type: 'snapshot' };

export interface Work {
  readonly state: Store<WorkState>;
  /** The store the playground edits: its updates are the user's edits, its loads open own work. */
  readonly workspace: WorkspaceStore;
  /** Switches what the editor holds, keeping the current work in History first; returns the snapshot's id if one was kept. */
  switchTo(change: Switch): string | null;
  /** Reads History again (other tabs add to it). */
  refreshHistory(): Promise<void>;
  /** Adds entries to History (same ids replace). */
  remember(entries: readonly HistoryEntry[]): void;
  /** Writes pending autosave now. */
  flush(): void;
  dispose(): void;
}

export interface WorkOptions {
  readonly initial: WorkState;
  readonly autosave: Autosave;
  readonly history: HistoryStore;
  /** This tab's id (signs its saves). */
  readonly tab: string;
  /** Another tab saved different work; it is in History now. */
  readonly onOtherTab: () => void;
  /** Where `storage` events arrive (the window; tests pass their own). */
  readonly events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

export function createWork(options: WorkOptions): Work {
  const { initial, autosave, history, tab, onOtherTab, events = globalThis } = options;
  const state = createStore(initial);
  const inner = createWorkspaceStore(initial.current.workspace);
  let seq = 0;
  const stamp = () => ({ time: Date.now(), id: `${tab}-${Date.now().toString(36)}-${++seq}` });
  const dispatch = (action: WorkAction) => state.set(reduceWork(state.get(), action, originals));

  // What is in IndexedDB, so only the difference is written. By entry, not id: another tab's work
  // keeps one id and is replaced by each of its saves, and History is read back from IndexedDB.
  const stored = new Map<string, HistoryEntry>();
  const persist = (work: WorkState) => {
    const { current, edits, beforeTutorial } = work;
    autosave.change({ tab, current, edits, beforeTutorial });
    const ids = new Set(work.history.map((e) => e.id));
    for (const entry of work.history) {
      if (stored.get(entry.id) === entry) continue;
      stored.set(entry.id, entry);
      void history.put(entry);
    }
    for (const id of [...stored.keys()]) {
      if (ids.has(id)) continue;
      stored.delete(id);
      void history.remove(id);
    }
  };
  const unsubscribe = state.subscribe((work) => {
    if (work.current.workspace !== inner.get()) inner.load(work.current.workspace);
    persist(work);
  });

  const refreshHistory = async () => {
    // Another tab's copy of this tab's own work is what the editor holds: not shown here.
    const entries = (await history.all()).filter((e) => e.id !== `tab-${tab}`);
    for (const e of entries) stored.set(e.id, e);
    dispatch({ type: 'entries', entries });
  };
  void refreshHistory();

  const onStorage = (e: Event) => {
    const event = e as StorageEvent;
    if (event.key !== AUTOSAVE_KEYS.work) return;
    const theirs = parseSavedWork(event.newValue);
    if (!theirs || theirs.tab === tab) return;
    const { current } = theirs;
    if (JSON.stringify(current.workspace) === JSON.stringify(state.get().current.workspace)) return;
    const entry: HistoryEntry = {
      id: `tab-${theirs.tab}`,
      time: Date.now(),
      key: current.key,
      title: current.title,
      source: 'your work in another tab',
      files: current.workspace.files.length,
      workspace: current.workspace,
    };
    dispatch({ type: 'entries', entries: [entry] });
    onOtherTab();
  };
  events.addEventListener('storage', onStorage);

  const switchTo = (change: Switch) => {
    const s = stamp();
    dispatch({ ...change, stamp: s });
    return state.get().history.some((e) => e.id === s.id) ? s.id : null;
  };

  const workspace: WorkspaceStore = {
    get: inner.get,
    subscribe: inner.subscribe,
    update(change) {
      const next = change(inner.get());
      if (next === inner.get()) return;
      // An edit that removes a file keeps the work as it was first.
      if (next.files.length < inner.get().files.length) switchTo({ type: 'snapshot' });
      dispatch({ type: 'edit', workspace: next });
    },
    load(next: Workspace) {
      switchTo({ type: 'open', target: { key: 'own', title: 'Opened work', workspace: next }, fresh: true });
    },
  };

  return {
    state,
    workspace,
    switchTo,
    refreshHistory,
    remember: (entries) => dispatch({ type: 'entries', entries }),
    flush: () => autosave.flush(),
    dispose() {
      unsubscribe();
      events.removeEventListener('storage', onStorage);
    },
  };
}
