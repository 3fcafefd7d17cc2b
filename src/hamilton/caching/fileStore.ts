/**
 * The file stores (Node only): metadata appended as JSON lines to `<path>/metadata.jsonl` (read back
 * when a store opens), results in `<path>/results/<data version>`, serialised with Node's `v8`
 * serialiser after frames are turned into plain records. Node's modules are reached through
 * `process.getBuiltinModule`, never imported, so browser bundles never see them.
 */
import { HamiltonError } from '../errors';
import type { CacheEntry, MetadataStore, ResultStore } from './stores';
import { fromPortable, toPortable } from './portable';

interface NodeFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
  existsSync(path: string): boolean;
  readFileSync(path: string): Uint8Array;
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string | Uint8Array): void;
  appendFileSync(path: string, data: string): void;
  rmSync(path: string, options: { force: true; recursive?: boolean }): void;
}
interface NodeV8 {
  serialize(value: unknown): Uint8Array;
  deserialize(data: Uint8Array): unknown;
}

function builtin<T>(id: string): T {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const module = process?.getBuiltinModule?.(id) as T | undefined;
  if (!module) {
    throw new HamiltonError(
      `withCache({ path }) keeps the cache in files, which needs Node (${id} is not available here); leave out \`path\` to cache in memory.`,
    );
  }
  return module;
}

/** Metadata in `<dir>/metadata.jsonl`: one line per recorded entry, the last line for a key winning. */
export class FileMetadataStore implements MetadataStore {
  private readonly fs = builtin<NodeFs>('node:fs');
  private readonly file: string;
  private readonly entries = new Map<string, CacheEntry>();
  private readonly byNode = new Map<string, CacheEntry>();

  /** Opens (or creates) the store under `dir`. */
  constructor(dir: string) {
    this.fs.mkdirSync(dir, { recursive: true });
    this.file = `${dir}/metadata.jsonl`;
    if (!this.fs.existsSync(this.file)) return;
    for (const line of this.fs.readFileSync(this.file, 'utf8').split('\n')) {
      if (!line) continue;
      const { cacheKey, entry } = JSON.parse(line) as { cacheKey: string; entry: CacheEntry | null };
      if (entry) this.remember(cacheKey, entry);
      else this.entries.delete(cacheKey);
    }
  }

  private remember(cacheKey: string, entry: CacheEntry): void {
    this.entries.set(cacheKey, entry);
    this.byNode.set(entry.nodeName, entry);
  }

  /** {@inheritDoc MetadataStore.get} */
  get(cacheKey: string): CacheEntry | undefined {
    return this.entries.get(cacheKey);
  }

  /** {@inheritDoc MetadataStore.set} */
  set(cacheKey: string, entry: CacheEntry): void {
    this.remember(cacheKey, entry);
    this.fs.appendFileSync(this.file, JSON.stringify({ cacheKey, entry }) + '\n');
  }

  /** {@inheritDoc MetadataStore.delete} */
  delete(cacheKey: string): void {
    if (!this.entries.delete(cacheKey)) return;
    this.fs.appendFileSync(this.file, JSON.stringify({ cacheKey, entry: null }) + '\n');
  }

  /** {@inheritDoc MetadataStore.latest} */
  latest(nodeName: string): CacheEntry | undefined {
    return this.byNode.get(nodeName);
  }

  /** {@inheritDoc MetadataStore.clear} */
  clear(): void {
    this.entries.clear();
    this.byNode.clear();
    this.fs.writeFileSync(this.file, '');
  }
}

/** Results in `<dir>/results/<data version>`, one file each. */
export class FileResultStore implements ResultStore {
  private readonly fs = builtin<NodeFs>('node:fs');
  private readonly v8 = builtin<NodeV8>('node:v8');
  private readonly dir: string;

  /** Opens (or creates) the store under `dir`. */
  constructor(dir: string) {
    this.dir = `${dir}/results`;
    this.fs.mkdirSync(this.dir, { recursive: true });
  }

  private fileOf(dataVersion: string): string {
    return `${this.dir}/${dataVersion.replace(/[^\w.-]/g, '_')}`;
  }

  /** {@inheritDoc ResultStore.has} */
  has(dataVersion: string): boolean {
    return this.fs.existsSync(this.fileOf(dataVersion));
  }

  /** {@inheritDoc ResultStore.get} */
  get(dataVersion: string): unknown {
    const file = this.fileOf(dataVersion);
    return this.fs.existsSync(file)
      ? fromPortable(this.v8.deserialize(this.fs.readFileSync(file)))
      : undefined;
  }

  /** {@inheritDoc ResultStore.set} */
  set(dataVersion: string, result: unknown): boolean {
    let bytes: Uint8Array;
    try {
      bytes = this.v8.serialize(toPortable(result));
    } catch {
      return false;
    }
    this.fs.writeFileSync(this.fileOf(dataVersion), bytes);
    return true;
  }

  /** {@inheritDoc ResultStore.delete} */
  delete(dataVersion: string): void {
    this.fs.rmSync(this.fileOf(dataVersion), { force: true });
  }

  /** {@inheritDoc ResultStore.clear} */
  clear(): void {
    this.fs.rmSync(this.dir, { force: true, recursive: true });
    this.fs.mkdirSync(this.dir, { recursive: true });
  }
}

/** Both file stores under `dir`. */
export function fileStores(dir: string): { metadataStore: MetadataStore; resultStore: ResultStore } {
  return { metadataStore: new FileMetadataStore(dir), resultStore: new FileResultStore(dir) };
}
