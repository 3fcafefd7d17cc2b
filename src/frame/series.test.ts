import { describe, expect, it } from 'vitest';
import { isSeries } from './dtype';
import { Series } from './series';
import { DataFrame } from './dataframe';

// Reference values computed with numpy (nan-skipping, ddof=1, linear quantiles: pandas' defaults).
const withGaps = Series.of(3.5, NaN, 1.0, 7.25, 2.0, NaN, 10.0, -4.0);

describe('construction', () => {
  it('infers the dtype from the first present value and maps null to missing', () => {
    expect(Series.of(1, null, 3).dtype).toBe('number');
    expect(Series.of(1, null, 3).toArray()).toEqual([1, NaN, 3]);
    expect(Series.of(null, true, false).toArray()).toEqual([null, true, false]);
    expect(Series.of('a', null).toArray()).toEqual(['a', null]);
    const d = new Date('2024-01-02T03:04:05Z');
    const dates = Series.of(d, null);
    expect(dates.dtype).toBe('date');
    expect(dates.values[0]).toBe(d.getTime());
    expect(dates.toArray()).toEqual([d, null]);
    expect(Series.from([]).dtype).toBe('number');
  });

  it('shares a Float64Array and copies other typed arrays into numbers', () => {
    const storage = new Float64Array([1, 2]);
    expect(Series.from(storage).values).toBe(storage);
    const ints = Series.from(new Int32Array([4, 5]));
    expect(ints.dtype).toBe('number');
    expect(ints.values).toBeInstanceOf(Float64Array);
    expect(ints.toArray()).toEqual([4, 5]);
  });

  it('uses an explicit dtype, and names the element that does not fit', () => {
    expect(Series.from([1, 2], 'number').sum()).toBe(3);
    expect(Series.from(new Float64Array([0, 86_400_000]), 'date').at(1)).toEqual(
      new Date('1970-01-02T00:00:00Z'),
    );
    expect(() => Series.from([1, 'x', 3] as unknown as number[])).toThrow(
      'Series.from: element 1 is a string, but the series is number',
    );
    expect(() => Series.from([{}] as unknown as number[])).toThrow('element 0 is an object');
  });

  it('has length, at, head, slice, take and full', () => {
    const s = Series.of(10, 20, 30, 40, 50, 60);
    expect(s.length).toBe(6);
    expect(s.at(0)).toBe(10);
    expect(s.at(-1)).toBe(60);
    expect(s.at(6)).toBeUndefined();
    expect(s.head().toArray()).toEqual([10, 20, 30, 40, 50]);
    expect(s.head(2).toArray()).toEqual([10, 20]);
    expect(s.slice(2, 4).toArray()).toEqual([30, 40]);
    expect(s.take([5, -1, 0]).toArray()).toEqual([60, NaN, 10]);
    expect(Series.of('a', 'b').take([1, -1]).toArray()).toEqual(['b', null]);
    expect(Series.of(true).take([-1, 0]).toArray()).toEqual([null, true]);
    expect(() => s.take([6])).toThrow('take: position 6 is outside a series of length 6');
    expect(Series.full(3, 'x', 'string').toArray()).toEqual(['x', 'x', 'x']);
    expect(Series.full(2, null, 'boolean').toArray()).toEqual([null, null]);
  });

  it('recognises Series by brand', () => {
    expect(isSeries(Series.of(1))).toBe(true);
    expect(isSeries([1])).toBe(false);
    expect(isSeries(null)).toBe(false);
  });
});

