import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_VERSION, type Workspace } from '../../share/workspace';
import type { WorkerHost } from '../../worker/host';
import type { WorkerEvent } from '../../worker/protocol';
import { compiledEvent, finishedRun } from '../../worker/fixtures/events';
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

function fakeHost(): WorkerHost & {
  readonly compiled: number[];
  readonly runs: { id: number; live: boolean }[];
  emit(event: WorkerEvent | { type: 'ready' }): void;
} {
  let id = 0;
  const compiled: number[] = [];
  const runs: { id: number; live: boolean }[] = [];
  let listener: ((event: WorkerEvent) => void) | null = null;
  return {
    compiled,
    runs,
    emit: (event) => listener?.(event as WorkerEvent),
    compile: () => {
      compiled.push(++id);
      return id;
    },
    run: (request) => {
      runs.push({ id: ++id, live: request.live === true });
      return id;
    },
    textChunk: () => Promise.resolve(null),
    consoleLines: () => Promise.resolve(null),
    stop: () => {},
    subscribe: (l) => {
      listener = l;
      return () => (listener = null);
    },
    ready: Promise.resolve(),
    dispose: () => {},
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
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

  it('a Run covers the changes made before it: no live run repeats it from the cache', async () => {
    vi.useFakeTimers();
    // Events are applied a frame at a time; Node has no frames.
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 16));
    vi.stubGlobal('cancelAnimationFrame', (frame: ReturnType<typeof setTimeout>) => clearTimeout(frame));
    const host = fakeHost();
    const workspace = createWorkspaceStore(initial);
    const playground = createPlayground(host, workspace);
    await Promise.resolve();
    host.emit({ type: 'ready' });
    host.emit(compiledEvent(1));
    // An input changes, and Run is pressed before the input's pause is over.
    workspace.update((ws) => ({ ...ws, inputs: { x: 3 } }));
    await playground.run();
    expect(host.runs).toEqual([{ id: 2, live: false }]);
    host.emit(finishedRun(2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.runs).toHaveLength(1);
    // Live is on now: a change after the Run runs by itself.
    workspace.update((ws) => ({ ...ws, inputs: { x: 4 } }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.runs.map((r) => r.live)).toEqual([false, true]);
    playground.dispose();
  });

  it('a compile answered while a Run loads its tables starts no second run', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 16));
    vi.stubGlobal('cancelAnimationFrame', (frame: ReturnType<typeof setTimeout>) => clearTimeout(frame));
    vi.stubGlobal('location', { href: 'http://playground.test/' });
    const fetches: ((response: Response) => void)[] = [];
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => fetches.push(resolve)));
    const host = fakeHost();
    const workspace = createWorkspaceStore({ ...initial, tables: { orders: 'data/orders.csv' } });
    const playground = createPlayground(host, workspace);
    await Promise.resolve();
    host.emit({ type: 'ready' });
    host.emit(compiledEvent(1));
    // An edit's compile is sent by the Run and answered while the Run still fetches its table.
    workspace.update(setFileCode('f.ts', 'export const a = 2;'));
    const run = playground.run();
    expect(host.compiled).toEqual([1, 2]);
    host.emit(compiledEvent(2));
    // (Node's own Response reads its body on timers, which are fake here.)
    for (const respond of fetches) respond({ ok: true, text: () => Promise.resolve('id\n1\n') } as Response);
    await run;
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.runs).toEqual([{ id: 3, live: false }]);
    host.emit(finishedRun(3));
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.runs).toHaveLength(1);
    playground.dispose();
  });
});
