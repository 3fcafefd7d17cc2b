/**
 * Data versions: fingerprints of values (Hamilton's `fingerprinting.hash_value`). Two values with the same
 * content get the same fingerprint, whatever object holds them: primitives, `Date`, typed arrays, arrays,
 * plain objects (keys sorted), `Map` and `Set`, and the frame's `Series` (dtype and content) and
 * `DataFrame` (column names, dtypes and content). Anything else (class instances, functions, cycles) cannot
 * be fingerprinted: {@link fingerprint} returns undefined and the cache leaves the node uncached.
 *
 * The hash is two independent 32-bit multiply-rotate lanes over 32-bit words (64 bits in all), fast on
 * typed arrays (their bytes are read as words, not element by element). It tells content apart; it is not
 * meant to resist someone crafting collisions.
 */

// The frame's classes carry these brands (src/frame); the library reads them without importing the frame.
const SERIES = Symbol.for('hamilton.frame.series');
const DATAFRAME = Symbol.for('hamilton.frame.dataframe');

interface SeriesLike {
  readonly dtype: string;
  readonly values: ArrayLike<unknown>;
}
interface FrameLike {
  readonly columnNames: readonly string[];
  column(name: string): SeriesLike;
}

const branded = (value: object, brand: symbol) => (value as Record<symbol, unknown>)[brand] === true;

// Series and DataFrames never change after they are made (src/frame), so their fingerprints are kept.
const frameVersions = new WeakMap<object, string>();

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** A running 64-bit hash (two 32-bit lanes). */
class Hasher {
  private a = 0x9747b28c;
  private b = 0x85ebca6b;
  private n = 0;

  word(w: number): void {
    let k = Math.imul(w, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = this.b ^ Math.imul(w ^ (w >>> 16), 0x85ebca6b);
    b = (b << 17) | (b >>> 15);
    this.b = (Math.imul(b, 0x27d4eb2d) + 0x165667b1) | 0;
    this.n++;
  }

  number(x: number): void {
    scratch[0] = x;
    this.word(scratchWords[0]);
    this.word(scratchWords[1]);
  }

  string(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  words(view: ArrayBufferView): void {
    const { buffer, byteOffset, byteLength } = view;
    const whole = byteLength >>> 2;
    const words = byteOffset % 4 === 0 ? new Uint32Array(buffer, byteOffset, whole) : undefined;
    const bytes = new Uint8Array(buffer, byteOffset, byteLength);
    this.word(byteLength);
    if (words) for (let i = 0; i < whole; i++) this.word(words[i]);
    else
      for (let i = 0; i < whole * 4; i += 4)
        this.word(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    for (let i = whole * 4; i < byteLength; i++) this.word(bytes[i]);
  }

  digest(): string {
    const fmix = (h: number) => {
      h ^= this.n;
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    return fmix(this.a).toString(16).padStart(8, '0') + fmix(this.b).toString(16).padStart(8, '0');
  }
}

/** Thrown inside hashing when a part of the value cannot be fingerprinted. */
const UNHASHABLE = Symbol('unhashable');

// Type tags keep values of different kinds apart (1 and '1', [] and {}).
const TAG = {
  undefined: 1,
  null: 2,
  false: 3,
  true: 4,
  number: 5,
  string: 6,
  bigint: 7,
  date: 8,
  typed: 9,
  array: 10,
  object: 11,
  map: 12,
  set: 13,
  series: 14,
  frame: 15,
  version: 16,
} as const;

function hashSeries(h: Hasher, s: SeriesLike): void {
  h.word(TAG.series);
  h.string(s.dtype);
  const values = s.values;
  if (ArrayBuffer.isView(values)) h.words(values);
  else {
    h.word(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null) h.word(TAG.null);
      else h.string(String(v));
    }
  }
}

function versionOfSeries(s: SeriesLike): string {
  let v = frameVersions.get(s);
  if (v === undefined) {
    const h = new Hasher();
    hashSeries(h, s);
    v = h.digest();
    frameVersions.set(s, v);
  }
  return v;
}

function versionOfFrame(frame: FrameLike): string {
  let v = frameVersions.get(frame);
  if (v === undefined) {
    const h = new Hasher();
    h.word(TAG.frame);
    for (const name of frame.columnNames) {
      h.string(name);
      h.string(versionOfSeries(frame.column(name)));
    }
    v = h.digest();
    frameVersions.set(frame, v);
  }
  return v;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function hashObject(h: Hasher, value: object, seen: Set<object>): void {
  if (seen.has(value)) throw UNHASHABLE;
  if (branded(value, SERIES)) return h.string(versionOfSeries(value as SeriesLike));
  if (branded(value, DATAFRAME)) return h.string(versionOfFrame(value as FrameLike));
  if (value instanceof Date) {
    h.word(TAG.date);
    return h.number(value.getTime());
  }
  if (ArrayBuffer.isView(value)) {
    h.word(TAG.typed);
    h.string(value.constructor.name);
    return h.words(value);
  }
  seen.add(value);
  if (Array.isArray(value)) {
    h.word(TAG.array);
    h.word(value.length);
    for (const item of value) hashValue(h, item, seen);
  } else if (value instanceof Map) {
    h.word(TAG.map);
    const entries = [...value.entries()].map(([k, v]) => [fingerprintOrThrow(k, seen), v] as const);
    entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    for (const [k, v] of entries) {
      h.string(k);
      hashValue(h, v, seen);
    }
  } else if (value instanceof Set) {
    h.word(TAG.set);
    for (const k of [...value].map((v) => fingerprintOrThrow(v, seen)).sort()) h.string(k);
  } else if (isPlainObject(value)) {
    h.word(TAG.object);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      h.string(key);
      hashValue(h, record[key], seen);
    }
  } else throw UNHASHABLE;
  seen.delete(value);
}

function hashValue(h: Hasher, value: unknown, seen: Set<object>): void {
  switch (typeof value) {
    case 'undefined':
      return h.word(TAG.undefined);
    case 'boolean':
      return h.word(value ? TAG.true : TAG.false);
    case 'number':
      h.word(TAG.number);
      return h.number(value);
    case 'string':
      h.word(TAG.string);
      return h.string(value);
    case 'bigint':
      h.word(TAG.bigint);
      return h.string(value.toString());
    case 'object':
      if (value === null) return h.word(TAG.null);
      return hashObject(h, value, seen);
    default:
      throw UNHASHABLE;
  }
}

function fingerprintOrThrow(value: unknown, seen: Set<object>): string {
  const h = new Hasher();
  hashValue(h, value, seen);
  return h.digest();
}

/**
 * The data version of `value`: a 16-hex-digit fingerprint of its content, or undefined when it cannot be
 * fingerprinted (a function, a class instance, a cycle, a symbol).
 */
export function fingerprint(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null) {
    // Frames are fingerprinted once per object: a retrieved or passed-through frame costs a lookup.
    if (branded(value, SERIES)) return versionOfSeries(value as SeriesLike);
    if (branded(value, DATAFRAME)) return versionOfFrame(value as FrameLike);
  }
  try {
    return fingerprintOrThrow(value, new Set());
  } catch (e) {
    if (e === UNHASHABLE) return undefined;
    throw e;
  }
}

/** A fingerprint of a list of strings (the parts of a cache key, a code version). */
export function hashStrings(parts: readonly string[]): string {
  const h = new Hasher();
  h.word(TAG.version);
  for (const p of parts) h.string(p);
  return h.digest();
}
