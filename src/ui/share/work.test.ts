import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEYS, createAutosave, parseSavedWork } from '../../share/autosave';
import { initialWork, type HistoryEntry } from '../../share/history';
import type { HistoryStore } from '../../share/historyStore';
import { memoryStorage } from '../../share/storage';
import { exampleById } from '../../examples';
import { deleteFile, setFileCode } from '../state/workspaceEdits';
import { createWork, exampleHolding } from './work';

function memoryHistory(): HistoryStore & { readonly entries: Map<string, HistoryEntry> } {
  const entries = new Map<string, HistoryEntry>();
  return {
    entries,
    all: async () => [...entries.values()],
    put: async (entry) => void entries.set(entry.id, entry),
    remove: async (id) => void entries.delete(id),
  };
}

describe('the work shell', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const ecommerce = exampleById('ecommerce')!;
  const setup = () => {
    const storage = memoryStorage();
    const history = memoryHistory();
    const events = new EventTarget();
    const onOtherTab = vi.fn();
    const work = createWork({
      initial: initialWork(exampleHolding(ecommerce)),
      autosave: createAutosave({ storage, delayMs: 100 }),
      history,
      tab: 'mine',
      onOtherTab,
      events,
    });
    return { storage, history, events, onOtherTab, work };
  };

  it('autosaves edits, and keeps the project in History before a file is deleted', async () => {
    const { storage, history, work } = setup();
    work.workspace.update(setFileCode('features.ts', '// mine'));
    work.workspace.update(deleteFile('data_sets.ts'));
    expect(work.workspace.get().files.map((f) => f.name)).not.toContain('data_sets.ts');
    await vi.runAllTimersAsync();
    const [entry] = [...history.entries.values()];
    expect(entry.source).toBe('your edits to E-commerce features (batch)');
    expect(entry.workspace.files.map((f) => f.name)).toContain('data_sets.ts');
    const saved = parseSavedWork(storage.getItem(AUTOSAVE_KEYS.work));
    expect(saved?.tab).toBe('mine');
    expect(saved?.edits['example:ecommerce']?.files).toHaveLength(2);
  });

  it('keeps another tab’s different work in History, once per tab, and says so', async () => {
    const { events, history, onOtherTab, work } = setup();
    const theirs = {
      ...ecommerce.workspace,
      files: [{ name: 'x.ts', code: '// theirs' }],
      activeFile: 'x.ts',
    };
    const save = (code: string) =>
      events.dispatchEvent(
        Object.assign(new Event('storage'), {
          key: AUTOSAVE_KEYS.work,
          newValue: JSON.stringify({
            tab: 'other',
            current: {
              key: 'own',
              title: 'Saved work',
              workspace: { ...theirs, files: [{ name: 'x.ts', code }] },
            },
            edits: {},
            beforeTutorial: null,
          }),
        }),
      );
    save('// theirs');
    await vi.runAllTimersAsync();
    save('// theirs, later');
    const listed = () => work.state.get().history.map((e) => [e.id, e.source, e.workspace.files[0].code]);
    expect(listed()).toEqual([['tab-other', 'your work in another tab', '// theirs, later']]);
    // History read back (as opening its menu does) still has their latest save.
    await vi.runAllTimersAsync();
    await work.refreshHistory();
    expect(listed()).toEqual([['tab-other', 'your work in another tab', '// theirs, later']]);
    expect(history.entries.get('tab-other')?.workspace.files[0].code).toBe('// theirs, later');
    expect(onOtherTab).toHaveBeenCalled();
    // This tab's own saves are not another tab's.
    events.dispatchEvent(
      Object.assign(new Event('storage'), {
        key: AUTOSAVE_KEYS.work,
        newValue: JSON.stringify({ tab: 'mine', current: { key: 'own', title: 'x', workspace: theirs } }),
      }),
    );
    expect(work.state.get().history).toHaveLength(1);
  });

  it('does not list another tab’s copy of this tab’s own work', async () => {
    const { history, work } = setup();
    const copy = {
      id: 'tab-mine',
      time: 1,
      key: 'own',
      title: 'x',
      source: 'your work in another tab',
      files: 1,
      workspace: ecommerce.workspace,
    } as const;
    await history.put(copy);
    await history.put({ ...copy, id: 'tab-other' });
    await work.refreshHistory();
    expect(work.state.get().history.map((e) => e.id)).toEqual(['tab-other']);
  });
});
