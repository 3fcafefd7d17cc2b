import { describe, expect, it } from 'vitest';
import { axisTicks, waterfallOf } from './waterfall';

describe('waterfallOf', () => {
  it('sorts the timed nodes by start and counts the untimed ones', () => {
    const w = waterfallOf(
      {
        c: { state: 'done', startMs: 5, endMs: 9 },
        a: { state: 'done', startMs: 0, endMs: 3 },
        b: { state: 'failed', startMs: 0, endMs: 1 },
        d: { state: 'skipped' },
      },
      12,
    );
    expect(w.bars.map((b) => b.name)).toEqual(['b', 'a', 'c']);
    expect(w.bars[0].state).toBe('failed');
    expect(w.untimed).toBe(1);
    expect(w.totalMs).toBe(12);
  });

  it('runs the axis to the last end when the run has no duration yet', () => {
    expect(waterfallOf({ a: { state: 'done', startMs: 2, endMs: 30 } }).totalMs).toBe(30);
  });
});

describe('axisTicks', () => {
  it('steps in round numbers from zero', () => {
    expect(axisTicks(100)).toEqual([0, 50, 100]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6]);
    expect(axisTicks(0)).toEqual([0]);
  });
});
