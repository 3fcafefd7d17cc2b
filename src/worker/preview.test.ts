import { describe, expect, it } from 'vitest';
import { DataFrame, Series } from 'hamilton/frame';
import { NODE_PREVIEW, numericStats, previewValue, RESULT_PREVIEW } from './preview';
import { parseWorkerMessage } from './validate';

describe('numericStats', () => {
  it('counts, skips missing values, and matches pandas describe()', () => {
    const s = numericStats(Float64Array.of(1, 2, NaN, 3, 4));
    expect(s.count).toBe(4);
    expect(s.missing).toBe(1);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(1.2909944, 6); // sample std, ddof=1
    expect([s.min, s.max]).toEqual([1, 4]);
  });

  it('builds a histogram whose counts add up and whose last bin includes the maximum', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i);
    const { histogram } = numericStats(values);
    expect(histogram.counts).toHaveLength(20);
    expect(histogram.edges).toHaveLength(21);
    expect(histogram.edges[0]).toBe(0);
    expect(histogram.edges[20]).toBe(999);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(histogram.counts[0]).toBe(50);
  });

  it('handles constant and empty columns', () => {
    expect(numericStats(Float64Array.of(5, 5)).histogram).toEqual({ edges: [5, 5], counts: [2] });
    const empty = numericStats(Float64Array.of(NaN));
    expect(empty.count).toBe(0);
    expect(empty.histogram.counts).toEqual([]);
  });
});

describe('previewValue', () => {
  it('shows the first rows of a frame as typed columns, with its shape and numeric stats', () => {
    const df = DataFrame.fromColumns({
      amount: Float64Array.from({ length: 100 }, (_, i) => i * 1.5),
      vip: Array.from({ length: 100 }, (_, i) => i % 2 === 0),
      city: Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? null : `c${i}`)),
    });
    const { preview, transfer } = previewValue(df, NODE_PREVIEW);
    if (preview.kind !== 'frame') throw new Error(preview.kind);
    expect(preview.rows).toBe(100);
    expect(preview.truncated).toBe(true);
    const [amount, vip, city] = preview.columns;
    expect(amount).toMatchObject({ name: 'amount', dtype: 'number' });
    expect(amount.values).toBeInstanceOf(Float64Array);
    expect(Array.from(amount.values as Float64Array).slice(0, 3)).toEqual([0, 1.5, 3]);
    expect(amount.values.length).toBe(NODE_PREVIEW.rows);
    expect(vip.values).toBeInstanceOf(Uint8Array);
    expect(city.values.slice(0, 2)).toEqual(['', 'c1']);
    expect(preview.stats.amount.count).toBe(100);
    expect(preview.stats.amount.max).toBe(148.5);
    expect(preview.stats.vip).toBeUndefined();
    expect(transfer).toHaveLength(2);
    // The preview is a copy: transferring it leaves the frame intact.
    expect(transfer[0]).not.toBe(df.column('amount').values.buffer);
    expect(
      parseWorkerMessage({ type: 'node-finished', runId: 1, node: 'df', durationMs: 0, preview }),
    ).not.toBeNull();
  });

  it('gives every row of a result', () => {
    const s = Series.from(Float64Array.from({ length: 10_000 }, (_, i) => i));
    const { preview } = previewValue(s, RESULT_PREVIEW, 'n');
    if (preview.kind !== 'series') throw new Error(preview.kind);
    expect(preview.column.values.length).toBe(10_000);
    expect(preview.truncated).toBe(false);
    expect(preview.stats?.mean).toBe(4999.5);
  });

  it('shows scalars as text, bounded trees as JSON, and survives hostile values', () => {
    expect(previewValue(42, NODE_PREVIEW).preview).toEqual({ kind: 'scalar', type: 'number', text: '42' });
    expect(previewValue('<img src=x onerror=alert(1)>', NODE_PREVIEW).preview).toEqual({
      kind: 'scalar',
      type: 'string',
      text: '<img src=x onerror=alert(1)>',
    });
    expect(previewValue(10n, NODE_PREVIEW).preview).toMatchObject({ text: '10n' });
    expect(previewValue(undefined, NODE_PREVIEW).preview).toMatchObject({
      type: 'undefined',
      text: 'undefined',
    });

    const cyclic: Record<string, unknown> = {
      a: 1,
      list: Array.from({ length: 80 }, (_, i) => i),
      m: new Map([['k', NaN]]),
    };
    cyclic.self = cyclic;
    const tree = previewValue(cyclic, NODE_PREVIEW).preview;
    expect(tree).toMatchObject({ kind: 'tree', type: 'Object', truncated: true });
    if (tree.kind !== 'tree') throw new Error(tree.kind);
    expect(tree.value).toMatchObject({ a: 1, self: '[Circular]', m: { k: 'NaN' } });
    expect((tree.value as { list: unknown[] }).list).toHaveLength(NODE_PREVIEW.items);

    const hostile = {
      get boom(): never {
        throw new Error('getter says no');
      },
    };
    expect(previewValue(hostile, NODE_PREVIEW).preview).toEqual({
      kind: 'error',
      text: 'could not preview the value: getter says no',
    });
  });
});
