/**
 * Data versions: fingerprints of values (Hamilton's `fingerprinting.hash_value`). Two values with the same
 * content get the same fingerprint, whatever object holds them: primitives, `Date`, typed arrays, arrays,
 * plain objects (keys sorted), `Map` and `Set`, and the frame's `Series` (dtype and content) and
 * `DataFrame` (column names, dtypes and content). Anything else (class instances, functions, cycles) cannot
 * be fingerprinted: {@link fingerprint} returns undefined and the cache leaves the node uncached.
 *
 * The hash is two independent 32-bit multiply-shift lanes over 32-bit words (64 bits in all). Typed
 * arrays are read as words, not element by element, through 32 more lanes side by side
 * (`laneMixer.ts`, in WebAssembly SIMD where the engine has it), folded into the two after. It tells
 * content apart; it is not meant to resist someone crafting collisions.
 */

import { BLOCK_BYTES, laneMixer, LANES, ROW_BYTES } from './laneMixer';

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

/**
 * How many bytes of content one fingerprint reads at most (strings count two bytes a character, other
 * elements eight). Past it the value is not fingerprinted (so not cached): hashing hundreds of
 * megabytes would cost seconds, more than most nodes that make such a value, and would be held in
 * memory besides. Frames count each column once: a column already fingerprinted costs nothing.
 */
export const FINGERPRINT_BUDGET_BYTES = 64 * 1024 * 1024;

/** Bytes the fingerprint in progress may still read. */
let budgetLeft = FINGERPRINT_BUDGET_BYTES;

/** Thrown inside hashing when the value is past {@link FINGERPRINT_BUDGET_BYTES}. */
const TOO_LARGE = Symbol('too large');

/** Counts `bytes` against the budget of the fingerprint in progress. */
function spend(bytes: number): void {
  budgetLeft -= bytes;
  if (budgetLeft < 0) throw TOO_LARGE;
}

// Series and DataFrames never change after they are made (src/frame), so their fingerprints are kept.
const frameVersions = new WeakMap<object, string>();

const scratch = new Float64Array(1);
// A string column is fingerprinted as a dictionary while it has at most this many distinct values.
const DICTIONARY_LIMIT = 1024;
// Slots of the table of recent strings in front of a string column's dictionary (a power of two).
const SLOTS = 256;
const scratchWords = new Uint32Array(scratch.buffer);

// A string column's indices are written to memory kept from one column to the next, up to this many
// (4 MB): fresh memory of that size costs a page fault a page, more than filling it.
const KEPT_IDS = 1 << 20;
let keptIds = new Int32Array(0);

/** Room for `n` indices: the kept memory, grown as columns need, or fresh memory past {@link KEPT_IDS}. */
function scratchIds(n: number): Int32Array {
  if (n > KEPT_IDS) return new Int32Array(n);
  if (keptIds.length < n) keptIds = new Int32Array(Math.min(KEPT_IDS, Math.max(n, keptIds.length * 2)));
  return keptIds;
}

// Where the lanes of `Hasher.words` start: lane j at (j + 1) times the golden ratio's 32 bits.
const LANE_START = Int32Array.from({ length: LANES }, (_, j) => Math.imul(j + 1, 0x9e3779b9));

/**
 * A running 64-bit hash: two 32-bit lanes, each mixing a word with a multiply and a shift (different
 * constants, one xor-fed and one add-fed), finalised with murmur3's avalanche. The bulk loops keep the
 * lanes in locals: fingerprinting must stay a small fraction of the run that produced the value.
 */
class Hasher {
  // As int32 (`| 0`), so the fields stay small integers rather than boxed doubles.
  private a = 0x9747b28c | 0;
  private b = 0x85ebca6b | 0;
  private n = 0;

  word(w: number): void {
    const a = Math.imul(this.a ^ w, 0x01000193);
    this.a = a ^ (a >>> 15);
    const b = Math.imul(this.b + w, 0x5bd1e995);
    this.b = b ^ (b >>> 13);
    this.n++;
  }

