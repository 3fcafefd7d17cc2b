import { describe, expect, it } from 'vitest';
import { storedShare, storeShare } from './paneSizes';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('pane sizes', () => {
  it('remembers each pane share beside the others', () => {
    const storage = memoryStorage();
    expect(storedShare('code', 0.42, storage)).toBe(0.42);
    storeShare('code', 0.6, storage);
    storeShare('graph', 0.3, storage);
    expect(storedShare('code', 0.42, storage)).toBe(0.6);
    expect(storedShare('graph', 0.55, storage)).toBe(0.3);
  });
  it('ignores stored values it cannot trust', () => {
    const storage = memoryStorage();
    storage.setItem('hamilton-playground:panes', '{"code": 7, "graph": "wide"}');
    expect(storedShare('code', 0.42, storage)).toBe(0.42);
    expect(storedShare('graph', 0.55, storage)).toBe(0.55);
    storage.setItem('hamilton-playground:panes', '{not json');
    expect(storedShare('code', 0.42, storage)).toBe(0.42);
  });
});
