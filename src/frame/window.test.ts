import { describe, expect, it } from 'vitest';
import { Series } from './series';

// Expected values are pandas 2's, for the same calls on the same data.
const spend = Series.of(10, 10, 20, 40, 40, 50);
const gappy = Series.of(1, NaN, 3, 4, NaN, 6);
const N = NaN;

describe('Series.rolling', () => {
  it("averages Hamilton's hello-world spend over three weeks", () => {
    expect(spend.rolling(3).mean().toArray()).toEqual([N, N, 40 / 3, 70 / 3, 100 / 3, 130 / 3]);
  });

  it('needs `minPeriods` present values in a window (default: the whole window)', () => {
    expect(gappy.rolling(3).mean().toArray()).toEqual([N, N, N, N, N, N]);
    expect(gappy.rolling(3, { minPeriods: 1 }).mean().toArray()).toEqual([1, 1, 2, 3.5, 3.5, 5]);
    expect(gappy.rolling(2).sum().toArray()).toEqual([N, N, N, 7, N, N]);
    expect(gappy.rolling(3, { minPeriods: 0 }).sum().toArray()).toEqual([1, 1, 4, 7, 7, 10]);
    expect(gappy.rolling(3, { minPeriods: 0 }).count().toArray()).toEqual([1, 1, 2, 2, 2, 2]);
  });

  it('gives sample std, min and max of each window', () => {
    const std = gappy.rolling(3, { minPeriods: 2 }).std().toArray();
    expect(std.slice(0, 2)).toEqual([N, N]);
    [Math.SQRT2, Math.SQRT1_2, Math.SQRT1_2, Math.SQRT2].forEach((v, i) =>
      expect(std[i + 2]).toBeCloseTo(v, 12),
    );
    expect(gappy.rolling(3, { minPeriods: 1 }).min().toArray()).toEqual([1, 1, 1, 3, 3, 4]);
    expect(gappy.rolling(3, { minPeriods: 1 }).max().toArray()).toEqual([1, 1, 3, 4, 4, 6]);
    expect(Series.of(NaN, 1).rolling(1, { minPeriods: 0 }).min().toArray()).toEqual([N, 1]);
  });

  it('keeps the variance of large, close values exact', () => {
    expect(
      Series.of(1e9 + 1, 1e9 + 2, 1e9 + 3)
        .rolling(3)
        .var()
        .toArray(),
    ).toEqual([N, N, 1]);
  });

  it('refuses a window or minPeriods that is not a whole number in range, and non-numeric series', () => {
    expect(() => spend.rolling(0)).toThrow('rolling: window must be a whole number of at least 1, got 0');
    expect(() => spend.rolling(2.5)).toThrow(RangeError);
    expect(() => spend.rolling(3, { minPeriods: 4 })).toThrow(
      'minPeriods must be a whole number from 0 to 3, got 4',
    );
    expect(() => (Series.of('a') as unknown as Series<number>).rolling(2)).toThrow(
      'rolling: needs a number series, not a string one',
    );
  });
});

describe('Series.shift, diff and cumsum', () => {
  it('shift moves values later (or earlier when negative), NaN where nothing moved in', () => {
    expect(gappy.shift(2).toArray()).toEqual([N, N, 1, N, 3, 4]);
    expect(gappy.shift(-1).toArray()).toEqual([N, 3, 4, N, 6, N]);
    expect(spend.shift(10).toArray()).toEqual([N, N, N, N, N, N]);
    expect(() => spend.shift(0.5)).toThrow('shift: periods must be a whole number, got 0.5');
  });

  it('diff is the change from `periods` places before', () => {
    expect(gappy.diff().toArray()).toEqual([N, N, N, 1, N, N]);
    expect(spend.diff(2).toArray()).toEqual([N, N, 10, 30, 20, 10]);
  });

  it('cumsum keeps missing values missing and goes on after them', () => {
    expect(gappy.cumsum().toArray()).toEqual([1, N, 4, 8, N, 14]);
  });
});
