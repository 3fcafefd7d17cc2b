import { describe, expect, expectTypeOf, it } from 'vitest';
import { DataFrame, isDataFrame } from './dataframe';
import { Series } from './series';

interface Survey {
  client_id: number;
  budget: number;
  age: number;
  gender: string;
}

const survey: DataFrame<Survey> = DataFrame.fromRecords([
  { client_id: 1, budget: 500, age: 25, gender: 'male' },
  { client_id: 2, budget: 1500, age: 35, gender: 'female' },
  { client_id: 3, budget: 2500, age: 45, gender: 'male' },
  { client_id: 4, budget: 800, age: NaN, gender: 'female' },
]);

describe('construction and access', () => {
  it('builds from records, keys in order of first appearance, absent keys missing', () => {
    const df = DataFrame.fromRecords<{ a: number; b?: string | null }>([
      { a: 1 },
      { a: 2, b: 'x' },
      { b: null, a: 3 },
    ]);
    expect(df.columnNames).toEqual(['a', 'b']);
    expect(df.shape).toEqual([3, 2]);
    expect(df.column('b').toArray()).toEqual([null, 'x', null]);
    expect(df.dtypes).toEqual({ a: 'number', b: 'string' });
    expect(DataFrame.fromRecords([]).shape).toEqual([0, 0]);
  });

  it('builds from columns of Series, typed arrays and arrays, sharing Series', () => {
    const ages = Series.of(1, 2);
    const df = DataFrame.fromColumns({
      age: ages,
      score: new Float32Array([0.5, 1.5]),
      ok: [true, null],
      when: [new Date(0), null],
    });
    expect(df.column('age')).toBe(ages);
    expect(df.dtypes).toEqual({ age: 'number', score: 'number', ok: 'boolean', when: 'date' });
    expect(df.column('ok').toArray()).toEqual([true, null]);
    const ms = DataFrame.fromColumns({ login: new Float64Array([0, 1000]) }, { dtypes: { login: 'date' } });
    expect(ms.column('login').toArray()).toEqual([new Date(0), new Date(1000)]);
  });

  it('refuses columns of different lengths and mixed values, naming the column', () => {
    expect(() => DataFrame.fromColumns({ a: [1, 2, 3], b: ['x'] })).toThrow(
      "fromColumns: column 'b' has 1 rows, but 'a' has 3",
    );
    expect(() => DataFrame.fromRecords([{ a: 1 }, { a: 'x' }] as { a: number }[])).toThrow(
      "fromRecords: column 'a': Series.from: element 1 is a string, but the series is number",
    );
  });

  it('types columns by the schema: a misspelt column is a compile error', () => {
    expectTypeOf(survey.column('age')).toEqualTypeOf<Series<number>>();
    expectTypeOf(survey.column('gender')).toEqualTypeOf<Series<string>>();
    // @ts-expect-error 'agee' is not a column of Survey
    expect(() => survey.column('agee')).toThrow(
      "Column 'agee' not found; the columns are: client_id, budget, age, gender",
    );
    expect(survey.hasColumn('age')).toBe(true);
    expect(survey.hasColumn('agee')).toBe(false);
    expect(isDataFrame(survey)).toBe(true);
    expect(isDataFrame({})).toBe(false);
  });
});

