import { describe, expect, it } from 'vitest';
import { DataFrame, Series } from '.';

// Arguments of the wrong shape get a TypeError naming the method and what it expected.
describe('frame methods refuse arguments of the wrong shape, saying what they expected', () => {
  const left = DataFrame.fromColumns({ key: [1, 2, 3], a: [10, 20, 30] });
  const right = DataFrame.fromColumns({ key: [2, 3], b: ['x', 'y'] });
  const loose = left as unknown as Record<string, (...args: unknown[]) => unknown>;

  it("leftJoin takes the key alone (pandas' habit), a list of keys, or { on }", () => {
    const expected = ['null', 'x', 'y']; // a string column's missing value reads null
    expect(left.leftJoin(right, 'key').column('b').toArray().map(String)).toEqual(expected);
    expect(left.leftJoin(right, ['key']).column('b').toArray().map(String)).toEqual(expected);
    expect(left.leftJoin(right, { on: 'key' }).column('b').toArray().map(String)).toEqual(expected);
  });

  it.each<[string, () => unknown, string]>([
    [
      'leftJoin without keys',
      () => loose.leftJoin.call(left, right),
      'leftJoin: expected the key column(s): a name, a list of names, or { on, suffixes }, got undefined',
    ],
    [
      'leftJoin with a number',
      () => loose.leftJoin.call(left, right, 5),
      'leftJoin: expected the key column(s): a name, a list of names, or { on, suffixes }, got 5 (a number)',
    ],
    [
      'leftJoin with { key }',
      () => loose.leftJoin.call(left, right, { key: 'key' }),
      'leftJoin: expected the key column(s): a name, a list of names, or { on, suffixes }, got an object',
    ],
    [
      'leftJoin with a name for the frame',
      () => loose.leftJoin.call(left, 'right', 'key'),
      "leftJoin: expected a DataFrame to join, got 'right' (a string)",
    ],
    [
      'column(undefined)',
      () => loose.column.call(left, undefined),
      'column: expected a column name, got undefined',
    ],
    [
      'assign(null)',
      () => loose.assign.call(left, null),
      'assign: expected an object of columns ({ name: values or a scalar }), got null',
    ],
    ['take(3)', () => loose.take.call(left, 3), 'take: expected an array of row positions, got 3 (a number)'],
    [
      'groupBy(undefined)',
      () => loose.groupBy.call(left),
      'groupBy: expected a key column name or a list of them, got undefined',
    ],
    [
      'agg(["a", "mean"])',
      () => (left.groupBy('key') as unknown as { agg: (s: unknown) => unknown }).agg(['a', 'mean']),
      "agg: expected named aggregations ({ out: ['column', 'mean'] }), got an array of 2",
    ],
    [
      'fromColumns([])',
      () => DataFrame.fromColumns([] as never),
      'fromColumns: expected an object of columns ({ name: values }), got an array of 0',
    ],
    [
      'fromRecords({})',
      () => DataFrame.fromRecords({} as never),
      'fromRecords: expected an array of row objects, got an object',
    ],
    [
      'Series.from(undefined)',
      () => Series.from(undefined as never),
      'Series.from: expected an array or a typed array of values, got undefined',
    ],
    [
      'Series take(null)',
      () => Series.from([1]).take(null as never),
      'take: expected an array of row positions, got null',
    ],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(new TypeError(message));
  });
});
