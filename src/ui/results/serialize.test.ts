import { describe, expect, it } from 'vitest';
import type { ValuePreview } from '../../worker/protocol';
import { sortOrder } from './cells';
import { toCsv, toJson } from './serialize';

const frame: ValuePreview = {
  kind: 'frame',
  rows: 3,
  truncated: false,
  stats: {},
  columns: [
    { name: 'n', dtype: 'number', values: new Float64Array([2, NaN, 1.5]) },
    { name: 's', dtype: 'string', values: ['a,b', 'say "hi"', 'c'] },
    { name: 'ok', dtype: 'boolean', values: new Uint8Array([1, 0, 2]) },
    {
      name: 'd',
      dtype: 'date',
      values: new Float64Array([Date.UTC(2024, 5, 1), NaN, Date.UTC(2024, 5, 2, 12)]),
    },
  ],
};

describe('result files', () => {
  it('writes numbers at full precision (rounding is for display only)', () => {
    const series: ValuePreview = {
      kind: 'series',
      length: 1,
      truncated: false,
      stats: {},
      column: { name: 'x', dtype: 'number', values: new Float64Array([-0.9608247369083637]) },
    } as ValuePreview;
    expect(toCsv('x', series)).toBe('x\n-0.9608247369083637\n');
  });

  it('writes CSV with quoting and empty missing cells', () => {
    expect(toCsv('t', frame)).toBe(
      'n,s,ok,d\n2,"a,b",true,2024-06-01\n,"say ""hi""",false,\n1.5,c,,2024-06-02T12:00:00.000Z\n',
    );
    expect(toCsv('x', { kind: 'scalar', type: 'number', text: '42' })).toBe('x\n42\n');
    expect(toCsv('x', { kind: 'tree', type: 'object', value: { a: 1 }, truncated: false })).toBeNull();
  });
  it('writes JSON rows for frames and arrays for series', () => {
    expect(JSON.parse(toJson('t', frame))[1]).toEqual({ n: null, s: 'say "hi"', ok: false, d: null });
    const series: ValuePreview = {
      kind: 'series',
      length: 2,
      truncated: false,
      column: { name: 'v', dtype: 'number', values: new Float64Array([1, 2]) },
    };
    expect(JSON.parse(toJson('v', series))).toEqual([1, 2]);
  });
  it('sorts rows by a column, missing values last, stably', () => {
    const col = { name: 'n', dtype: 'number', values: new Float64Array([3, NaN, 1, 3]) } as const;
    expect([...sortOrder(col, 4, false)]).toEqual([2, 0, 3, 1]);
    expect([...sortOrder(col, 4, true)]).toEqual([0, 3, 2, 1]);
  });
});
