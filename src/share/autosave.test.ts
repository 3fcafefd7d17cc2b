import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEYS, createAutosave, type AutosaveStorage } from './autosave';
import type { Workspace } from './workspace';

class MemoryStorage implements AutosaveStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const ws = (code: string): Workspace => ({
  version: 1,
  files: [{ name: 'functions.ts', code }],
  activeFile: 'functions.ts',
  inputs: {},
  config: {},
  outputs: [],
  tables: {},
});
const mine = ws('export const mine = 1;');
const fromLink = ws('export const shared = 2;');

describe('autosave', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    vi.useFakeTimers();
    storage = new MemoryStorage();
  });
  afterEach(() => vi.useRealTimers());

  it('saves after a quiet time, once, and restores on the next visit', () => {
    const autosave = createAutosave({ storage, delayMs: 300 });
    autosave.opened(ws(''), 'autosave');
    autosave.change(ws('export const x = 1'));
    vi.advanceTimersByTime(200);
    autosave.change(mine);
    vi.advanceTimersByTime(200);
    expect(storage.getItem(AUTOSAVE_KEYS.current)).toBeNull();
    vi.advanceTimersByTime(150);
    expect(createAutosave({ storage }).saved()).toEqual(mine);
  });

  it('does not write what a link opened until the user edits, and keeps the saved work restorable', () => {
    storage.setItem(AUTOSAVE_KEYS.current, JSON.stringify(mine));
    const autosave = createAutosave({ storage, delayMs: 10 });
    autosave.opened(fromLink, 'link');
    expect(autosave.restorable()).toEqual(mine);
    autosave.change(fromLink);
    vi.advanceTimersByTime(50);
    expect(createAutosave({ storage }).saved()).toEqual(mine);

    const edited = ws('export const shared = 3;');
    autosave.change(edited);
    vi.advanceTimersByTime(50);
    const nextVisit = createAutosave({ storage });
    expect(nextVisit.saved()).toEqual(edited);
    expect(nextVisit.restorable()).toEqual(mine);
    nextVisit.dismissRestorable();
    expect(nextVisit.restorable()).toBeNull();
  });

  it('leaves the saved work alone when a broken link opened the default example', () => {
    storage.setItem(AUTOSAVE_KEYS.current, JSON.stringify(mine));
    const autosave = createAutosave({ storage, delayMs: 10 });
    autosave.opened(ws('export const example = 0;'), 'example');
    autosave.flush();
    expect(createAutosave({ storage }).saved()).toEqual(mine);
    expect(autosave.restorable()).toEqual(mine);
  });

  it('flushes a pending change at once', () => {
    const autosave = createAutosave({ storage, delayMs: 10_000 });
    autosave.change(mine);
    autosave.flush();
    expect(createAutosave({ storage }).saved()).toEqual(mine);
  });

  it('ignores a saved value it cannot trust', () => {
    storage.setItem(AUTOSAVE_KEYS.current, '{"version":1,"files":"nope"}');
    expect(createAutosave({ storage }).saved()).toBeNull();
    storage.setItem(AUTOSAVE_KEYS.current, 'not json');
    expect(createAutosave({ storage }).saved()).toBeNull();
    storage.setItem(AUTOSAVE_KEYS.current, JSON.stringify({ ...mine, version: 99 }));
    expect(createAutosave({ storage }).saved()).toBeNull();
  });

  it('reports a full storage instead of throwing, and overwrites nothing', () => {
    storage.setItem(AUTOSAVE_KEYS.current, JSON.stringify(mine));
    const errors: string[] = [];
    const autosave = createAutosave({ storage, delayMs: 10, onError: (m) => errors.push(m) });
    autosave.opened(fromLink, 'link');
    storage.full = true;
    autosave.change(ws('export const edited = 1;'));
    vi.advanceTimersByTime(50);
    expect(errors[0]).toMatch(/could not be saved/);
    expect(createAutosave({ storage }).saved()).toEqual(mine);
  });
});
