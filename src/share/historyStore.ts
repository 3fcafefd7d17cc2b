/**
 * History's storage: one IndexedDB object store on the page's origin (shared by every tab), entries
 * keyed by id. IndexedDB holds far more than localStorage, so snapshots never crowd out the autosave.
 * When the browser refuses it (site data blocked, some private modes), History lasts for the page.
 */
import type { HistoryEntry, WorkKey } from './history';
import { parseWorkspace } from './validate';

/** Where History entries are kept. */
export interface HistoryStore {
  /** Every stored entry (malformed ones are skipped). */
  all(): Promise<HistoryEntry[]>;
  put(entry: HistoryEntry): Promise<void>;
  remove(id: string): Promise<void>;
}

const DB = 'hamilton-playground';
const STORE = 'history';

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

function entryOf(value: unknown): HistoryEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const parsed = parseWorkspace(e.workspace);
  if (!parsed.ok || typeof e.id !== 'string' || typeof e.time !== 'number' || typeof e.key !== 'string')
    return null;
  return {
    id: e.id,
    time: e.time,
    key: e.key as WorkKey,
    title: String(e.title ?? ''),
    source: String(e.source ?? ''),
    files: parsed.workspace.files.length,
    workspace: parsed.workspace,
  };
}

/** History in IndexedDB; `onError` is told once when it is unavailable or full. */
export function openHistoryStore(onError: (reason: 'unavailable' | 'full') => void): HistoryStore {
  let db: Promise<IDBDatabase | null>;
  try {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    db = done(request).catch(() => null);
  } catch {
    db = Promise.resolve(null);
  }
  let reported = false;
  const fail = (reason: 'unavailable' | 'full') => {
    if (!reported) onError(reason);
    reported = true;
  };
  void db.then((d) => d ?? fail('unavailable'));
  const write = async (change: (store: IDBObjectStore) => IDBRequest) => {
    const d = await db;
    if (!d) return;
    try {
      await done(change(d.transaction(STORE, 'readwrite').objectStore(STORE)));
    } catch {
      fail('full');
    }
  };
  return {
    async all() {
      const d = await db;
      if (!d) return [];
      try {
        const values = await done(d.transaction(STORE).objectStore(STORE).getAll());
        return values.map(entryOf).filter((e): e is HistoryEntry => e !== null);
      } catch {
        return [];
      }
    },
    put: (entry) => write((store) => store.put(entry)),
    remove: (id) => write((store) => store.delete(id)),
  };
}
