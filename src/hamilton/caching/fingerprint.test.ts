import { describe, expect, it } from 'vitest';
import { DataFrame, Series } from '../../frame';
import { dataVersionOf, fingerprint, FINGERPRINT_BUDGET_BYTES } from './fingerprint';

describe('fingerprint', () => {
  it('gives equal content the same version and different content another', () => {
    const cases: [unknown, unknown][] = [
      [1, 1],
      ['a', 'a'],
      [null, null],
      [undefined, undefined],
      [10n, 10n],
      [new Date(5), new Date(5)],
      [
        [1, [2, 'x']],
        [1, [2, 'x']],
      ],
      [
        { a: 1, b: [true] },
        { b: [true], a: 1 },
      ],
      [
        new Map([
          ['k', 1],
          ['j', 2],
        ]),
        new Map([
          ['j', 2],
          ['k', 1],
        ]),
      ],
      [new Set([1, 2]), new Set([2, 1])],
      [Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3)],
      [Series.from([1, 2, NaN]), Series.from([1, 2, NaN])],
      [Series.from(['a', null, '']), Series.from(['a', null, ''])],
    ];
    for (const [x, y] of cases) {
      expect(fingerprint(x)).toMatch(/^[0-9a-f]{16}$/);
      expect(fingerprint(x)).toBe(fingerprint(y));
    }
  });

  it('tells apart values that only look alike', () => {
    const distinct: unknown[] = [
      1,
      '1',
      true,
      null,
      undefined,
      0,
      -0,
      NaN,
      [],
      {},
      [1, 2],
      [2, 1],
      [[1], 2],
      [1, [2]],
      { a: 1 },
      { a: '1' },
      { b: 1 },
      Float64Array.of(1),
      Int32Array.of(1, 0),
      Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0),
      new Date(1),
      Series.from([1, 2]),
      Series.from([2, 1]),
      Series.from(['ab', 'c']),
      Series.from(['a', 'bc']),
      Series.from(['', null]),
      Series.from([null, '']),
      Series.from([true, false]),
      Series.from([1, 0]),
      new Map([['a', 1]]),
      new Set(['a']),
    ];
    const versions = distinct.map(fingerprint);
    expect(new Set(versions).size).toBe(distinct.length);
  });

  it('fingerprints frames by column names, dtypes and content', () => {
    const frame = (cols: Record<string, Series>) => DataFrame.fromColumns(cols);
    const base = fingerprint(frame({ a: Series.from([1, 2]), b: Series.from(['x', 'y']) }));
    expect(fingerprint(frame({ a: Series.from([1, 2]), b: Series.from(['x', 'y']) }))).toBe(base);
    expect(fingerprint(frame({ a: Series.from([1, 3]), b: Series.from(['x', 'y']) }))).not.toBe(base);
    expect(fingerprint(frame({ c: Series.from([1, 2]), b: Series.from(['x', 'y']) }))).not.toBe(base);
    expect(fingerprint(frame({ b: Series.from(['x', 'y']), a: Series.from([1, 2]) }))).not.toBe(base);
    const dates = Series.from([new Date(0), new Date(1)]);
    expect(fingerprint(dates)).not.toBe(fingerprint(Series.from([0, 1])));
  });

  it('hashes every word of a long column (a change anywhere shows)', () => {
    const values = Float64Array.from({ length: 10_001 }, (_, i) => i);
    const base = fingerprint(values);
    for (const at of [0, 1, 2, 3, 5_000, 9_999, 10_000]) {
      const changed = values.slice();
      changed[at] += 0.5;
      expect(fingerprint(changed)).not.toBe(base);
    }
    // An unaligned view is read byte by byte, with the same result as an aligned copy.
    const bytes = new Uint8Array(13);
    bytes.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 1);
    expect(fingerprint(new Uint8Array(bytes.buffer, 1, 12))).toBe(fingerprint(bytes.slice(1)));
  });

  it('tells typed arrays apart by one element, order, type and length, across the blocks it hashes', () => {
    // 40,003 doubles: five blocks of the scratch buffer and an odd tail, so every block boundary is crossed.
    const values = Float64Array.from({ length: 40_003 }, (_, i) => i * 1.5);
    const base = fingerprint(values);
    const seen = new Set([base]);
    for (const at of [0, 8_191, 8_192, 8_193, 16_384, 32_767, 40_002]) {
      const changed = values.slice();
      changed[at] = -changed[at] - 1;
      seen.add(fingerprint(changed));
      const swapped = values.slice();
      [swapped[at], swapped[at - 1 < 0 ? 1 : at - 1]] = [swapped[at - 1 < 0 ? 1 : at - 1], swapped[at]];
      seen.add(fingerprint(swapped));
    }
    seen.add(fingerprint(values.subarray(0, 40_002)));
    seen.add(fingerprint(Float64Array.from([...values, 0])));
    seen.add(fingerprint(new BigInt64Array(values.buffer)));
    seen.add(fingerprint(new Uint32Array(values.buffer)));
    expect(seen.size).toBe(1 + 7 * 2 + 4);
    // A sign flip together with a flip of the other word's top bit (which cancels in a plain
    // multiply-xor) still shows.
    const words = new Uint32Array(values.slice().buffer);
    words[2 * 20_000] ^= 0x80000000;
    words[2 * 20_000 + 1] ^= 0x80000000;
    expect(fingerprint(new Float64Array(words.buffer))).not.toBe(base);
    // A view at any byte offset reads as an aligned copy of its bytes does, past a block too.
    const bytes = Uint8Array.from({ length: 70_003 }, (_, i) => (i * 7919) & 255);
    for (const offset of [1, 2, 3, 4]) {
      const view = new Uint8Array(bytes.buffer, offset, 70_003 - offset - 2);
      expect(fingerprint(view)).toBe(fingerprint(view.slice()));
    }
  });

  it('reads a typed array again on every call: only frames, which never change, keep their version', () => {
    const values = Float64Array.from({ length: 20_000 }, (_, i) => i);
    const before = fingerprint(values);
    values[12_345] = -1;
    expect(fingerprint(values)).not.toBe(before);
    expect(fingerprint(values)).toBe(fingerprint(values.slice()));
  });

  it('keeps apart strings that share a length and end characters (they share a lookup slot)', () => {
    const pick = ['axb', 'ayb', 'azb', 'ab', ''];
    const values = Array.from({ length: 5_000 }, (_, i) => pick[(i * 7) % 5]);
    const base = fingerprint(Series.from(values));
    // Equal strings built at run time (not the literals' own objects) give the same version.
    expect(fingerprint(Series.from(values.map((v) => [...v].join(''))))).toBe(base);
    for (const at of [0, 2_500, 4_999]) {
      const changed = [...values];
      changed[at] = changed[at] === 'axb' ? 'ayb' : 'axb';
      expect(fingerprint(Series.from(changed))).not.toBe(base);
    }
  });

  it('gives a string column the same version whatever columns were fingerprinted before it', () => {
    const short = Series.from(Array.from({ length: 1_000 }, (_, i) => (i % 3 === 0 ? 'a' : 'bb')));
    const before = fingerprint(short);
    fingerprint(Series.from(Array.from({ length: 50_000 }, (_, i) => `c${i % 7}`)));
    expect(fingerprint(Series.from([...short.values]))).toBe(before);
  });

  it('fingerprints string columns of few and of many distinct values by content', () => {
    for (const distinct of [3, 5_000]) {
      const values = Array.from({ length: 20_000 }, (_, i) => (i % 97 === 0 ? null : `v${i % distinct}`));
      const base = fingerprint(Series.from(values));
      expect(fingerprint(Series.from([...values]))).toBe(base);
      const changed = [...values];
      changed[10_001] = 'other';
      expect(fingerprint(Series.from(changed))).not.toBe(base);
      const moved = [...values];
      moved[1] = null;
      expect(fingerprint(Series.from(moved))).not.toBe(base);
    }
  });

  it('returns undefined for what cannot be fingerprinted', () => {
    class Client {}
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [new Client(), () => 1, Symbol('s'), cyclic, [new Client()], { f: () => 1 }]) {
      expect(fingerprint(value)).toBeUndefined();
    }
    // Shared (not cyclic) references are fine.
    const shared = [1];
    expect(fingerprint([shared, shared])).toBe(fingerprint([[1], [1]]));
  });

  it('gives up on content past its byte budget, without reading it, and says so', () => {
    const over = FINGERPRINT_BUDGET_BYTES / 8 + 1;
    for (const value of [
      'x'.repeat(100_000_000),
      new Float64Array(over),
      new Array<number>(over).fill(1),
      Series.from(new Float64Array(over)),
      // Two halves that fit alone, not together.
      { a: new Float64Array(over / 2 + 8), b: new Float64Array(over / 2 + 8) },
    ]) {
      expect(fingerprint(value)).toBeUndefined();
      expect(dataVersionOf(value)).toMatchObject({ unhashable: 'size' });
    }
    // The budget is per value: one just under it is fingerprinted, and so is the next.
    const under = new Float64Array(FINGERPRINT_BUDGET_BYTES / 8 - 64);
    expect(fingerprint(under)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(under)).toBe(fingerprint(under.slice()));
    expect(dataVersionOf(() => 1)).toEqual({ unhashable: 'type' });
  });
});
