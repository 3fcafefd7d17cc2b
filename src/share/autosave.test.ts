import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEYS, createAutosave, type SavedWork } from './autosave';
import type { KeyValueStorage } from './storage';
import type { Workspace } from './workspace';

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
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
const work = (code: string): SavedWork => ({
  tab: 'a',
  current: { key: 'example:hello', title: 'Hello world', workspace: ws(code) },
  edits: { 'example:hello': ws(code) },
  beforeTutorial: null,
});

describe('autosave', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    vi.useFakeTimers();
    storage = new MemoryStorage();
  });
  afterEach(() => vi.useRealTimers());

  it('saves after a quiet time, once, and reads it back on the next visit', () => {
    const autosave = createAutosave({ storage, delayMs: 400 });
    autosave.change(work('one'));
    autosave.change(work('two'));
    vi.advanceTimersByTime(399);
    expect(storage.items.has(AUTOSAVE_KEYS.work)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(createAutosave({ storage }).saved()).toEqual(work('two'));
  });

  it('flushes on demand (page hide)', () => {
    const autosave = createAutosave({ storage });
    autosave.change(work('now'));
    autosave.flush();
    expect(autosave.saved()?.current.workspace.files[0].code).toBe('now');
  });

  it('opens what an older playground saved as the user’s own work', () => {
    storage.setItem(AUTOSAVE_KEYS.legacy, JSON.stringify(ws('old')));
    expect(createAutosave({ storage }).saved()?.current).toEqual({
      key: 'own',
      title: 'Saved work',
      workspace: ws('old'),
    });
  });

  it('hands over what an older playground set aside (for History)', () => {
    expect(createAutosave({ storage }).setAside()).toBeNull();
    storage.setItem(AUTOSAVE_KEYS.legacyPrevious, JSON.stringify(ws('aside')));
    expect(createAutosave({ storage }).setAside()).toEqual(ws('aside'));
  });

  it('ignores malformed saves', () => {
    storage.setItem(AUTOSAVE_KEYS.work, '{"current":{"key":"evil","title":"x","workspace":{}}}');
    expect(createAutosave({ storage }).saved()).toBeNull();
    storage.setItem(AUTOSAVE_KEYS.work, 'not json');
    expect(createAutosave({ storage }).saved()).toBeNull();
  });

  it('a full storage is said once, never thrown, and the next change tries again', () => {
    const onError = vi.fn();
    const autosave = createAutosave({ storage, onError });
    storage.full = true;
    autosave.change(work('a'));
    expect(() => vi.runAllTimers()).not.toThrow();
    autosave.change(work('b'));
    vi.runAllTimers();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith('full');
    storage.full = false;
    autosave.change(work('c'));
    vi.runAllTimers();
    expect(autosave.saved()?.current.workspace.files[0].code).toBe('c');
  });

  it('without storage, says so at once and keeps nothing', () => {
    const onError = vi.fn();
    const autosave = createAutosave({ storage: null, onError });
    autosave.change(work('a'));
    vi.runAllTimers();
    expect(onError).toHaveBeenCalledWith('unavailable');
    expect(autosave.saved()).toBeNull();
  });
});
