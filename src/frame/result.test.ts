import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ResultBuilder } from '../hamilton/results';
import { DataFrame } from './dataframe';
import { DataFrameResult } from './result';
import { Series } from './series';

const builder = new DataFrameResult();

describe('DataFrameResult (Hamilton PandasDataFrameResult semantics)', () => {
  it('is a ResultBuilder of DataFrames', () => {
    expectTypeOf(builder).toExtend<ResultBuilder<DataFrame>>();
  });

  it('makes Series columns named by output, scalars repeated on every row', () => {
    const df = builder.build({
      age: Series.of(20, 30, 40),
      is_male: Series.of(true, false, true),
      age_mean: 30,
    });
    expect(df.columnNames).toEqual(['age', 'is_male', 'age_mean']);
    expect(df.toRecords()).toEqual([
      { age: 20, is_male: true, age_mean: 30 },
      { age: 30, is_male: false, age_mean: 30 },
      { age: 40, is_male: true, age_mean: 30 },
    ]);
  });

  it('makes a one-row frame when every output is a scalar', () => {
    const when = new Date('2024-01-01T00:00:00Z');
    const df = builder.build({ mean: 3.5, name: 'x', flag: true, when, none: null });
    expect(df.shape).toEqual([1, 5]);
    expect(df.toRecords()).toEqual([{ mean: 3.5, name: 'x', flag: true, when, none: NaN }]);
  });

  it('returns a single DataFrame output as it is', () => {
    const frame = DataFrame.fromRecords([{ a: 1 }]);
    expect(builder.build({ only: frame })).toBe(frame);
  });

  it('flattens frames as output.column beside Series, arrays and scalars', () => {
    const features = DataFrame.fromRecords([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    const df = builder.build({ features, score: Series.of(0.5, 0.25), raw: [7, 8], version: 'v1' });
    expect(df.columnNames).toEqual(['features.a', 'features.b', 'score', 'raw', 'version']);
    expect(df.column('features.b').toArray()).toEqual(['x', 'y']);
    expect(df.column('version').toArray()).toEqual(['v1', 'v1']);
    expect(builder.build({ f: features, g: features }).columnNames).toEqual(['f.a', 'f.b', 'g.a', 'g.b']);
  });

  it('pads shorter columns with missing values, as pandas aligns on a default index', () => {
    const df = builder.build({ long: Series.of(1, 2, 3), short: Series.of('a'), flags: [true] });
    expect(df.toRecords()).toEqual([
      { long: 1, short: 'a', flags: true },
      { long: 2, short: null, flags: null },
      { long: 3, short: null, flags: null },
    ]);
  });

  it("refuses clashing names with Hamilton's messages, and values a frame cannot hold", () => {
    const frame = DataFrame.fromRecords([{ b: 1 }]);
    expect(() => builder.build({ a: frame, 'a.b': Series.of(2) })).toThrow(
      'Series a.b already exists in the output. Please rename the series to avoid this error',
    );
    expect(() => builder.build({ a: frame, 'a.b': 2 })).toThrow(
      'Non series output a.b already exists in the output. Please rename this output to avoid this error',
    );
    expect(() => builder.build({ s: Series.of(1), obj: { x: 1 } })).toThrow(
      "DataFrameResult: output 'obj' is [object Object]; a frame is built from Series, DataFrames, arrays and scalars",
    );
    expect(() => builder.build({ s: [1, 'x'] })).toThrow(
      "DataFrameResult: output 's': Series.from: element 1 is a string",
    );
  });
});