  number(x: number): void {
    scratch[0] = x;
    this.word(scratchWords[0]);
    this.word(scratchWords[1]);
  }

  string(s: string): void {
    spend(s.length * 2);
    this.word(s.length);
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const w = s.charCodeAt(i);
      a = Math.imul(a ^ w, 0x01000193);
      a ^= a >>> 15;
      b = Math.imul(b + w, 0x5bd1e995);
      b ^= b >>> 13;
    }
    this.a = a;
    this.b = b;
    this.n += s.length;
  }

  /**
   * Strings and nulls (a string column's storage), as a dictionary: each distinct string once, in order
   * of first appearance, then every element's index in it (-1 for null). Equal columns give equal
   * dictionaries and indices, and the pair determines the column. Columns of few distinct values (the
   * common case: categories) cost a lookup per element; past 1,024 distinct values the strings are
   * hashed one after another instead (which path is taken depends only on the content).
   */
  strings(values: ArrayLike<unknown>): void {
    const n = values.length;
    spend(n * 4);
    const ids = scratchIds(n);
    const dictionary = new Map<string, number>();
    // Two direct-mapped tables of recent strings in front of the map, one by length and one by length
    // and end characters: a category column's strings then each keep a slot and are found by one or two
    // comparisons that (unlike a scan of the distinct values, element after element in random order)
    // the processor predicts. The length alone is the cheaper read, and it tells most categories apart.
    const slotText = new Array<string | null>(2 * SLOTS).fill(null);
    const slotId = new Int32Array(2 * SLOTS);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let text: string;
      let slot = 0;
      let second = SLOTS;
      if (typeof v === 'string') {
        const length = v.length;
        slot = length & (SLOTS - 1);
        if (slotText[slot] === v) {
          ids[i] = slotId[slot];
          continue;
        }
        if (length > 0)
          second += (length * 7 + v.charCodeAt(0) * 31 + v.charCodeAt(length - 1)) & (SLOTS - 1);
        if (slotText[second] === v) {
          const id = slotId[second];
          slotText[slot] = v;
          slotId[slot] = id;
          ids[i] = id;
          continue;
        }
        text = v;
      } else if (v === null || v === undefined) {
        ids[i] = -1;
        continue;
      } else text = String(v);
      let id = dictionary.get(text);
      if (id === undefined) {
        id = dictionary.size;
        if (id === DICTIONARY_LIMIT) return this.eachString(values);
        dictionary.set(text, id);
      }
      slotText[slot] = slotText[second] = text;
      slotId[slot] = slotId[second] = id;
      ids[i] = id;
    }
    this.word(dictionary.size);
    for (const text of dictionary.keys()) this.string(text);
    this.words(ids.subarray(0, n));
  }

  /**
   * Strings and nulls one after another: every string's UTF-16 code units in one typed array (copying
   * them is several times faster than hashing string by string), then each length (-1 for null).
   */
  private eachString(values: ArrayLike<unknown>): void {
    const n = values.length;
    const lengths = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const length = v === null || v === undefined ? -1 : (typeof v === 'string' ? v : String(v)).length;
      lengths[i] = length;
      if (length > 0) total += length;
    }
    spend(total * 2);
    const units = new Uint16Array(total + (total & 1));
    for (let i = 0, at = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const text = typeof v === 'string' ? v : String(v);
      for (let k = 0; k < text.length; k++) units[at++] = text.charCodeAt(k);
    }
    this.word(n);
    this.words(units);
    this.words(lengths);
  }

  /**
   * The bytes of a typed array, as 32-bit words: whole rows through the lane mixer (`laneMixer.ts`), a
   * block at a time copied into its scratch memory (the engine's native copy streams a column out of
   * memory faster than a loop reads it, and the copy is aligned whatever the view's offset), then the
   * lanes, then the words and bytes after the last whole row.
   */
  words(view: ArrayBufferView): void {
    const { buffer, byteOffset, byteLength } = view;
    spend(byteLength);
    this.word(byteLength);
    const bytes = new Uint8Array(buffer, byteOffset, byteLength);
    const rows = byteLength - (byteLength % ROW_BYTES);
    if (rows > 0) {
      const mixer = laneMixer();
      mixer.lanes.set(LANE_START);
      for (let at = 0; at < rows; at += BLOCK_BYTES) {
        const count = Math.min(BLOCK_BYTES, rows - at);
        mixer.block.set(bytes.subarray(at, at + count));
        mixer.mix(count);
      }
      for (const lane of mixer.lanes) this.word(lane);
    }
    const whole = byteLength & ~3;
    for (let at = rows; at < whole; at += 4) {
      this.word((bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0);
    }
    for (let at = whole; at < byteLength; at++) this.word(bytes[at]);
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
  else h.strings(values);
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
    spend(value.length * 8);
    h.word(value.length);
    for (const item of value) hashValue(h, item, seen);
  } else if (value instanceof Map) {
    h.word(TAG.map);
    spend(value.size * 8);
    const entries = [...value.entries()].map(([k, v]) => [fingerprintOrThrow(k, seen), v] as const);
    entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    for (const [k, v] of entries) {
      h.string(k);
      hashValue(h, v, seen);
    }
  } else if (value instanceof Set) {
    h.word(TAG.set);
    spend(value.size * 8);
    for (const k of [...value].map((v) => fingerprintOrThrow(v, seen)).sort()) h.string(k);
  } else if (isPlainObject(value)) {
    h.word(TAG.object);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    spend(keys.length * 8);
    for (const key of keys.sort()) {
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

/** Why a value has no data version: it cannot be fingerprinted, or not within the budget. */
export type Unversioned =
  { readonly unhashable: 'type' } | { readonly unhashable: 'size'; readonly bytes: number };

/**
 * The data version of `value` (a 16-hex-digit fingerprint of its content), or why it has none: a
 * function, a class instance, a cycle or a symbol (`type`), or content past
 * {@link FINGERPRINT_BUDGET_BYTES} (`size`, with how many bytes were counted before giving up).
 */
export function dataVersionOf(value: unknown): string | Unversioned {
  budgetLeft = FINGERPRINT_BUDGET_BYTES;
  try {
    if (typeof value === 'object' && value !== null) {
      // Frames are fingerprinted once per object: a retrieved or passed-through frame costs a lookup.
      if (branded(value, SERIES)) return versionOfSeries(value as SeriesLike);
      if (branded(value, DATAFRAME)) return versionOfFrame(value as FrameLike);
    }
    return fingerprintOrThrow(value, new Set());
  } catch (e) {
    if (e === UNHASHABLE) return { unhashable: 'type' };
    if (e === TOO_LARGE) return { unhashable: 'size', bytes: FINGERPRINT_BUDGET_BYTES - budgetLeft };
    throw e;
  }
}

/**
 * The data version of `value`: a 16-hex-digit fingerprint of its content, or undefined when it cannot be
 * fingerprinted (a function, a class instance, a cycle, a symbol) or is too large to fingerprint cheaply
 * (more than {@link FINGERPRINT_BUDGET_BYTES} of content).
 */
export function fingerprint(value: unknown): string | undefined {
  const version = dataVersionOf(value);
  return typeof version === 'string' ? version : undefined;
}

/** A fingerprint of a list of strings (the parts of a cache key, a code version). */
export function hashStrings(parts: readonly string[]): string {
  // Code versions and keys are the library's own small texts: no budget.
  budgetLeft = Infinity;
  const h = new Hasher();
  h.word(TAG.version);
  for (const p of parts) h.string(p);
  return h.digest();
}
