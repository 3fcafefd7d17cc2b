import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrameBatch, type Schedule } from './frameBatch';

afterEach(() => {
  vi.useRealTimers();
});

/** A schedule driven by hand: `turn()` runs what was scheduled, as the next frame would. */
function manualSchedule() {
  let scheduled: (() => void) | null = null;
  const schedule: Schedule = (run) => {
    scheduled = run;
    return () => (scheduled = null);
  };
  return { schedule, turn: () => scheduled?.(), pending: () => scheduled !== null };
}

describe('createFrameBatch', () => {
  it('hands over everything that arrived since the last turn, in order, once per turn', () => {
    const { schedule, turn, pending } = manualSchedule();
    const batches: number[][] = [];
    const batch = createFrameBatch<number>((items) => batches.push(items), schedule);
    for (let i = 0; i < 1000; i++) batch.add(i);
    expect(batches).toEqual([]);
    turn();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1000);
    expect(batches[0].at(-1)).toBe(999);
    expect(pending()).toBe(false);
    batch.add(1000);
    turn();
    expect(batches).toEqual([batches[0], [1000]]);
  });

  it('flush hands over at once and cancels the scheduled turn; dispose drops what waits', () => {
    const { schedule, turn, pending } = manualSchedule();
    const batches: string[][] = [];
    const batch = createFrameBatch<string>((items) => batches.push(items), schedule);
    batch.add('a');
    batch.flush();
    expect(batches).toEqual([['a']]);
    expect(pending()).toBe(false);
    batch.flush();
    expect(batches).toHaveLength(1);
    batch.add('b');
    batch.dispose();
    turn();
    expect(batches).toHaveLength(1);
  });

  it('hands over within a quarter second when no frame comes (a hidden tab)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const batches: number[][] = [];
    const batch = createFrameBatch<number>((items) => batches.push(items));
    batch.add(1);
    vi.advanceTimersByTime(249);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[1]]);
    vi.unstubAllGlobals();
  });
});
