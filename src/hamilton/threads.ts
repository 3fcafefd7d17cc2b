/**
 * `hamilton/threads` (Node only): runs the items of parallel blocks on a pool of worker threads, for
 * CPU-bound items (Hamilton's `MultiProcessingExecutor`). Functions cannot cross threads, so each thread
 * imports the modules itself (by URL, through the Node loader of src/compiler, which analyses them) and
 * builds the same graph under the same config; each item's task then crosses as plain data. Values
 * crossing threads (the item, the outside values the block reads, the inputs, the result) must survive
 * the structured clone: numbers, strings, arrays, plain objects, typed arrays, Maps, Dates; class
 * instances arrive as plain objects (Python's executor has the same limit with pickling).
 *
 * The pool is tinypool: no dependencies, kept by the vitest team, and enough here (a thread count, run,
 * destroy); this file is never imported by the browser bundle.
 */
import Tinypool from 'tinypool';
import type { Config } from './function_modifiers/base';
import type { ItemTask, TaskExecutor } from './executors';

/** Options of {@link ThreadPoolExecutor}. */
export interface ThreadPoolOptions {
  /** The modules the driver is built from, as file URLs or paths (`new URL('./features.ts', import.meta.url)`). */
  readonly modules: readonly (string | URL)[];
  /** The driver's config (structured-cloneable). */
  readonly config?: Config;
  /** At most this many threads (Hamilton's `max_tasks`). Default: tinypool's (the CPU count less one). */
  readonly maxThreads?: number;
}

/** What a thread receives for one item. */
export interface ThreadTask {
  /** The modules' file URLs. */
  readonly modules: readonly string[];
  /** The config. */
  readonly config: Config;
  /** The item's task, without its in-process `run`. */
  readonly task: Omit<ItemTask, 'run'>;
}

/**
 * A task executor on a pool of worker threads. Call {@link destroy} when done, so the threads exit.
 *
 * @example
 * ```ts
 * const pool = new ThreadPoolExecutor({ modules: [new URL('./features.ts', import.meta.url)], maxThreads: 4 });
 * const dr = new Builder().withModules(features).enableDynamicExecution({ allowExperimentalMode: true })
 *   .withRemoteExecutor(pool).build();
 * await dr.execute(['total']);
 * await pool.destroy();
 * ```
 */
export class ThreadPoolExecutor implements TaskExecutor {
  private readonly pool: Tinypool;
  private readonly modules: readonly string[];
  private readonly config: Config;

  constructor(options: ThreadPoolOptions) {
    if (!options || !Array.isArray(options.modules) || options.modules.length === 0) {
      throw new TypeError(
        'ThreadPoolExecutor: expected { modules: [...] }, the file URLs of the modules the driver is built from',
      );
    }
    this.modules = options.modules.map((m) =>
      m instanceof URL ? m.href : new URL(m, `file://${process.cwd()}/`).href,
    );
    this.config = options.config ?? {};
    this.pool = new Tinypool({
      filename: new URL('./threadWorker.mjs', import.meta.url).href,
      ...(options.maxThreads !== undefined && { maxThreads: options.maxThreads, minThreads: 0 }),
    });
  }

  /** Runs each task on a thread; results in task order. */
  execute(tasks: readonly ItemTask[]): Promise<unknown[]> {
    return Promise.all(
      tasks.map(({ run: _run, ...task }) =>
        this.pool.run({ modules: this.modules, config: this.config, task } satisfies ThreadTask),
      ),
    );
  }

  /** Stops the threads. */
  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
