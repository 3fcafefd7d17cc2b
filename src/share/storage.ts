/**
 * Web storage that never throws: when the browser blocks site data, merely reading `localStorage`
 * throws a SecurityError, and a full quota makes every write throw. The page then keeps working in
 * memory and says so once.
 */

/** The part of the Web Storage API the playground uses (tests pass an in-memory one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A storage in memory: what the page uses when the browser's is unavailable. */
export function memoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/** The browser's localStorage when it can be read, else null. */
export function browserStorage(): KeyValueStorage | null {
  try {
    const storage = globalThis.localStorage;
    storage.getItem('hamilton-playground:probe');
    return storage;
  } catch {
    return null;
  }
}

/** localStorage, or memory when it is unavailable: for small preferences (theme, pane sizes, tutorial progress). */
export const preferences: KeyValueStorage = browserStorage() ?? memoryStorage();

/** Reads `key`, or null (never throws). */
export function readItem(storage: KeyValueStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes `key`; false when the browser refused (quota, blocked). */
export function writeItem(storage: KeyValueStorage, key: string, value: string): boolean {
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Why storage failed, in the user's words, from the error or the lack of storage. */
export const STORAGE_MESSAGES = {
  unavailable:
    'This browser does not let the playground keep data (site data is blocked or private mode): your work lasts while this page is open. Download the project to keep it.',
  full: 'This browser’s storage for the playground is full: your latest work is kept while this page is open. Download the project to keep it, or clear old History entries.',
} as const;
