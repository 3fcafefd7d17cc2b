/**
 * The cache stores of one user-code worker in live mode: seeded with what the runtime worker's cache
 * knows (its entries at once, its results as portable values on the first run), they note what the runs
 * here add, so it can be sent back ({@link SeededStores.takeNews}) and outlive this worker.
 */
import {
  fromPortable,
  InMemoryMetadataStore,
  InMemoryResultStore,
  type CacheEntry,
  type MetadataStore,
  type ResultStore,
  toPortable,
} from 'hamilton';
import type { CacheIndex, CacheNews, PortableResult } from './userProtocol';

/** Metadata in memory, every new entry noted. */
class NotingMetadataStore extends InMemoryMetadataStore {
  readonly added = new Map<string, CacheEntry>();

  override set(cacheKey: string, entry: CacheEntry): void {
    super.set(cacheKey, entry);
    this.added.set(cacheKey, entry);
  }
}

/**
 * Results: those computed here (kept as values, bounded as the runtime's), those the runtime holds
 * (portable, turned back into values when first read), and the versions it holds but has not sent yet.
 */
class SeededResultStore implements ResultStore {
  readonly local = new InMemoryResultStore();
  readonly added = new Set<string>();
  private readonly seeded = new Map<string, unknown>();

  constructor(private readonly held: Set<string>) {}

  seed(results: readonly PortableResult[]): void {
    for (const [version, value] of results) this.seeded.set(version, value);
  }

  has(dataVersion: string): boolean {
    return this.local.has(dataVersion) || this.seeded.has(dataVersion) || this.held.has(dataVersion);
  }

  get(dataVersion: string): unknown {
    if (this.local.has(dataVersion)) return this.local.get(dataVersion);
    if (!this.seeded.has(dataVersion)) return undefined;
    const value = fromPortable(this.seeded.get(dataVersion));
    this.seeded.delete(dataVersion);
    this.local.set(dataVersion, value);
    return value;
  }

  set(dataVersion: string, result: unknown): boolean {
    const kept = this.local.set(dataVersion, result);
    if (kept) this.added.add(dataVersion);
    return kept;
  }

  delete(dataVersion: string): void {
    this.local.delete(dataVersion);
    this.seeded.delete(dataVersion);
    this.held.delete(dataVersion);
  }

  clear(): void {
    this.local.clear();
    this.seeded.clear();
    this.held.clear();
  }
}

/** The stores a driver is built `withCache` over in a user-code worker; see the file comment. */
export class SeededStores {
  readonly metadataStore: MetadataStore;
  readonly resultStore: ResultStore;
  private readonly metadata = new NotingMetadataStore();
  private readonly results: SeededResultStore;

  constructor(index: CacheIndex) {
    for (const [key, entry] of index.entries) this.metadata.set(key, entry);
    this.metadata.added.clear();
    this.results = new SeededResultStore(new Set(index.versions));
    this.metadataStore = this.metadata;
    this.resultStore = this.results;
  }

  /** The runtime's results, sent with the first run. */
  seed(results: readonly PortableResult[]): void {
    this.results.seed(results);
  }

  /** What the runs added since the last call, as portable values (a result evicted meanwhile is left out). */
  takeNews(): CacheNews {
    const entries = [...this.metadata.added];
    const results: PortableResult[] = [];
    for (const version of this.results.added) {
      if (this.results.local.has(version))
        results.push([version, toPortable(this.results.local.get(version))]);
    }
    this.metadata.added.clear();
    this.results.added.clear();
    return { kind: 'cache-news', entries, results };
  }
}
