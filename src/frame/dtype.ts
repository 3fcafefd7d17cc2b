/**
 * What a Series holds and how: the dtypes, their storage (typed arrays with missing-value codes), and
 * turning plain arrays into storage and values into other dtypes.
 */
import type { Series } from './series';

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

export type Storage = Float64Array | Uint8Array | (string | null)[];

/** Booleans are stored as 0 (false), 1 (true) and MISSING. */
export const MISSING = 2;

export const BRAND = Symbol.for('hamilton.frame.series');

/** True for a Series, also one made by another copy of this library (a bundled user module). */
export function isSeries(value: unknown): value is Series {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

export function describeValue(value: unknown): string {
  if (isSeries(value)) return `a ${value.dtype} series`;
  if (value instanceof Date) return 'a Date';
  if (value === null) return 'null';
  return typeof value === 'object' || typeof value === 'undefined'
    ? `an ${typeof value}`
    : `a ${typeof value}`;
}

export function inferDType(values: ArrayLike<unknown>): DType {
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

export function storageFor(values: ArrayLike<unknown>, dtype: DType): Storage {
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
export function convert(value: Scalar, to: DType, i: number): Scalar | null {
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
