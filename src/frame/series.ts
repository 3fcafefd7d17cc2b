/**
 * Series: one typed column. Positional (no pandas index): element i of a result comes from element i of
 * the operands. Immutable: every operation returns a new Series, which lets a Series cache its moments.
 */
import { check, isArrayLike } from './args';

/** The kinds of values a Series holds. */
export type DType = 'number' | 'boolean' | 'string' | 'date';

/** A value a Series can hold (before missing values). */
export type Scalar = number | boolean | string | Date;

/** The element type of `toArray()`: numbers use NaN for missing, the other types `null`. */
export type Element<T> = T extends number ? number : T | null;

/**
 * The storage behind a Series of T: `Float64Array` for numbers (NaN missing) and dates (epoch ms, NaN
 * missing), `Uint8Array` for booleans (0 false, 1 true, 2 missing), `(string | null)[]` for strings.
 */
export type StorageOf<T> = T extends boolean
  ? Uint8Array
  : T extends string
    ? (string | null)[]
    : Float64Array;

/** The Scalar type a DType names. */
export type ScalarOf<D extends DType> = D extends 'number'
  ? number
  : D extends 'boolean'
    ? boolean
    : D extends 'string'
      ? string
      : Date;

/** The DType of a Scalar type. */
export type DTypeOf<T> = [T] extends [number]
  ? 'number'
  : [T] extends [boolean]
    ? 'boolean'
    : [T] extends [string]
      ? 'string'
      : [T] extends [Date]
        ? 'date'
        : DType;

/** Count, mean, sample standard deviation and variance, min and max of a numeric Series, from one pass. */
export interface Stats {
  /** Non-missing values. */
  readonly count: number;
  /** Arithmetic mean; NaN when there are no values. */
  readonly mean: number;
  /** Sample standard deviation (ddof 1, like pandas); NaN below two values. */
  readonly std: number;
  /** Sample variance (ddof 1, like pandas); NaN below two values. */
  readonly var: number;
  /** Smallest value; NaN when there are no values. */
  readonly min: number;
  /** Largest value; NaN when there are no values. */
  readonly max: number;
}

type Storage = Float64Array | Uint8Array | (string | null)[];
type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'pow';
type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** Booleans are stored as 0 (false), 1 (true) and MISSING. */
const MISSING = 2;
// Kleene logic on the codes 0, 1, 2: index a * 3 + b.
const AND = Uint8Array.of(0, 0, 0, 0, 1, 2, 0, 2, 2);
const OR = Uint8Array.of(0, 1, 2, 1, 1, 1, 2, 1, 2);
const NOT = Uint8Array.of(1, 0, 2);

const BRAND = Symbol.for('hamilton.frame.series');

/** True for a Series, also one made by another copy of this library (a bundled user module). */
export function isSeries(value: unknown): value is Series {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

function describeValue(value: unknown): string {
  if (isSeries(value)) return `a ${value.dtype} series`;
  if (value instanceof Date) return 'a Date';
  if (value === null) return 'null';
  return typeof value === 'object' || typeof value === 'undefined'
    ? `an ${typeof value}`
    : `a ${typeof value}`;
}

function checkLength(op: string, a: Series, b: Series): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `${op}: series lengths differ (${a.length} and ${b.length}); operations are positional`,
    );
  }
}

// Python's (and so pandas') modulo: the result takes the divisor's sign.
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

// One loop per operator keeps each loop monomorphic, which is what makes it as fast as a hand-written one.
function arithmetic(op: ArithOp, a: Float64Array, b: Float64Array | number): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  if (typeof b === 'number') {
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = a[i] + b;
        break;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = a[i] - b;
        break;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = a[i] * b;
        break;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = a[i] / b;
        break;
      case 'mod':
        for (let i = 0; i < n; i++) out[i] = pyMod(a[i], b);
        break;
      case 'pow':
        for (let i = 0; i < n; i++) out[i] = a[i] ** b;
        break;
    }
  } else {
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
        break;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
        break;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
        break;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
        break;
      case 'mod':
        for (let i = 0; i < n; i++) out[i] = pyMod(a[i], b[i]);
        break;
      case 'pow':
        for (let i = 0; i < n; i++) out[i] = a[i] ** b[i];
        break;
    }
  }
  return out;
}

