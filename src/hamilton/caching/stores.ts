/**
 * Where the cache keeps what it learns (Hamilton's metadata store and result store): the metadata store
 * maps a cache key to the data version of the result it produced; the result store maps a data version
 * to the result. Both are synchronous, so `executeSync` can use them. The in-memory stores are the
 * default; `fileStore.ts` keeps both on disk in Node.
 */

/** What the metadata store records for one cache key. */
export interface CacheEntry {
  /** The node. */
  readonly nodeName: string;
  /** Its code version when it ran. */
  readonly codeVersion: string;
  /** Its dependencies' data versions when it ran, by name. */
  readonly dependencies: Readonly<Record<string, string>>;
  /** The data version of the result. */
  readonly dataVersion: string;
  /** The run that recorded it. */
  readonly runId: string;
}

/** Cache key → data version (Hamilton's `MetadataStore`). */
export interface MetadataStore {
  /** The entry recorded for `cacheKey`, if any. */
  get(cacheKey: string): CacheEntry | undefined;
  /** Records an entry (replacing any for the same key). */
  set(cacheKey: string, entry: CacheEntry): void;
  /** Forgets a key. */
  delete(cacheKey: string): void;
  /** The last entry recorded for a node: what explains why it would run again. */
  latest(nodeName: string): CacheEntry | undefined;
  /** Forgets everything. */
  clear(): void;
}

/** Data version → result (Hamilton's `ResultStore`). */
export interface ResultStore {
  /** Whether a result is stored for `dataVersion`. */
  has(dataVersion: string): boolean;
  /** The stored result (undefined when there is none: check {@link has}). */
  get(dataVersion: string): unknown;
  /** Stores a result; false when this store cannot keep it (too large, not serialisable). */
  set(dataVersion: string, result: unknown): boolean;
  /** Forgets a result. */
  delete(dataVersion: string): void;
  /** Forgets everything. */
  clear(): void;
}

/** The in-memory metadata store: two maps. */
export class InMemoryMetadataStore implements MetadataStore {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly byNode = new Map<string, CacheEntry>();

  /** {@inheritDoc MetadataStore.get} */
  get(cacheKey: string): CacheEntry | undefined {
    return this.entries.get(cacheKey);
  }

  /** {@inheritDoc MetadataStore.set} */
  set(cacheKey: string, entry: CacheEntry): void {
    this.entries.set(cacheKey, entry);
    this.byNode.set(entry.nodeName, entry);
  }

  /** {@inheritDoc MetadataStore.delete} */
  delete(cacheKey: string): void {
    this.entries.delete(cacheKey);
  }

  /** {@inheritDoc MetadataStore.latest} */
  latest(nodeName: string): CacheEntry | undefined {
    return this.byNode.get(nodeName);
  }

  /** {@inheritDoc MetadataStore.clear} */
  clear(): void {
    this.entries.clear();
    this.byNode.clear();
  }
}

const SERIES = Symbol.for('hamilton.frame.series');
const DATAFRAME = Symbol.for('hamilton.frame.dataframe');

/**
 * The bytes of a frame column's storage: a typed array's exactly; for strings, the mean length of a
 * sample of them (a column of 100,000 strings is not walked to size it).
 */
function storageBytes(values: ArrayLike<unknown>): number {
  if (ArrayBuffer.isView(values)) return values.byteLength;
  const sample = Math.min(values.length, 256);
  let chars = 0;
  for (let i = 0; i < sample; i++) {
    const v = values[Math.floor((i * values.length) / sample)];
    if (typeof v === 'string') chars += v.length;
  }
  return values.length * (8 + 16 + (sample ? (2 * chars) / sample : 0));
}

/**
 * An estimate of the bytes `value` holds: exact for typed arrays and frame columns, an approximation for
 * strings (2 bytes a character) and containers (their items plus a small overhead). Shared values
 * count once.
 */
export function estimateBytes(value: unknown, seen = new Set<object>()): number {
  switch (typeof value) {
    case 'string':
      return 16 + 2 * value.length;
    case 'object': {
      if (value === null) return 8;
      if (seen.has(value)) return 0;
      seen.add(value);
      if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
      const record = value as Record<PropertyKey, unknown>;
      if (record[SERIES] === true) return 64 + storageBytes(record.values as ArrayLike<unknown>);
      if (record[DATAFRAME] === true) {
        const frame = value as { columnNames: string[]; column(name: string): unknown };
        return frame.columnNames.reduce((n, name) => n + estimateBytes(frame.column(name), seen), 64);
      }
      const items = Array.isArray(value)
        ? value
        : value instanceof Map
          ? [...value.keys(), ...value.values()]
          : value instanceof Set
            ? [...value]
            : Object.entries(value).flat();
      return items.reduce((n: number, item) => n + estimateBytes(item, seen), 32 + 8 * items.length);
    }
    default:
      return 8;
  }
}

/** Options of {@link InMemoryResultStore}. */
export interface InMemoryResultStoreOptions {
  /** The most bytes (as {@link estimateBytes} counts them) kept; least recently used results go first. Default 200 MB. */
  readonly maxBytes?: number;
}

/** The default bound of the in-memory result store: 200 MB. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/**
 * The in-memory result store, bounded by an estimated byte size: when a new result would exceed the
 * bound, the least recently used results are evicted; a result larger than the bound is not kept.
 * Results are kept by reference (as Hamilton's in-memory store does): nodes must not mutate their inputs.
 */
export class InMemoryResultStore implements ResultStore {
  /** The bound, in estimated bytes. */
  readonly maxBytes: number;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly results = new Map<string, { value: unknown; bytes: number }>();
  private bytes = 0;

  constructor(options: InMemoryResultStoreOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** The estimated bytes held now. */
  get size(): number {
    return this.bytes;
  }

  /** {@inheritDoc ResultStore.has} */
  has(dataVersion: string): boolean {
    return this.results.has(dataVersion);
  }

  /** {@inheritDoc ResultStore.get} */
  get(dataVersion: string): unknown {
    const held = this.results.get(dataVersion);
    if (!held) return undefined;
    this.results.delete(dataVersion);
    this.results.set(dataVersion, held);
    return held.value;
  }

  /** {@inheritDoc ResultStore.set} */
  set(dataVersion: string, result: unknown): boolean {
    const bytes = estimateBytes(result);
    if (bytes > this.maxBytes) return false;
    this.delete(dataVersion);
    for (const [key, held] of this.results) {
      if (this.bytes + bytes <= this.maxBytes) break;
      this.results.delete(key);
      this.bytes -= held.bytes;
    }
    this.results.set(dataVersion, { value: result, bytes });
    this.bytes += bytes;
    return true;
  }

  /** {@inheritDoc ResultStore.delete} */
  delete(dataVersion: string): void {
    const held = this.results.get(dataVersion);
    if (!held) return;
    this.results.delete(dataVersion);
    this.bytes -= held.bytes;
  }

  /** {@inheritDoc ResultStore.clear} */
  clear(): void {
    this.results.clear();
    this.bytes = 0;
  }
}