describe('arithmetic', () => {
  const a = Series.of(1, 2, NaN, -7);
  const b = Series.of(4, 0, 1, 3);

  it('works with a scalar and with a Series, NaN propagating', () => {
    expect(a.add(1).toArray()).toEqual([2, 3, NaN, -6]);
    expect(a.add(b).toArray()).toEqual([5, 2, NaN, -4]);
    expect(a.sub(b).toArray()).toEqual([-3, 2, NaN, -10]);
    expect(a.mul(2).toArray()).toEqual([2, 4, NaN, -14]);
    expect(a.div(b).toArray()).toEqual([0.25, Infinity, NaN, -7 / 3]);
    expect(a.pow(2).toArray()).toEqual([1, 4, NaN, 49]);
    expect(a.pow(b).toArray()).toEqual([1, 1, NaN, -343]);
  });

  it('takes the modulo with Python/pandas signs', () => {
    expect(Series.of(-7, 7, 7.5, 6).mod(3).toArray()).toEqual([2, 1, 1.5, 0]);
    expect(Series.of(7).mod(-3).toArray()).toEqual([-2]);
    expect(Series.of(7).mod(0).toArray()).toEqual([NaN]);
    expect(a.mod(b).toArray()).toEqual([1, NaN, NaN, 2]);
  });

  it('normalizes as the talk does: (age - mean) / std', () => {
    const age = Series.of(20, 30, 40);
    expect(age.sub(age.mean()).div(age.std()).toArray()).toEqual([-1, 0, 1]);
  });

  it('subtracts dates into milliseconds, both ways', () => {
    const logins = Series.of(new Date('2024-01-01T00:00:00Z'), null, new Date('2024-01-03T00:00:00Z'));
    const now = new Date('2024-01-04T00:00:00Z');
    expect(logins.rsub(now).div(86_400_000).toArray()).toEqual([3, NaN, 1]);
    expect(logins.sub(now).toArray()).toEqual([-3 * 86_400_000, NaN, -86_400_000]);
    expect(logins.sub(logins).toArray()).toEqual([0, NaN, 0]);
    expect(Series.of(1, 2).rsub(10).toArray()).toEqual([9, 8]);
  });

  it('refuses different lengths and incompatible types with a clear message', () => {
    expect(() => a.add(Series.of(1, 2))).toThrow(
      'add: series lengths differ (4 and 2); operations are positional',
    );
    const names = Series.of('x', 'y') as unknown as Series<number>;
    expect(() => names.add(1)).toThrow('add: needs a number series, not a string one');
    expect(() => Series.of(1, 2).mul(Series.of('x', 'y') as unknown as Series<number>)).toThrow(
      'mul: cannot combine a number series with a string series',
    );
    expect(() => Series.of(1).add('1' as unknown as number)).toThrow(
      'add: cannot combine a number series with a string',
    );
  });
});

describe('comparisons', () => {
  it('compares numbers with NaN never equal, as pandas does', () => {
    const s = Series.of(1, 2, NaN, 4);
    expect(s.eq(2).toArray()).toEqual([false, true, false, false]);
    expect(s.ne(2).toArray()).toEqual([true, false, true, true]);
    expect(s.gt(1).toArray()).toEqual([false, true, false, true]);
    expect(s.ge(2).toArray()).toEqual([false, true, false, true]);
    expect(s.lt(2).toArray()).toEqual([true, false, false, false]);
    expect(s.le(2).toArray()).toEqual([true, true, false, false]);
    expect(s.eq(Series.of(1, 0, NaN, 4)).toArray()).toEqual([true, false, false, true]);
    expect(s.lt(Series.of(2, 2, 2, 2)).toArray()).toEqual([true, false, false, false]);
  });

  it('compares strings, missing values unequal to everything', () => {
    const gender = Series.of('male', 'female', null, 'male');
    expect(gender.eq('male').toArray()).toEqual([true, false, false, true]);
    expect(gender.ne('male').toArray()).toEqual([false, true, true, false]);
    expect(gender.gt('g').toArray()).toEqual([true, false, false, true]);
    expect(gender.le('female').toArray()).toEqual([false, true, false, false]);
    expect(gender.eq(Series.of('male', 'male', null, 'male')).toArray()).toEqual([true, false, false, true]);
  });

  it('compares dates and booleans', () => {
    const d = Series.of(new Date('2024-01-01'), null, new Date('2024-03-01'));
    expect(d.gt(new Date('2024-02-01')).toArray()).toEqual([false, false, true]);
    expect(d.eq(new Date('2024-01-01')).toArray()).toEqual([true, false, false]);
    const flags = Series.of(true, false, null);
    expect(flags.eq(true).toArray()).toEqual([true, false, false]);
    expect(flags.ne(true).toArray()).toEqual([false, true, true]);
    expect(() => flags.gt(true)).toThrow('gt: booleans are not ordered; use eq or ne');
  });

  it('refuses comparing different types', () => {
    expect(() => Series.of(1).eq('1' as unknown as number)).toThrow(
      'eq: cannot compare a number series with a string',
    );
    expect(() => Series.of('a').eq(Series.of(1) as unknown as Series<string>)).toThrow(
      'eq: cannot compare a string series with a number series',
    );
    expect(() => Series.of('a').eq(Series.of('a', 'b'))).toThrow('eq: series lengths differ (1 and 2)');
  });
});