// NaN compares false, and unequal to everything, as in pandas.
function compareNumbers(op: CompareOp, a: Float64Array, b: Float64Array | number): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  if (typeof b === 'number') {
    switch (op) {
      case 'eq':
        for (let i = 0; i < n; i++) out[i] = a[i] === b ? 1 : 0;
        break;
      case 'ne':
        for (let i = 0; i < n; i++) out[i] = a[i] !== b ? 1 : 0;
        break;
      case 'gt':
        for (let i = 0; i < n; i++) out[i] = a[i] > b ? 1 : 0;
        break;
      case 'ge':
        for (let i = 0; i < n; i++) out[i] = a[i] >= b ? 1 : 0;
        break;
      case 'lt':
        for (let i = 0; i < n; i++) out[i] = a[i] < b ? 1 : 0;
        break;
      case 'le':
        for (let i = 0; i < n; i++) out[i] = a[i] <= b ? 1 : 0;
        break;
    }
  } else {
    switch (op) {
      case 'eq':
        for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0;
        break;
      case 'ne':
        for (let i = 0; i < n; i++) out[i] = a[i] !== b[i] ? 1 : 0;
        break;
      case 'gt':
        for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
        break;
      case 'ge':
        for (let i = 0; i < n; i++) out[i] = a[i] >= b[i] ? 1 : 0;
        break;
      case 'lt':
        for (let i = 0; i < n; i++) out[i] = a[i] < b[i] ? 1 : 0;
        break;
      case 'le':
        for (let i = 0; i < n; i++) out[i] = a[i] <= b[i] ? 1 : 0;
        break;
    }
  }
  return out;
}

function compareOrdered<V>(op: CompareOp, x: V, y: V): boolean {
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
  }
}

// Missing compares false, except `ne`, as NaN does in pandas.
function compareCodes<V>(op: CompareOp, a: ArrayLike<V>, b: ArrayLike<V> | V, missing: V): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  const scalar = !(typeof b === 'object' && b !== null);
  if (scalar && op === 'eq') {
    // The hot path of `gender.eq('male')`: missing never equals a present value.
    for (let i = 0; i < n; i++) out[i] = a[i] === b ? 1 : 0;
    return out;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = scalar ? (b as V) : (b as ArrayLike<V>)[i];
    out[i] = x === missing || y === missing ? (op === 'ne' ? 1 : 0) : compareOrdered(op, x, y) ? 1 : 0;
  }
  return out;
}

// One pass over memory: each block of BLOCK values is summarised while it sits in cache (its mean, then its
// squared deviations), and blocks are merged with Chan et al.'s pairwise form of Welford's update. As
// stable as Welford's per-element update, without its division on every element (about 4x faster).
const BLOCK = 2048;

function moments(values: Float64Array): Stats {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let start = 0; start < values.length; start += BLOCK) {
    const end = Math.min(values.length, start + BLOCK);
    let n = 0;
    let sum = 0;
    for (let i = start; i < end; i++) {
      const x = values[i];
      if (x === x) {
        n++;
        sum += x;
        min = x < min ? x : min;
        max = x > max ? x : max;
      }
    }
    if (n === 0) continue;
    const blockMean = sum / n;
    let blockM2 = 0;
    for (let i = start; i < end; i++) {
      const d = values[i] - blockMean;
      if (d === d) blockM2 += d * d;
    }
    const total = count + n;
    const delta = blockMean - mean;
    mean += (delta * n) / total;
    m2 += blockM2 + (delta * delta * count * n) / total;
    count = total;
  }
  const variance = count > 1 ? m2 / (count - 1) : NaN;
  return {
    count,
    mean: count > 0 ? mean : NaN,
    std: Math.sqrt(variance),
    var: variance,
    min: count > 0 ? min : NaN,
    max: count > 0 ? max : NaN,
  };
}

function inferDType(values: ArrayLike<unknown>): DType {
  if (ArrayBuffer.isView(values)) return 'number';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (v instanceof Date) return 'date';
    const t = typeof v;
    if (t === 'number' || t === 'boolean' || t === 'string') return t as DType;
    throw new TypeError(
      `Series.from: element ${i} is ${describeValue(v)}; a series holds numbers, booleans, strings or Dates`,
    );
  }
  return 'number';
}

