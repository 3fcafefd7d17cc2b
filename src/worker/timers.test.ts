import { describe, expect, it } from 'vitest';
import { routeZeroDelayTimers } from './timers';

function scope() {
  const native: { delay: number | undefined }[] = [];
  const cleared: unknown[] = [];
  const s = {
    setTimeout: ((_: TimerHandler, delay?: number) => native.push({ delay })) as unknown as typeof setTimeout,
    clearTimeout: ((id?: unknown) => cleared.push(id)) as typeof clearTimeout,
  };
  routeZeroDelayTimers(s);
  return { s, native, cleared };
}

describe('routeZeroDelayTimers', () => {
  it('runs zero-delay callbacks on the next message task, in order, with their arguments', async () => {
    const { s, native } = scope();
    const calls: string[] = [];
    s.setTimeout((a: string) => calls.push(a), 0, 'first');
    s.setTimeout(() => calls.push('second'));
    expect(calls).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['first', 'second']);
    expect(native).toEqual([]);
  });

  it('leaves real delays to the native timer, and cancels either kind', async () => {
    const { s, native, cleared } = scope();
    s.setTimeout(() => undefined, 5);
    expect(native).toEqual([{ delay: 5 }]);
    const calls: string[] = [];
    const id = s.setTimeout(() => calls.push('cancelled'), 0);
    s.clearTimeout(id);
    s.clearTimeout(42 as unknown as ReturnType<typeof setTimeout>);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([]);
    expect(cleared).toEqual([42]);
  });
});
