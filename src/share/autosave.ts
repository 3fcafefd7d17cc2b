/**
 * Autosave: the workspace is kept in localStorage as the user types, and reopening the playground
 * restores it. When the page opens something else (a share link, or the default example after a broken
 * link), the saved work is not touched until the user edits; the first save after that moves it to a
 * second slot first, so "Restore my previous work" always has something to restore.
 */
import type { Workspace } from './workspace';
import { parseWorkspace } from './validate';

/** localStorage keys (one place, so tests and the UI agree). */
export const AUTOSAVE_KEYS = {
  current: 'hamilton-playground:workspace',
  previous: 'hamilton-playground:previous-workspace',
} as const;

/** The part of the Web Storage API autosave uses (tests pass an in-memory one). */
export type AutosaveStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Options of {@link createAutosave}. */
export interface AutosaveOptions {
  /** Where to save; localStorage by default. */
  readonly storage?: AutosaveStorage;
  /** Quiet time after the last change before saving, in milliseconds. */
  readonly delayMs?: number;
  /** Called when saving fails (storage full or disabled), so the UI can say so. */
  readonly onError?: (message: string) => void;
}

/** An autosave session for one page. */
export interface Autosave {
  /** The saved workspace, or null when there is none or it cannot be read. */
  saved(): Workspace | null;
  /**
   * Records what the page opened. When it did not come from the autosave, saving is held back until the
   * workspace changes, and the saved work becomes {@link restorable}.
   */
  opened(workspace: Workspace, from: 'autosave' | 'link' | 'example'): void;
  /** Saves `workspace` after the quiet time (each call restarts it). Unchanged workspaces are not written. */
  change(workspace: Workspace): void;
  /** Writes a pending change now (on page hide). */
  flush(): void;
  /** The user's own work set aside by opening a link, or null. */
  restorable(): Workspace | null;
  /** Forgets the set-aside work (after it was restored, or dismissed). */
  dismissRestorable(): void;
}

const same = (a: Workspace | null, b: Workspace | null) => JSON.stringify(a) === JSON.stringify(b);

function read(storage: AutosaveStorage, key: string): Workspace | null {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const parsed = parseWorkspace(JSON.parse(text));
    return parsed.ok ? parsed.workspace : null;
  } catch {
    return null;
  }
}

/** Starts autosaving. */
export function createAutosave(options: AutosaveOptions = {}): Autosave {
  const storage = options.storage ?? globalThis.localStorage;
  const delayMs = options.delayMs ?? 400;
  let pending: Workspace | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** What the page opened, when it was not the autosave: saving waits until the workspace differs. */
  let baseline: Workspace | null = null;
  /** The saved work, when opening something else set it aside and it was not written to `previous` yet. */
  let setAside: Workspace | null = null;

  const write = (key: string, workspace: Workspace) => {
    try {
      storage.setItem(key, JSON.stringify(workspace));
      return true;
    } catch (error) {
      options.onError?.(`Your work could not be saved in this browser: ${(error as Error).message}`);
      return false;
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const workspace = pending;
    pending = null;
    if (!workspace || same(workspace, baseline)) return;
    baseline = null;
    // Move the user's own work aside before the first write replaces it.
    if (setAside && !write(AUTOSAVE_KEYS.previous, setAside)) return;
    setAside = null;
    write(AUTOSAVE_KEYS.current, workspace);
  };

  return {
    saved: () => read(storage, AUTOSAVE_KEYS.current),
    opened(workspace, from) {
      clearTimeout(timer);
      pending = null;
      if (from === 'autosave') {
        baseline = null;
        return;
      }
      baseline = workspace;
      const saved = read(storage, AUTOSAVE_KEYS.current);
      if (saved && !same(saved, workspace)) setAside = saved;
    },
    change(workspace) {
      pending = workspace;
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    restorable: () => setAside ?? read(storage, AUTOSAVE_KEYS.previous),
    dismissRestorable() {
      setAside = null;
      try {
        storage.removeItem(AUTOSAVE_KEYS.previous);
      } catch {
        // Nothing to forget when storage is unavailable.
      }
    },
  };
}