describe('assign, filter, head, take', () => {
  it('assigns Series, arrays and scalars, keeping replaced columns in place', () => {
    const df = survey.assign({
      is_male: survey.column('gender').eq('male'),
      budget: survey.column('budget').mul(2),
      source: 'web',
      rank: [4, 3, 2, 1],
    });
    expect(df.columnNames).toEqual(['client_id', 'budget', 'age', 'gender', 'is_male', 'source', 'rank']);
    expect(df.column('budget').toArray()).toEqual([1000, 3000, 5000, 1600]);
    expect(df.column('is_male').toArray()).toEqual([true, false, true, false]);
    expect(df.column('source').toArray()).toEqual(['web', 'web', 'web', 'web']);
    expectTypeOf(df.column('is_male')).toEqualTypeOf<Series<boolean>>();
    expectTypeOf(df.column('source')).toEqualTypeOf<Series<string>>();
    expect(() => survey.assign({ short: [1, 2] })).toThrow(
      "assign: column 'short' has 2 rows, but the frame has 4",
    );
    expect(survey.columnNames).toEqual(['client_id', 'budget', 'age', 'gender']);
  });

  it('filters by a boolean Series, missing as false', () => {
    const rich = survey.filter(survey.column('budget').gt(1000));
    expect(rich.column('client_id').toArray()).toEqual([2, 3]);
    const mask = Series.of(true, null, false, true);
    expect(survey.filter(mask).column('client_id').toArray()).toEqual([1, 4]);
    expect(() => survey.filter(Series.of(true))).toThrow('filter: the mask has 1 rows, but the frame has 4');
    expect(() => survey.filter(Series.of(1, 2, 3, 4) as unknown as Series<boolean>)).toThrow(
      'filter: the mask must be a boolean Series',
    );
  });

  it('takes the head and rows by position', () => {
    expect(survey.head(2).toRecords()).toEqual([
      { client_id: 1, budget: 500, age: 25, gender: 'male' },
      { client_id: 2, budget: 1500, age: 35, gender: 'female' },
    ]);
    expect(survey.head(10).length).toBe(4);
    expect(survey.take([3, -1]).column('gender').toArray()).toEqual(['female', null]);
  });

  it('gives columns as owned storage, ready to transfer and rebuild', () => {
    const when = DataFrame.fromColumns({
      id: [1, 2],
      login: [new Date(5), null],
      flag: [true, false],
      name: ['a', null],
    });
    const cols = when.toColumns();
    expect(cols.id).toBeInstanceOf(Float64Array);
    expect(cols.id).not.toBe(when.column('id').values);
    expect(cols.flag).toEqual(Uint8Array.of(1, 0));
    expect(cols.name).toEqual(['a', null]);
    const copy = structuredClone(cols, { transfer: [cols.id.buffer, cols.login.buffer] });
    expect(cols.id.length).toBe(0); // transferred
    const back = DataFrame.fromColumns(copy, { dtypes: { login: 'date', flag: 'boolean' } });
    expect(back.toRecords()).toEqual(when.toRecords());
  });
});

describe('leftJoin', () => {
  const logins = DataFrame.fromRecords([
    { client_id: 3, last_login: new Date('2024-01-03T00:00:00Z'), budget: 1 },
    { client_id: 1, last_login: new Date('2024-01-01T00:00:00Z'), budget: 2 },
    { client_id: 9, last_login: new Date('2024-01-09T00:00:00Z'), budget: 3 },
  ]);

  it('keeps the left order, unmatched rows in place with missing values', () => {
    const joined = survey.leftJoin(logins, { on: 'client_id' });
    expect(joined.columnNames).toEqual(['client_id', 'budget_x', 'age', 'gender', 'last_login', 'budget_y']);
    expect(joined.column('client_id').toArray()).toEqual([1, 2, 3, 4]);
    expect(joined.column('last_login').toArray()).toEqual([
      new Date('2024-01-01T00:00:00Z'),
      null,
      new Date('2024-01-03T00:00:00Z'),
      null,
    ]);
    expect(joined.column('budget_y').toArray()).toEqual([2, NaN, 1, NaN]);
    expectTypeOf(joined.column('last_login')).toEqualTypeOf<Series<Date>>();
    expectTypeOf(joined.column('budget_x')).toEqualTypeOf<Series<number>>();
    // @ts-expect-error the clashing column was renamed
    expect(() => joined.column('budget')).toThrow("Column 'budget' not found");
  });

  it('takes custom suffixes and several keys; missing keys never match', () => {
    const left = DataFrame.fromRecords([
      { a: 1, b: 'x', v: 10 },
      { a: 1, b: 'y', v: 20 },
      { a: NaN, b: 'x', v: 30 },
      { a: 1, b: 'x', v: 40 },
    ]);
    const right = DataFrame.fromRecords([
      { b: 'x', a: 1, v: 100 },
      { b: 'y', a: 2, v: 200 },
      { b: 'x', a: NaN, v: 300 },
    ]);
    const joined = left.leftJoin(right, { on: ['a', 'b'], suffixes: ['_l', '_r'] });
    expect(joined.columnNames).toEqual(['a', 'b', 'v_l', 'v_r']);
    expect(joined.column('v_r').toArray()).toEqual([100, NaN, NaN, 100]);
    expectTypeOf(joined.column('v_r')).toEqualTypeOf<Series<number>>();
  });

  it('refuses duplicate right keys, mismatched key types and unknown keys', () => {
    const dup = DataFrame.fromRecords([
      { client_id: 1, x: 1 },
      { client_id: 1, x: 2 },
    ]);
    expect(() => survey.leftJoin(dup, { on: 'client_id' })).toThrow(
      'leftJoin: key client_id=1 occurs on right rows 0 and 1; the right keys must be unique (many-to-one)',
    );
    const day = new Date('2024-01-01T00:00:00Z');
    const byDay = DataFrame.fromRecords([
      { day, name: 'a' },
      { day, name: 'b' },
    ]);
    expect(() => DataFrame.fromRecords([{ day }]).leftJoin(byDay, { on: 'day' })).toThrow(
      'leftJoin: key day=2024-01-01T00:00:00.000Z occurs on right rows 0 and 1',
    );
    const textIds = DataFrame.fromRecords([{ client_id: '1' }]);
    expect(() =>
      survey.leftJoin(textIds as unknown as DataFrame<{ client_id: number }>, { on: 'client_id' }),
    ).toThrow("leftJoin: key 'client_id' is number on the left but string on the right");
    // @ts-expect-error 'id' is not a column of both frames
    expect(() => survey.leftJoin(logins, { on: 'id' })).toThrow("Column 'id' not found");
  });
});

