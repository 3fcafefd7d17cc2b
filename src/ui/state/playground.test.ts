import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_VERSION, type Workspace } from '../../share/workspace';
import type { WorkerHost } from '../../worker/host';
import { createPlayground } from './playground';
import { setFileCode } from './workspaceEdits';
import { createWorkspaceStore } from './workspaceStore';

const initial: Workspace = {
  version: WORKSPACE_VERSION,
  files: [{ name: 'f.ts', code: 'export const a = 1;' }],
  activeFile: 'f.ts',
  inputs: {},
  config: {},
  outputs: [],
  tables: {},
};

function fakeHost(): WorkerHost & { readonly compiled: number[] } {
  let id = 0;
  const compiled: number[] = [];
  return {
    compiled,
    compile: () => {
      compiled.push(++id);
      return id;
    },
    run: () => ++id,
    textChunk: () => Promise.resolve(null),
    consoleLines: () => Promise.resolve(null),
    stop: () => {},
    subscribe: () => () => {},
    ready: Promise.resolve(),
    dispose: () => {},
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createPlayground', () => {
  it('remembers the files each compile request was made of', async () => {
    vi.useFakeTimers();
    const host = fakeHost();
    const workspace = createWorkspaceStore(initial);
    const playground = createPlayground(host, workspace);
    await Promise.resolve();
    expect(host.compiled).toEqual([1]);
    expect(playground.filesOf(1)).toBe(initial.files);
    workspace.update(setFileCode('f.ts', 'export const a = 2;'));
    vi.advanceTimersByTime(200);
    expect(host.compiled).toEqual([1, 2]);
    expect(playground.filesOf(2)?.[0].code).toBe('export const a = 2;');
    // Typing on does not change what an earlier request was made of.
    workspace.update(setFileCode('f.ts', 'export const a = 3;'));
    expect(playground.filesOf(2)?.[0].code).toBe('export const a = 2;');
    expect(playground.filesOf(99)).toBeUndefined();
    playground.dispose();
  });
});