function storageFor(values: ArrayLike<unknown>, dtype: DType): Storage {
  const n = values.length;
  const wrong = (i: number): never => {
    throw new TypeError(
      `Series.from: element ${i} is ${describeValue(values[i])}, but the series is ${dtype}`,
    );
  };
  switch (dtype) {
    case 'number': {
      if (values instanceof Float64Array) return values;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        out[i] = v === null || v === undefined ? NaN : typeof v === 'number' ? v : wrong(i);
      }
      return out;
    }
    case 'date': {
      if (values instanceof Float64Array) return values;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        out[i] = v === null || v === undefined ? NaN : v instanceof Date ? v.getTime() : wrong(i);
      }
      return out;
    }
    case 'boolean': {
      // Boolean storage (0, 1, 2 for missing), e.g. from DataFrame.toColumns, is taken as it is.
      if (values instanceof Uint8Array && values.every((code) => code <= MISSING)) return values;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        out[i] = v === null || v === undefined ? MISSING : v === true ? 1 : v === false ? 0 : wrong(i);
      }
      return out;
    }
    case 'string': {
      const out = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        out[i] = v === null || v === undefined ? null : typeof v === 'string' ? v : wrong(i);
      }
      return out;
    }
  }
}

function parseBoolean(text: string, i: number): boolean {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new TypeError(`astype('boolean'): element ${i} is '${text}', not true or false`);
}

// Element-wise conversion rules of astype; `null` is missing and stays missing.
function convert(value: Scalar, to: DType, i: number): Scalar | null {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    if (to === 'boolean') return value !== 0;
    if (to === 'string') return String(value);
    return to === 'date' ? new Date(value) : value;
  }
  if (typeof value === 'boolean') {
    if (to === 'number') return value ? 1 : 0;
    if (to === 'string') return String(value);
    if (to === 'boolean') return value;
  } else if (typeof value === 'string') {
    if (to === 'string') return value;
    if (value.trim() === '') return null;
    if (to === 'boolean') return parseBoolean(value, i);
    const parsed = to === 'number' ? Number(value) : Date.parse(value);
    if (Number.isNaN(parsed)) throw new TypeError(`astype('${to}'): element ${i} is '${value}', not a ${to}`);
    return to === 'number' ? parsed : new Date(parsed);
  } else {
    if (to === 'number') return value.getTime();
    if (to === 'string') return value.toISOString();
    if (to === 'date') return value;
  }
  throw new TypeError(`astype('${to}'): cannot convert ${describeValue(value)} (element ${i}) to ${to}`);
}