describe('logic', () => {
  const a = Series.of(true, true, true, false, false, false, null, null, null);
  const b = Series.of(true, false, null, true, false, null, true, false, null);

  it('follows three-valued (Kleene) logic for missing values', () => {
    expect(a.and(b).toArray()).toEqual([true, false, null, false, false, false, null, false, null]);
    expect(a.or(b).toArray()).toEqual([true, true, true, true, false, null, true, null, null]);
    expect(a.not().toArray()).toEqual([false, false, false, true, true, true, null, null, null]);
    expect(Series.of(true, false).and(true).toArray()).toEqual([true, false]);
    expect(Series.of(true, false).or(false).toArray()).toEqual([true, false]);
  });

  it('needs booleans', () => {
    expect(() => (Series.of(1) as unknown as Series<boolean>).not()).toThrow(
      'not: needs a boolean series, not a number one',
    );
    expect(() => Series.of(true).and(Series.of(1) as unknown as Series<boolean>)).toThrow(
      'and: cannot combine a boolean series with a number series',
    );
  });
});

describe('missing values, map and astype', () => {
  it('finds and fills missing values of every dtype', () => {
    expect(withGaps.isNa().toArray()).toEqual([false, true, false, false, false, true, false, false]);
    expect(Series.of('a', null).notNa().toArray()).toEqual([true, false]);
    expect(Series.of(1, NaN).fillNa(0).toArray()).toEqual([1, 0]);
    expect(Series.of('a', null).fillNa('z').toArray()).toEqual(['a', 'z']);
    expect(Series.of(null, true).fillNa(false).toArray()).toEqual([false, true]);
    const d = new Date('2020-01-01T00:00:00Z');
    expect(Series.of(null, d).fillNa(d).toArray()).toEqual([d, d]);
  });

  it('maps elements, inferring or taking the dtype', () => {
    expect(
      Series.of(1, 2)
        .map((x) => x * 10)
        .toArray(),
    ).toEqual([10, 20]);
    expect(
      Series.of(1, 2)
        .map((x) => (x > 1 ? 'big' : null))
        .toArray(),
    ).toEqual([null, 'big']);
    expect(
      Series.of('a', null)
        .map((s) => s === null, 'boolean')
        .toArray(),
    ).toEqual([false, true]);
    expect(
      Series.of(5)
        .map((_, i) => i)
        .toArray(),
    ).toEqual([0]);
  });

  it('converts between dtypes', () => {
    expect(Series.of(0, 2, NaN).astype('boolean').toArray()).toEqual([false, true, null]);
    expect(Series.of(1.5, NaN).astype('string').toArray()).toEqual(['1.5', null]);
    expect(Series.of(' 3 ', '', null).astype('number').toArray()).toEqual([3, NaN, NaN]);
    expect(Series.of('TRUE', 'false').astype('boolean').toArray()).toEqual([true, false]);
    expect(Series.of(true, false).astype('number').toArray()).toEqual([1, 0]);
    expect(Series.of('2024-01-02T00:00:00Z').astype('date').toArray()).toEqual([
      new Date('2024-01-02T00:00:00Z'),
    ]);
    expect(Series.of(new Date(0)).astype('string').toArray()).toEqual(['1970-01-01T00:00:00.000Z']);
    expect(Series.of(new Date(5)).astype('number').toArray()).toEqual([5]);
    expect(Series.of(5).astype('date').toArray()).toEqual([new Date(5)]);
    const same = Series.of(1);
    expect(same.astype('number')).toBe(same);
    expect(() => Series.of('1', 'x').astype('number')).toThrow(
      "astype('number'): element 1 is 'x', not a number",
    );
    expect(() => Series.of('yes').astype('boolean')).toThrow(
      "astype('boolean'): element 0 is 'yes', not true or false",
    );
    expect(() => Series.of(true).astype('date')).toThrow(
      "astype('date'): cannot convert a boolean (element 0) to date",
    );
  });
});

