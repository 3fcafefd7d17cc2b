import { describe, expect, it } from 'vitest';
import { WORKSPACE_VERSION, type Workspace } from '../../share/workspace';
import {
  addFile,
  addInputs,
  placeholderFor,
  deleteFile,
  fileNameProblem,
  renameFile,
  setConfigValue,
  setFileCode,
  setTable,
} from './workspaceEdits';
import { createWorkspaceStore } from './workspaceStore';

const ws: Workspace = {
  version: WORKSPACE_VERSION,
  files: [
    { name: 'a.ts', code: 'A' },
    { name: 'b.ts', code: 'B' },
  ],
  activeFile: 'b.ts',
  inputs: {},
  config: { mode: 'batch' },
  outputs: [],
  tables: {},
};

describe('workspace edits', () => {
  it('refuses bad or duplicate file names with a reason', () => {
    expect(fileNameProblem(ws, 'c.ts')).toBeNull();
    expect(fileNameProblem(ws, 'a.ts')).toMatch(/already exists/);
    expect(fileNameProblem(ws, 'a.ts', 'a.ts')).toBeNull();
    expect(fileNameProblem(ws, '../x.ts')).toMatch(/name like/);
    expect(addFile('a.ts')(ws)).toBe(ws);
  });
  it('adds, renames and deletes files, keeping the active tab sensible', () => {
    const added = addFile('c.ts', 'C')(ws);
    expect(added.files.map((f) => f.name)).toEqual(['a.ts', 'b.ts', 'c.ts']);
    expect(added.activeFile).toBe('c.ts');
    const renamed = renameFile('b.ts', 'beta.ts')(ws);
    expect(renamed.files[1]).toEqual({ name: 'beta.ts', code: 'B' });
    expect(renamed.activeFile).toBe('beta.ts');
    const deleted = deleteFile('b.ts')(ws);
    expect(deleted.files.map((f) => f.name)).toEqual(['a.ts']);
    expect(deleted.activeFile).toBe('a.ts');
    expect(deleteFile('a.ts')(deleted)).toBe(deleted);
  });
  it('returns the same workspace for edits that change nothing', () => {
    expect(setFileCode('a.ts', 'A')(ws)).toBe(ws);
    expect(setConfigValue('mode', 'batch')(ws)).toBe(ws);
    expect(setConfigValue('mode', 'streaming')(ws).config).toEqual({ mode: 'streaming' });
    expect(setTable('t', null)(setTable('t', 'x,y\n1,2')(ws)).tables).toEqual({});
  });
  it('the store notifies on change only', () => {
    const store = createWorkspaceStore(ws);
    const seen: Workspace[] = [];
    const stop = store.subscribe((w) => seen.push(w));
    store.update(setFileCode('a.ts', 'A'));
    store.update(setFileCode('a.ts', 'AA'));
    stop();
    store.load(ws);
    expect(seen).toHaveLength(1);
    expect(store.get()).toBe(ws);
  });
  it('adds missing inputs with a placeholder their type suggests, keeping given ones', () => {
    expect(['number[]', 'Series<number>', 'number', 'string', 'boolean', 'Date'].map(placeholderFor)).toEqual(
      [[], [], 0, '', false, null],
    );
    const given = { ...ws, inputs: { x: 1 } };
    expect(
      addInputs([
        ['x', 0],
        ['y', ''],
      ])(given).inputs,
    ).toEqual({ x: 1, y: '' });
    expect(addInputs([['x', 0]])(given)).toBe(given);
  });
});
