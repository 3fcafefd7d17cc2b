/**
 * What `withCache` takes: per-node behaviours, and where the cache keeps its metadata and results (in
 * memory by default; on disk with `path` in Node; any {@link MetadataStore} / {@link ResultStore}, such as
 * the stores of an earlier driver, so one cache outlives the drivers built over it).
 */
import { validateBehaviorOptions, type BehaviorOptions } from './behavior';
import { InMemoryMetadataStore, InMemoryResultStore, type MetadataStore, type ResultStore } from './stores';

/** Options of `Builder.withCache`. */
export interface CacheOptions extends BehaviorOptions {
  /**
   * Node only: keep metadata and results in files under this directory, so the cache survives the
   * process (`withCache({ path: '.hamilton_cache' })`, Hamilton's default directory name).
   */
  readonly path?: string;
  /** The metadata store to use (default: in memory, or on disk with {@link path}). */
  readonly metadataStore?: MetadataStore;
  /** The result store to use (default: in memory, bounded by {@link maxBytes}, or on disk with {@link path}). */
  readonly resultStore?: ResultStore;
  /** The bound of the default in-memory result store, in estimated bytes. Default 200 MB. */
  readonly maxBytes?: number;
}

/** Throws when the options contradict themselves (a node named for two behaviours, an unknown behaviour). */
export function validateCacheOptions(options: CacheOptions): void {
  validateBehaviorOptions(options);
}

/**
 * The stores the options ask for: those given, else in memory. (`path` is turned into file stores by the
 * Builder, so the driver, which worker threads also load, never loads the file stores' code.)
 */
export function storesOf(options: CacheOptions): { metadataStore: MetadataStore; resultStore: ResultStore } {
  return {
    metadataStore: options.metadataStore ?? new InMemoryMetadataStore(),
    resultStore: options.resultStore ?? new InMemoryResultStore({ maxBytes: options.maxBytes }),
  };
}
