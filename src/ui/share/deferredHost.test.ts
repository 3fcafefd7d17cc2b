import { describe, expect, it, vi } from 'vitest';
import type { WorkerHost } from '../../worker/host';
import type { WorkerEvent } from '../../worker/protocol';
import { deferredHost } from './deferredHost';

/** A host that numbers requests as the real one does, and records them. */
function fakeHost() {
  let nextId = 1;
  const calls: string[] = [];
  const listeners = new Set<(e: WorkerEvent) => void>();
  const host: WorkerHost = {
    compile: () => (calls.push(`compile ${nextId}`), nextId++),
    run: () => (calls.push(`run ${nextId}`), nextId++),
    textChunk: () => Promise.resolve(null),
    consoleLines: () => Promise.resolve(null),
    stop: () => void calls.push('stop'),
    subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)),
    ready: Promise.resolve(),
    dispose: () => void calls.push('dispose'),
  };
  return { host, calls, emit: (e: WorkerEvent) => listeners.forEach((l) => l(e)) };
}

const ready: WorkerEvent = { type: 'ready', initMs: 1 };

describe('deferred worker host', () => {
  it('starts nothing for the first compile, then starts on Run and sends everything in order, same ids', async () => {
    const fake = fakeHost();
    const create = vi.fn(() => fake.host);
    const host = deferredHost(create);
    const seen: WorkerEvent[] = [];
    host.subscribe((e) => seen.push(e));
    expect(host.compile([], {})).toBe(1);
    expect(create).not.toHaveBeenCalled();
    expect(host.run({ outputs: [], inputs: {}, overrides: {}, tables: {} })).toBe(2);
    expect(create).toHaveBeenCalledTimes(1);
    expect(fake.calls).toEqual(['compile 1', 'run 2']);
    fake.emit(ready);
    expect(seen).toEqual([ready]);
    await host.ready;
  });

  it('sends compiles made before start() once it starts', () => {
    const fake = fakeHost();
    const host = deferredHost(() => fake.host);
    host.compile([], {});
    host.compile([{ name: 'a.ts', code: '' }], {});
    expect(fake.calls).toEqual([]);
    host.start();
    expect(fake.calls).toEqual(['compile 1', 'compile 2']);
  });

  it('unsubscribes from the real host, also listeners added before it started', () => {
    const fake = fakeHost();
    const host = deferredHost(() => fake.host);
    const seen: WorkerEvent[] = [];
    const unsubscribe = host.subscribe((e) => seen.push(e));
    host.start();
    unsubscribe();
    fake.emit(ready);
    expect(seen).toEqual([]);
  });

  it('does nothing on stop and dispose before it started', () => {
    const create = vi.fn(() => fakeHost().host);
    const host = deferredHost(create);
    host.stop();
    host.dispose();
    expect(create).not.toHaveBeenCalled();
  });
});