describe('reductions (pandas semantics: missing skipped, std and var with ddof 1)', () => {
  it('matches numpy/pandas on data with gaps', () => {
    expect(withGaps.count()).toBe(6);
    expect(withGaps.sum()).toBe(19.75);
    expect(withGaps.mean()).toBeCloseTo(3.2916666666666665, 14);
    expect(withGaps.std()).toBeCloseTo(4.915324675610622, 14);
    expect(withGaps.var()).toBeCloseTo(24.160416666666666, 13);
    expect(withGaps.min()).toBe(-4);
    expect(withGaps.max()).toBe(10);
    expect(withGaps.median()).toBe(2.75);
  });

  it('interpolates quantiles linearly, as pandas does by default', () => {
    const expected: [number, number][] = [
      [0, -4],
      [0.1, -1.5],
      [0.25, 1.25],
      [0.5, 2.75],
      [0.75, 6.3125],
      [0.9, 8.625],
      [1, 10],
    ];
    for (const [q, value] of expected) expect(withGaps.quantile(q)).toBeCloseTo(value, 12);
    expect(() => withGaps.quantile(1.5)).toThrow('quantile: q must be between 0 and 1, got 1.5');
    expect(Series.of(4, 1, 3, 2).median()).toBe(2.5);
  });

  it('gives pandas results for empty and tiny series', () => {
    const empty = Series.of(NaN, NaN);
    expect(empty.sum()).toBe(0);
    expect(empty.count()).toBe(0);
    for (const v of [
      empty.mean(),
      empty.std(),
      empty.min(),
      empty.max(),
      empty.median(),
      Series.of(5).std(),
    ]) {
      expect(v).toBeNaN();
    }
    expect(Series.of(5).var()).toBeNaN();
    expect(Series.of(5).mean()).toBe(5);
  });

  it('gives count, mean, std, var, min and max from one pass, also across blocks', () => {
    // 5,000 values span three of the 2,048-value blocks the pass merges.
    const values = Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? NaN : 1e9 + ((i * 37) % 101)));
    const present = values.filter((x) => !Number.isNaN(x));
    const mean = present.reduce((s, x) => s + x, 0) / present.length;
    const variance = present.reduce((s, x) => s + (x - mean) ** 2, 0) / (present.length - 1);
    const stats = Series.from(values).stats();
    expect(stats.count).toBe(4500);
    expect(stats.mean).toBeCloseTo(mean, 6);
    expect(stats.var).toBeCloseTo(variance, 6);
    expect(stats.std).toBeCloseTo(Math.sqrt(variance), 8);
    expect(stats.min).toBe(Math.min(...present));
    expect(stats.max).toBe(Math.max(...present));
  });

  it('counts, mins and maxes other dtypes', () => {
    expect(Series.of('b', null, 'a', 'c').count()).toBe(3);
    expect(Series.of('b', null, 'a', 'c').min()).toBe('a');
    expect(Series.of('b', null, 'a', 'c').max()).toBe('c');
    expect(Series.of(true, null).count()).toBe(1);
    const dates = Series.of(new Date('2024-05-01'), null, new Date('2023-01-01'));
    expect(dates.min()).toEqual(new Date('2023-01-01'));
    expect(dates.max()).toEqual(new Date('2024-05-01'));
    expect(dates.count()).toBe(2);
    expect(Series.from([null], 'date').min()).toBeNull();
    expect(() => (Series.of('a') as unknown as Series<number>).mean()).toThrow(
      'mean: needs a number series, not a string one',
    );
  });
});

describe('toString', () => {
  it('describes a Series and a DataFrame by what they hold, not by a (minifiable) class name', () => {
    expect(String(Series.from([1, 2, 3, 4, 5, 6]))).toBe('Series<number>(6) [1, 2, 3, 4, 5, …]');
    expect(String(DataFrame.fromColumns({ a: [1, 2], b: ['x', 'y'] }))).toBe('DataFrame(2 × 2) [a, b]');
  });
});