/**
 * One typed column: numbers, booleans, strings or dates, with missing values (NaN for numbers, `null`
 * elsewhere). Operations are element-wise and positional, with a scalar or a Series of the same length.
 *
 * @example
 * const age = Series.of(20, 30, 40);
 * const normalized = age.sub(age.mean()).div(age.std());
 */
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

  /** Number of elements, missing ones included. */
  /**
   * A short description such as `Series<number>(5) [1, 2, 3, 4, 5]`: what error reports and logs show.
   * Written out, not taken from the class name, which a minifier renames.
   */
  toString(): string {
    const head = Array.from({ length: Math.min(this.length, 5) }, (_, i) => String(this.at(i)));
    return `Series<${this.dtype}>(${this.length}) [${head.join(', ')}${this.length > 5 ? ', …' : ''}]`;
  }

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
    const n = indices.length;
    const src = this.values;
    const out: Storage =
      src instanceof Float64Array
        ? new Float64Array(n)
        : src instanceof Uint8Array
          ? new Uint8Array(n)
          : new Array(n);
    const missing = src instanceof Float64Array ? NaN : src instanceof Uint8Array ? MISSING : null;
    for (let i = 0; i < n; i++) {
      const j = indices[i];
      if (j === -1) out[i] = missing as never;
      else if (j >= 0 && j < src.length) out[i] = src[j] as never;
      else throw new RangeError(`take: position ${j} is outside a series of length ${src.length}`);
    }
    return new Series<T>(this.dtype, out as StorageOf<T>);
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

  #compare(op: CompareOp, other: T | Series<T>): Series<boolean> {
    const ordered = op !== 'eq' && op !== 'ne';
    if (ordered && this.dtype === 'boolean')
      throw new TypeError(`${op}: booleans are not ordered; use eq or ne`);
    const mismatch = (): never => {
      throw new TypeError(`${op}: cannot compare a ${this.dtype} series with ${describeValue(other)}`);
    };
    let b: Storage | Scalar;
    if (isSeries(other)) {
      checkLength(op, this, other);
      if (other.dtype !== this.dtype) mismatch();
      b = other.values;
    } else if (this.dtype === 'date') {
      b = other instanceof Date ? other.getTime() : mismatch();
    } else if (this.dtype === 'boolean') {
      b = typeof other === 'boolean' ? (other ? 1 : 0) : mismatch();
    } else {
      b = typeof other === this.dtype ? other : mismatch();
    }
    const a = this.values;
    const out =
      a instanceof Float64Array
        ? compareNumbers(op, a, b as Float64Array | number)
        : a instanceof Uint8Array
          ? compareCodes(op, a, b as Uint8Array | number, MISSING)
          : compareCodes<string | null>(op, a, b as (string | null)[] | string, null);
    return new Series('boolean', out);
  }

  /** Element-wise `this === other`; missing values are never equal. */
  eq(other: T | Series<T>): Series<boolean> {
    return this.#compare('eq', other);
  }

  /** Element-wise `this !== other`; missing values are unequal to everything. */
  ne(other: T | Series<T>): Series<boolean> {
    return this.#compare('ne', other);
  }

  /** Element-wise `this > other` (numbers, dates, strings); false where missing. */
  gt(other: T | Series<T>): Series<boolean> {
    return this.#compare('gt', other);
  }

  /** Element-wise `this >= other` (numbers, dates, strings); false where missing. */
  ge(other: T | Series<T>): Series<boolean> {
    return this.#compare('ge', other);
  }

  /** Element-wise `this < other` (numbers, dates, strings); false where missing. */
  lt(other: T | Series<T>): Series<boolean> {
    return this.#compare('lt', other);
  }

  /** Element-wise `this <= other` (numbers, dates, strings); false where missing. */
  le(other: T | Series<T>): Series<boolean> {
    return this.#compare('le', other);
  }

  #logic(op: string, table: Uint8Array, other: boolean | Series<boolean>): Series<boolean> {
    const a = this.#booleans(op);
    let b: Uint8Array | number;
    if (isSeries(other) && other.dtype === 'boolean') {
      checkLength(op, this, other);
      b = other.values as Uint8Array;
    } else if (typeof other === 'boolean') {
      b = other ? 1 : 0;
    } else {
      throw new TypeError(`${op}: cannot combine a boolean series with ${describeValue(other)}`);
    }
    const out = new Uint8Array(a.length);
    if (typeof b === 'number') for (let i = 0; i < a.length; i++) out[i] = table[a[i] * 3 + b];
    else for (let i = 0; i < a.length; i++) out[i] = table[a[i] * 3 + b[i]];
    return new Series('boolean', out);
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
    const a = this.#booleans('not');
    const out = new Uint8Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = NOT[a[i]];
    return new Series('boolean', out);
  }

  /** True where the element is missing. */
  isNa(): Series<boolean> {
    const a = this.values;
    const out = new Uint8Array(a.length);
    if (a instanceof Float64Array) for (let i = 0; i < a.length; i++) out[i] = a[i] !== a[i] ? 1 : 0;
    else if (a instanceof Uint8Array) for (let i = 0; i < a.length; i++) out[i] = a[i] === MISSING ? 1 : 0;
    else for (let i = 0; i < a.length; i++) out[i] = a[i] === null ? 1 : 0;
    return new Series('boolean', out);
  }

  /** True where the element is present. */
  notNa(): Series<boolean> {
    return this.isNa().not();
  }

  /** The Series with missing elements replaced by `value`. */
  fillNa(value: T): Series<T> {
    const mask = this.isNa().values;
    const fill = Series.from([value], this.dtype).values[0];
    const out = this.values.slice() as Storage;
    for (let i = 0; i < mask.length; i++) if (mask[i] === 1) out[i] = fill as never;
    return new Series<T>(this.dtype, out as StorageOf<T>);
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
    const out = new Array<Scalar | null>(this.length);
    for (let i = 0; i < out.length; i++) {
      const v = this.#element(i);
      out[i] = v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : convert(v, dtype, i);
    }
    return Series.from(out, dtype);
  }

  /** Number of present (non-missing) elements. */
  count(): number {
    const a = this.values;
    if (a instanceof Float64Array) return this.#moments('count', ['number', 'date']).count;
    let n = 0;
    const missing = a instanceof Uint8Array ? MISSING : null;
    for (let i = 0; i < a.length; i++) if (a[i] !== missing) n++;
    return n;
  }

  /** Sum of the present values; 0 when there are none, as in pandas. */
  sum(this: Series<number>): number {
    const a = this.#numbers('sum');
    let s = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === a[i]) s += a[i];
    return s;
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
    if (this.dtype === 'string') {
      let best: string | null = null;
      for (const s of this.values as (string | null)[]) {
        if (s !== null && (best === null || (op === 'min' ? s < best : s > best))) best = s;
      }
      return best;
    }
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
    const sorted = this.#numbers('quantile')
      .filter((x) => x === x)
      .sort();
    if (sorted.length === 0) return NaN;
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}

Object.defineProperty(Series.prototype, BRAND, { value: true });