describe('groupBy().agg()', () => {
  const sales = DataFrame.fromRecords([
    { region: 'west', rep: 'b', amount: 10, when: new Date('2024-02-01') },
    { region: 'east', rep: 'a', amount: 5, when: new Date('2024-01-01') },
    { region: 'west', rep: 'a', amount: NaN, when: null },
    { region: null, rep: 'c', amount: 99, when: null },
    { region: 'west', rep: 'b', amount: 30, when: new Date('2024-03-01') },
    { region: 'east', rep: 'b', amount: 7, when: new Date('2024-01-15') },
  ]);

  it('aggregates per group, groups sorted by key, missing keys dropped (pandas defaults)', () => {
    const out = sales.groupBy('region').agg({
      total: ['amount', 'sum'],
      avg: ['amount', 'mean'],
      sd: ['amount', 'std'],
      n: ['amount', 'count'],
      mid: ['amount', 'median'],
      lo: ['amount', 'min'],
      hi: ['amount', 'max'],
      v: ['amount', 'var'],
      first_rep: ['rep', 'first'],
      last_rep: ['rep', 'last'],
      latest: ['when', 'max'],
    });
    expect(out.toRecords()).toEqual([
      {
        region: 'east',
        total: 12,
        avg: 6,
        sd: Math.SQRT2,
        n: 2,
        mid: 6,
        lo: 5,
        hi: 7,
        v: 2,
        first_rep: 'a',
        last_rep: 'b',
        latest: new Date('2024-01-15'),
      },
      {
        region: 'west',
        total: 40,
        avg: 20,
        sd: Math.sqrt(200),
        n: 2,
        mid: 20,
        lo: 10,
        hi: 30,
        v: 200,
        first_rep: 'b',
        last_rep: 'b',
        latest: new Date('2024-03-01'),
      },
    ]);
    expectTypeOf(out.column('latest')).toEqualTypeOf<Series<Date>>();
    expectTypeOf(out.column('first_rep')).toEqualTypeOf<Series<string>>();
    expectTypeOf(out.column('n')).toEqualTypeOf<Series<number>>();
  });

  it('groups by several keys, and in first-appearance order when asked', () => {
    const out = sales.groupBy(['region', 'rep'], { sort: false }).agg({ total: ['amount', 'sum'] });
    expect(out.toRecords()).toEqual([
      { region: 'west', rep: 'b', total: 40 },
      { region: 'east', rep: 'a', total: 5 },
      { region: 'west', rep: 'a', total: 0 },
      { region: 'east', rep: 'b', total: 7 },
    ]);
    const sorted = sales.groupBy(['region', 'rep']).agg({ n: ['amount', 'count'] });
    expect(sorted.toRecords().map((r) => `${r.region}/${r.rep}`)).toEqual([
      'east/a',
      'east/b',
      'west/a',
      'west/b',
    ]);
  });

  it('refuses aggregations that do not fit the column', () => {
    expect(() => sales.groupBy('region').agg({ x: ['rep', 'mean'] })).toThrow(
      "agg: 'mean' does not apply to column 'rep', which is string",
    );
    // @ts-expect-error 'amout' is not a column
    expect(() => sales.groupBy('region').agg({ x: ['amout', 'sum'] })).toThrow("Column 'amout' not found");
  });
});
