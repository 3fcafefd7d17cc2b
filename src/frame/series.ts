/**
 * Series: one typed column. Positional (no pandas index): element i of a result comes from element i of
 * the operands. Immutable: every operation returns a new Series, which lets a Series cache its moments.
 */
import { check, isArrayLike } from './args';
import { Rolling, runningSum, shifted, type RollingOptions } from './window';
import { BRAND, convert, describeValue, inferDType, isSeries, MISSING, storageFor } from './dtype';
import type { DType, DTypeOf, Element, Scalar, ScalarOf, StorageOf } from './dtype';
import {
  AND,
  arithmetic,
  checkLength,
  countPresent,
  extremeString,
  filledStorage,
  kleene,
  missingMask,
  moments,
  negated,
  OR,
  quantileOf,
  sumPresent,
  takeStorage,
  type ArithOp,
  COMPARE_OPS,
  type Stats,
} from './kernels';
import { compareWith, type SeriesComparisons } from './comparisons';

// The six comparisons differ only by their operator: one definition installs them (below the class);
// this merge gives the class their types.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Series<T extends Scalar = Scalar> extends SeriesComparisons<T> {}

/**
 * One typed column: numbers, booleans, strings or dates, with missing values (NaN for numbers, `null`
 * elsewhere). Operations are element-wise and positional, with a scalar or a Series of the same length.
 *
 * @example
 * const age = Series.of(20, 30, 40);
 * const normalized = age.sub(age.mean()).div(age.std());
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Series<T extends Scalar = Scalar> {
  /** The kind of values held. */
  readonly dtype: DTypeOf<T>;
  /** The storage itself (see {@link StorageOf}), not a copy: read it, do not change it. */
  readonly values: StorageOf<T>;
  #stats: Stats | undefined;

  /**
   * Wraps storage without copying it; {@link Series.from} and {@link Series.of} are the usual way in.
   * @param dtype - The kind of values the storage holds.
   * @param values - Storage as {@link StorageOf} describes it; the Series takes it over.
   */
  constructor(dtype: DTypeOf<T>, values: StorageOf<T>) {
    this.dtype = dtype;
    this.values = values;
  }

  /**
   * A Series from an array or typed array. Without `dtype`, the first present value decides it (typed
   * arrays are numbers; an empty or all-missing array is numbers). `null` and `undefined` are missing.
   * Storage is used as it is, not copied: a `Float64Array` for numbers or dates (epoch ms), and a
   * `Uint8Array` of 0/1/2 codes for `dtype` `'boolean'` (what `DataFrame.toColumns` gives).
   * @throws TypeError when an element does not fit the dtype.
   */
  static from(values: Float64Array | ArrayLike<number | null | undefined>): Series<number>;
  static from(values: ArrayLike<boolean | null | undefined>): Series<boolean>;
  static from(values: ArrayLike<string | null | undefined>): Series<string>;
  static from(values: ArrayLike<Date | null | undefined>): Series<Date>;
  static from<D extends DType>(values: ArrayLike<unknown>, dtype: D): Series<ScalarOf<D>>;
  static from(values: ArrayLike<unknown>, dtype?: DType): Series;
  static from(values: ArrayLike<unknown>, dtype?: DType): Series {
    check(isArrayLike(values), 'Series.from', 'an array or a typed array of values', values);
    const type = dtype ?? inferDType(values);
    return new Series(type, storageFor(values, type));
  }

  /** A Series of the given values, e.g. `Series.of(1, 2, NaN)` or `Series.of('a', null)`. */
  static of(...values: (number | null)[]): Series<number>;
  static of(...values: (boolean | null)[]): Series<boolean>;
  static of(...values: (string | null)[]): Series<string>;
  static of(...values: (Date | null)[]): Series<Date>;
  static of(...values: (Scalar | null)[]): Series {
    return Series.from(values);
  }

  /** A Series of `length` copies of `value` (`null` gives missing values of `dtype`). */
  static full<D extends DType>(length: number, value: ScalarOf<D> | null, dtype: D): Series<ScalarOf<D>> {
    return Series.from(new Array<ScalarOf<D> | null>(length).fill(value), dtype);
  }

  /**
   * A short description such as `Series<number>(5) [1, 2, 3, 4, 5]`: what error reports and logs show.
   * Written out, not taken from the class name, which a minifier renames.
   */
  toString(): string {
    const head = Array.from({ length: Math.min(this.length, 5) }, (_, i) => String(this.at(i)));
    return `Series<${this.dtype}>(${this.length}) [${head.join(', ')}${this.length > 5 ? ', …' : ''}]`;
  }

  /** Number of elements, missing ones included. */
  get length(): number {
    return this.values.length;
  }

  /** The element at `index` (negative counts from the end), or undefined out of range. */
  at(index: number): Element<T> | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? this.#element(i) : undefined;
  }

  #element(i: number): Element<T> {
    const v = this.values[i];
    switch (this.dtype) {
      case 'boolean':
        return (v === MISSING ? null : v === 1) as Element<T>;
      case 'date':
        return (Number.isNaN(v) ? null : new Date(v as number)) as Element<T>;
      default:
        return v as Element<T>;
    }
  }

  /** The elements as a plain array: numbers (NaN missing), booleans, strings or Dates (`null` missing). */
  toArray(): Element<T>[] {
    if (this.dtype === 'number') return Array.from(this.values as Float64Array) as Element<T>[];
    const out = new Array<Element<T>>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.#element(i);
    return out;
  }

  /** The first `n` elements (a view: no copy). */
  head(n = 5): Series<T> {
    return this.slice(0, n);
  }

  /** Elements `start` to `end` (exclusive), like `Array.prototype.slice`; numeric storage is a view. */
  slice(start?: number, end?: number): Series<T> {
    const v = this.values;
    const sliced = v instanceof Array ? v.slice(start, end) : v.subarray(start, end);
    return new Series<T>(this.dtype, sliced as StorageOf<T>);
  }

  /**
   * Elements at the given positions, in that order; position -1 gives a missing value (used by joins).
   * @throws RangeError for a position outside the Series.
   */
  take(indices: ArrayLike<number>): Series<T> {
    check(isArrayLike(indices), 'take', 'an array of row positions', indices);
    return new Series<T>(this.dtype, takeStorage(this.values, indices) as StorageOf<T>);
  }

  #numbers(op: string, dtypes: readonly DType[] = ['number']): Float64Array {
    if (!dtypes.includes(this.dtype))
      throw new TypeError(`${op}: needs a ${dtypes.join(' or ')} series, not a ${this.dtype} one`);
    return this.values as Float64Array;
  }

  #arith(op: ArithOp, other: number | Date | Series): Series<number> {
    const dates = op === 'sub' && this.dtype === 'date';
    const a = this.#numbers(op, dates ? ['date'] : ['number']);
    const wanted = dates ? 'date' : 'number';
    if (isSeries(other)) {
      checkLength(op, this, other);
      if (other.dtype !== wanted)
        throw new TypeError(`${op}: cannot combine a ${this.dtype} series with ${describeValue(other)}`);
      return new Series('number', arithmetic(op, a, other.values as Float64Array));
    }
    const b = dates && other instanceof Date ? other.getTime() : other;
    if (typeof b !== 'number')
      throw new TypeError(`${op}: cannot combine a ${this.dtype} series with ${describeValue(other)}`);
    return new Series('number', arithmetic(op, a, b));
  }

  /** Element-wise `this + other`. */
  add(this: Series<number>, other: number | Series<number>): Series<number> {
    return this.#arith('add', other);
  }

  /** Element-wise `this - other`; dates minus dates give milliseconds. */
  sub(this: Series<number>, other: number | Series<number>): Series<number>;
  sub(this: Series<Date>, other: Date | Series<Date>): Series<number>;
  sub(other: number | Date | Series<number> | Series<Date>): Series<number> {
    return this.#arith('sub', other);
  }

  /** Element-wise `other - this` (pandas' `rsub`): `lastLogin.rsub(now)` is the milliseconds since. */
  rsub(this: Series<number>, other: number): Series<number>;
  rsub(this: Series<Date>, other: Date): Series<number>;
  rsub(other: number | Date): Series<number> {
    const dtype = other instanceof Date ? 'date' : 'number';
    return Series.full(this.length, other, dtype).#arith('sub', this);
  }

  /** Element-wise `this * other`. */
  mul(this: Series<number>, other: number | Series<number>): Series<number> {
    return this.#arith('mul', other);
  }

  /** Element-wise `this / other` (division by zero gives ±Infinity or NaN, as in pandas). */
  div(this: Series<number>, other: number | Series<number>): Series<number> {
    return this.#arith('div', other);
  }

  /** Element-wise `this % other` with Python's sign rule (the result has the divisor's sign), as in pandas. */
  mod(this: Series<number>, other: number | Series<number>): Series<number> {
    return this.#arith('mod', other);
  }

  /** Element-wise `this ** other`. */
  pow(this: Series<number>, other: number | Series<number>): Series<number> {
    return this.#arith('pow', other);
  }

  #logic(op: string, table: Uint8Array, other: boolean | Series<boolean>): Series<boolean> {
    const a = this.#booleans(op);
    if (isSeries(other) && other.dtype === 'boolean') checkLength(op, this, other);
    else if (typeof other !== 'boolean')
      throw new TypeError(`${op}: cannot combine a boolean series with ${describeValue(other)}`);
    const b = typeof other === 'boolean' ? (other ? 1 : 0) : (other.values as Uint8Array);
    return new Series('boolean', kleene(table, a, b));
  }

  #booleans(op: string): Uint8Array {
    if (this.dtype !== 'boolean')
      throw new TypeError(`${op}: needs a boolean series, not a ${this.dtype} one`);
    return this.values as Uint8Array;
  }

  /** Element-wise logical and (missing is unknown: `false and missing` is false, `true and missing` missing). */
  and(this: Series<boolean>, other: boolean | Series<boolean>): Series<boolean> {
    return this.#logic('and', AND, other);
  }

  /** Element-wise logical or (missing is unknown: `true or missing` is true, `false or missing` missing). */
  or(this: Series<boolean>, other: boolean | Series<boolean>): Series<boolean> {
    return this.#logic('or', OR, other);
  }

  /** Element-wise logical not (missing stays missing). */
  not(this: Series<boolean>): Series<boolean> {
    return new Series('boolean', negated(this.#booleans('not')));
  }

  /** True where the element is missing. */
  isNa(): Series<boolean> {
    return new Series('boolean', missingMask(this.values));
  }

  /** True where the element is present. */
  notNa(): Series<boolean> {
    return this.isNa().not();
  }

  /** The Series with missing elements replaced by `value`. */
  fillNa(value: T): Series<T> {
    const fill = Series.from([value], this.dtype).values[0];
    return new Series<T>(this.dtype, filledStorage(this.values, fill) as StorageOf<T>);
  }

  /**
   * `fn` applied to each element (missing ones included, as NaN or `null`); returning `null` or
   * `undefined` makes a missing value. The result's dtype is `dtype`, or else inferred from the results.
   */
  map<U extends Scalar>(
    fn: (value: Element<T>, index: number) => U | null | undefined,
    dtype?: DTypeOf<U>,
  ): Series<U> {
    const out = new Array<U | null | undefined>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = fn(this.#element(i), i);
    return Series.from(out, dtype) as Series<U>;
  }

  /**
   * The Series converted to another dtype. Numbers → booleans is `x !== 0`; strings → numbers, dates
   * (`Date.parse`) or booleans (`'true'`/`'false'`) must parse, and blank strings become missing;
   * dates ↔ numbers are epoch milliseconds; anything → strings is its text (dates as ISO). Missing stays
   * missing.
   * @throws TypeError naming the first element that does not convert.
   */
  astype<D extends DType>(dtype: D): Series<ScalarOf<D>> {
    if (this.dtype === dtype) return this as unknown as Series<ScalarOf<D>>;
    const out = this.toArray().map((v: Scalar | null, i) =>
      v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : convert(v, dtype, i),
    );
    return Series.from(out, dtype);
  }

  /** Number of present (non-missing) elements. */
  count(): number {
    const a = this.values;
    return a instanceof Float64Array ? this.#moments('count', ['number', 'date']).count : countPresent(a);
  }

  /** Sum of the present values; 0 when there are none, as in pandas. */
  sum(this: Series<number>): number {
    return sumPresent(this.#numbers('sum'));
  }

  // Mean, variance, min and max come from one pass (see `moments`), cached: the Series is immutable, so asking
  // for `mean()` then `std()` (two Hamilton nodes on one column) reads the data once.
  #moments(op: string, dtypes?: readonly DType[]): Stats {
    const a = this.#numbers(op, dtypes);
    this.#stats ??= moments(a);
    return this.#stats;
  }

  /** Count, mean, std, var, min and max in one pass over the data (blockwise Welford/Chan), missing skipped. */
  stats(this: Series<number>): Stats {
    return this.#moments('stats');
  }

  /** Mean of the present values; NaN when there are none. */
  mean(this: Series<number>): number {
    return this.#moments('mean').mean;
  }

  /** Sample standard deviation (ddof 1, like pandas) of the present values; NaN below two. */
  std(this: Series<number>): number {
    return this.#moments('std').std;
  }

  /** Sample variance (ddof 1, like pandas) of the present values; NaN below two. */
  var(this: Series<number>): number {
    return this.#moments('var').var;
  }

  #extreme(op: 'min' | 'max'): Scalar | null {
    if (this.dtype === 'string') return extremeString(op, this.values as (string | null)[]);
    const v = this.#moments(op, ['number', 'date'])[op];
    if (this.dtype === 'number') return v;
    return Number.isNaN(v) ? null : new Date(v);
  }

  /** Smallest present value (numbers: NaN when none; dates and strings: `null` when none). */
  min(this: Series<number>): number;
  min(this: Series<Date>): Date | null;
  min(this: Series<string>): string | null;
  min(): Scalar | null {
    return this.#extreme('min');
  }

  /** Largest present value (numbers: NaN when none; dates and strings: `null` when none). */
  max(this: Series<number>): number;
  max(this: Series<Date>): Date | null;
  max(this: Series<string>): string | null;
  max(): Scalar | null {
    return this.#extreme('max');
  }

  /** Rolling statistics over the `window` values ending at each position (pandas' `rolling`): `s.rolling(3).mean()`. */
  rolling(this: Series<number>, window: number, options: RollingOptions = {}): Rolling {
    return new Rolling(this.#numbers('rolling'), window, options, (v) => new Series('number', v));
  }

  /** The values moved `periods` places later (earlier when negative), NaN where nothing moved in. */
  shift(this: Series<number>, periods = 1): Series<number> {
    return new Series('number', shifted(this.#numbers('shift'), periods));
  }

  /** Each value minus the one `periods` places before it: `this.sub(this.shift(periods))`. */
  diff(this: Series<number>, periods = 1): Series<number> {
    return this.sub(this.shift(periods));
  }

  /** Running totals; a missing value stays missing and the total goes on after it, as in pandas. */
  cumsum(this: Series<number>): Series<number> {
    return new Series('number', runningSum(this.#numbers('cumsum')));
  }

  /** Median of the present values (the 0.5 quantile); NaN when there are none. */
  median(this: Series<number>): number {
    return this.quantile(0.5);
  }

  /**
   * The `q` quantile of the present values with linear interpolation between the closest ranks
   * (pandas' default): position `q * (n - 1)` in the sorted values. NaN when there are none.
   * @throws RangeError when q is outside [0, 1].
   */
  quantile(this: Series<number>, q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be between 0 and 1, got ${q}`);
    return quantileOf(this.#numbers('quantile'), q);
  }
}

Object.defineProperty(Series.prototype, BRAND, { value: true });

for (const op of COMPARE_OPS)
  Object.defineProperty(Series.prototype, op, {
    value(this: Series, other: Scalar | Series) {
      return new Series('boolean', compareWith(op, this, other));
    },
    writable: true,
    configurable: true,
  });
