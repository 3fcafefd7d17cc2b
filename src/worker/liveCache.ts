/**
 * The workspace's cache, kept by the runtime worker so it outlives the user-code worker of each compile
 * (live mode): cache key → entry (the library's metadata) and data version → result, as portable values
 * (plain data a structured clone carries: frames as tagged records). Each new user-code worker is seeded
 * from here and sends back what its runs added. Results are bounded by estimated bytes, least recently
 * used first out; entries by count. Everything here came from user code's worker: it is checked for
 * shape and counted, never called.
 */
import { DEFAULT_MAX_BYTES, estimateBytes, type CacheEntry } from 'hamilton';
import type { CacheIndex, CacheNews, PortableResult } from './userProtocol';

/** Entries kept at most (each is a few hundred bytes: the bound that matters is the results'). */
export const MAX_ENTRIES = 20_000;

/** See the file comment. */
export class LiveCache {
  private readonly entries = new Map<string, CacheEntry>();
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly results = new Map<string, { value: unknown; bytes: number }>();
  private held = 0;

  constructor(readonly maxBytes: number = DEFAULT_MAX_BYTES) {}

  /** The estimated bytes of the results held now. */
  get bytes(): number {
    return this.held;
  }

  /** How many results are held. */
  get size(): number {
    return this.results.size;
  }

  /** What a new user-code worker is seeded with: every entry, and which results are held. */
  index(): CacheIndex {
    return { entries: [...this.entries], versions: [...this.results.keys()] };
  }

  /** The results of the entries of the named nodes (what a run of that graph may read). */
  resultsOf(nodes: ReadonlySet<string>): PortableResult[] {
    const versions = new Set<string>();
    for (const entry of this.entries.values()) if (nodes.has(entry.nodeName)) versions.add(entry.dataVersion);
    const out: PortableResult[] = [];
    for (const version of versions) {
      const held = this.results.get(version);
      if (!held) continue;
      this.results.delete(version);
      this.results.set(version, held);
      out.push([version, held.value]);
    }
    return out;
  }

  /** Takes in what a run added; malformed items are dropped. */
  add(news: CacheNews): void {
    for (const item of Array.isArray(news.entries) ? news.entries : []) {
      const [key, entry] = Array.isArray(item) ? (item as unknown[]) : [];
      if (typeof key !== 'string' || !isEntry(entry)) continue;
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    for (const item of Array.isArray(news.results) ? news.results : []) {
      const [version, value] = Array.isArray(item) ? (item as unknown[]) : [];
      if (typeof version === 'string') this.keep(version, value);
    }
  }

  /** Forgets everything (a workspace switch gets a fresh runner; this is for a cache the user clears). */
  clear(): void {
    this.entries.clear();
    this.results.clear();
    this.held = 0;
  }

  private keep(version: string, value: unknown): void {
    const bytes = sizeOf(value);
    if (bytes > this.maxBytes || this.results.has(version)) return;
    for (const [key, held] of this.results) {
      if (this.held + bytes <= this.maxBytes) break;
      this.results.delete(key);
      this.held -= held.bytes;
    }
    this.results.set(version, { value, bytes });
    this.held += bytes;
  }
}

/** The estimate, or "too large" for a value too deep to walk. */
function sizeOf(value: unknown): number {
  try {
    return estimateBytes(value);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isEntry(v: unknown): v is CacheEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  const deps = e.dependencies;
  return (
    typeof e.nodeName === 'string' &&
    typeof e.codeVersion === 'string' &&
    typeof e.dataVersion === 'string' &&
    typeof e.runId === 'string' &&
    typeof deps === 'object' &&
    deps !== null &&
    Object.values(deps).every((d) => typeof d === 'string')
  );
}
