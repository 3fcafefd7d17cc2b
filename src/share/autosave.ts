/**
 * Autosave: what the editor holds and the user's edits of each example and tutorial step are kept in
 * localStorage as the user types (History lives in IndexedDB, see `historyStore.ts`), and reopening
 * the playground resumes them. Each tab signs what it writes, so another tab's save is recognised
 * (see `src/ui/share/work.ts`). A browser that refuses (site data blocked, quota full) is reported
 * once through `onError`; the page then keeps the work in memory.
 */
import type { Holding, WorkKey } from './history';
import { writeItem, readItem, type KeyValueStorage } from './storage';
import type { Workspace } from './workspace';
import { parseWorkspace } from './validate';

/** localStorage keys (one place, so tests and the UI agree). */
export const AUTOSAVE_KEYS = {
  work: 'hamilton-playground:work',
  /** What an older playground saved: one workspace, opened as the user's own work. */
  legacy: 'hamilton-playground:workspace',
  /** Work an older playground set aside (behind its "Restore my previous work"): it goes to History. */
  legacyPrevious: 'hamilton-playground:previous-workspace',
} as const;

/** What is saved: the persisted part of the work state, signed by the tab that wrote it. */
export interface SavedWork {
  readonly tab: string;
  readonly current: Holding;
  readonly edits: Readonly<Record<string, Workspace>>;
  readonly beforeTutorial: Holding | null;
}

/** Options of {@link createAutosave}. */
export interface AutosaveOptions {
  /** Where to save; null when the browser has no usable storage (nothing is read or written). */
  readonly storage: KeyValueStorage | null;
  /** Quiet time after the last change before saving, in milliseconds. */
  readonly delayMs?: number;
  /** Called once when saving fails (storage full or disabled), so the UI can say so. */
  readonly onError?: (reason: 'unavailable' | 'full') => void;
}

/** An autosave session for one page. */
export interface Autosave {
  /** The saved work, or null when there is none or it cannot be read. */
  saved(): SavedWork | null;
  /** Work an older playground set aside, or null. */
  setAside(): Workspace | null;
  /** Saves after the quiet time (each call restarts it). */
  change(work: SavedWork): void;
  /** Writes a pending change now (on page hide). */
  flush(): void;
}

const workspaceOf = (value: unknown): Workspace | null => {
  const parsed = parseWorkspace(value);
  return parsed.ok ? parsed.workspace : null;
};

function holdingOf(value: unknown): Holding | null {
  if (typeof value !== 'object' || value === null) return null;
  const { key, title, workspace } = value as Record<string, unknown>;
  const ws = workspaceOf(workspace);
  if (typeof key !== 'string' || !/^(own|example:.+|step:.+)$/.test(key) || typeof title !== 'string' || !ws)
    return null;
  return { key: key as WorkKey, title, workspace: ws };
}

/** Reads saved work from its JSON text; anything malformed is ignored, never trusted. */
export function parseSavedWork(text: string | null): SavedWork | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const current = holdingOf(value.current);
    if (!current) return null;
    const edits: Record<string, Workspace> = {};
    for (const [key, ws] of Object.entries((value.edits as Record<string, unknown>) ?? {})) {
      const parsed = workspaceOf(ws);
      if (parsed) edits[key] = parsed;
    }
    return {
      tab: typeof value.tab === 'string' ? value.tab : '',
      current,
      edits,
      beforeTutorial: holdingOf(value.beforeTutorial),
    };
  } catch {
    return null;
  }
}

function legacyWorkspace(storage: KeyValueStorage, key: string): Workspace | null {
  try {
    return workspaceOf(JSON.parse(readItem(storage, key) ?? 'null'));
  } catch {
    return null;
  }
}

function legacy(storage: KeyValueStorage): SavedWork | null {
  const ws = legacyWorkspace(storage, AUTOSAVE_KEYS.legacy);
  return (
    ws && {
      tab: '',
      current: { key: 'own', title: 'Saved work', workspace: ws },
      edits: {},
      beforeTutorial: null,
    }
  );
}

/** Starts autosaving. */
export function createAutosave(options: AutosaveOptions): Autosave {
  const { storage } = options;
  const delayMs = options.delayMs ?? 400;
  let pending: SavedWork | null = null;
  let written: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failed = false;
  if (!storage) {
    failed = true;
    options.onError?.('unavailable');
  }

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const work = pending;
    pending = null;
    if (!work || !storage) return;
    const text = JSON.stringify(work);
    if (text === written) return;
    if (writeItem(storage, AUTOSAVE_KEYS.work, text)) {
      written = text;
      return;
    }
    // Said once: the work is still in the page, and the next change tries again.
    if (!failed) options.onError?.('full');
    failed = true;
  };

  return {
    saved: () =>
      storage ? (parseSavedWork(readItem(storage, AUTOSAVE_KEYS.work)) ?? legacy(storage)) : null,
    setAside: () => (storage ? legacyWorkspace(storage, AUTOSAVE_KEYS.legacyPrevious) : null),
    change(work) {
      pending = work;
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}
