/**
 * Where data loaders read and data savers write. In Node the default is the real file system; elsewhere
 * (the playground's worker) an in-memory {@link MemoryFileSystem} of workspace data files, which the host
 * fills before a run and reads the saved files back from after it.
 */

/** What a loader or saver may know about a file: its size in bytes and when it last changed (ms). */
export interface FileStat {
  /** Size in bytes. */
  readonly size: number;
  /** Last modification, in milliseconds since the epoch. */
  readonly lastModified: number;
}

/** The files data adapters read and write, by path. */
export interface FileSystem {
  /** The file's text; throws a `FileNotFoundError` when there is no such file. */
  readText(path: string): string;
  /** Writes (or replaces) the file. */
  writeText(path: string, text: string): void;
  /** Size and modification time, or undefined when there is no such file. */
  stat(path: string): FileStat | undefined;
}

/** Python's `FileNotFoundError`, with its message: `[Errno 2] No such file or directory: 'x.csv'`. */
export class FileNotFoundError extends Error {
  /** The path that was not found. */
  readonly path: string;
  constructor(path: string) {
    super(`[Errno 2] No such file or directory: '${path}'`);
    this.name = 'FileNotFoundError';
    this.path = path;
  }
}

/** `./a/b.csv` and `a/b.csv` name the same workspace file. */
function normalise(path: string): string {
  return path.replace(/^(\.\/)+/, '');
}

const encoder = new TextEncoder();

/** Files held in memory: the playground's workspace data files, and the files a run saved. */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, { text: string; lastModified: number }>();
  private readonly saved: string[] = [];

  /** Starts with the given files (path → text). */
  constructor(files: Readonly<Record<string, string>> = {}) {
    for (const [path, text] of Object.entries(files)) {
      this.files.set(normalise(path), { text, lastModified: Date.now() });
    }
  }

  /** The file's text; throws a {@link FileNotFoundError} when there is no such file. */
  readText(path: string): string {
    const file = this.files.get(normalise(path));
    if (!file) throw new FileNotFoundError(path);
    return file.text;
  }

  /** Writes the file and remembers it among the {@link savedFiles}. */
  writeText(path: string, text: string): void {
    const key = normalise(path);
    this.files.set(key, { text, lastModified: Date.now() });
    if (!this.saved.includes(key)) this.saved.push(key);
  }

  /** Size (UTF-8 bytes) and modification time, or undefined. */
  stat(path: string): FileStat | undefined {
    const file = this.files.get(normalise(path));
    return file && { size: encoder.encode(file.text).length, lastModified: file.lastModified };
  }

  /** The files written since this file system was made, in the order first written. */
  savedFiles(): { readonly path: string; readonly text: string }[] {
    return this.saved.map((path) => ({ path, text: this.files.get(path)?.text ?? '' }));
  }
}

interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, text: string): void;
  statSync(path: string, options: { throwIfNoEntry: false }): { size: number; mtimeMs: number } | undefined;
}

/** Node's `fs`, when running in Node (without importing it, so browsers never see the import). */
function nodeFileSystem(): FileSystem | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = process?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (!fs) return undefined;
  return {
    readText(path) {
      if (!fs.statSync(path, { throwIfNoEntry: false })) throw new FileNotFoundError(path);
      return fs.readFileSync(path, 'utf8');
    },
    writeText: (path, text) => fs.writeFileSync(path, text),
    stat(path) {
      const s = fs.statSync(path, { throwIfNoEntry: false });
      return s && { size: s.size, lastModified: s.mtimeMs };
    },
  };
}

let current: FileSystem | undefined;

/**
 * Makes `fs` the file system of every data loader and saver from now on (the playground's worker does);
 * `undefined` goes back to the default.
 */
export function useFileSystem(fs: FileSystem | undefined): void {
  current = fs;
}

/** The file system data adapters use: the one set with {@link useFileSystem}, else Node's, else memory. */
export function fileSystem(): FileSystem {
  current ??= nodeFileSystem() ?? new MemoryFileSystem();
  return current;
}
