/**
 * Task executors: how the items of a parallel block run (Hamilton's `execution.executors`). Each item
 * is one {@link ItemTask}; an executor runs a block's tasks and gives back their results in item order.
 * In-process executors call `task.run()`; an executor in another thread or process rebuilds the driver
 * there from the task's plain fields (see `hamilton/threads`).
 */

/** One item of a parallel block, ready to run: Hamilton's `TaskImplementation` for a block. */
export interface ItemTask {
  /** Hamilton's task id: `expand-<expander>.<index>.block-<expander>`. */
  readonly taskId: string;
  /** The Parallelizable node whose item this is. */
  readonly expander: string;
  /** The item's position among the expander's items. */
  readonly index: number;
  /** The item. */
  readonly item: unknown;
  /** The node whose value this task computes: what the Collect parameter gathers. */
  readonly output: string;
  /** Values of the nodes outside the block that the block reads, by name. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The execution's runtime inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Runs the task in this thread; resolves with the value of {@link output}. */
  run(): Promise<unknown>;
}

/** Hamilton's `TaskExecutor`: runs the tasks of one parallel block. */
export interface TaskExecutor {
  /** Runs every task; resolves with their results in task order, or rejects with the first failure. */
  execute(tasks: readonly ItemTask[]): Promise<unknown[]>;
}

/** Hamilton's `SynchronousLocalTaskExecutor`: items run one after another, in this thread. */
export class SynchronousLocalTaskExecutor implements TaskExecutor {
  /** Runs the tasks in order, each after the previous one finished. */
  async execute(tasks: readonly ItemTask[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const task of tasks) out.push(await task.run());
    return out;
  }
}

/** Options of {@link ConcurrentLocalTaskExecutor}. */
export interface ConcurrentExecutorOptions {
  /** At most this many items in flight at once (Hamilton's `max_tasks`). Default 10. */
  readonly maxTasks?: number;
}

/**
 * Items run concurrently in this thread, at most `maxTasks` at a time: their asynchronous nodes (fetches,
 * timers) overlap, as Hamilton's `MultiThreadingExecutor` overlaps I/O. CPU-bound items gain nothing here:
 * use the thread pool of `hamilton/threads` in Node. The default remote executor of dynamic execution.
 */
export class ConcurrentLocalTaskExecutor implements TaskExecutor {
  private readonly maxTasks: number;

  constructor(options: ConcurrentExecutorOptions = {}) {
    const maxTasks = options.maxTasks ?? 10;
    if (!Number.isInteger(maxTasks) || maxTasks < 1) {
      throw new TypeError(
        `ConcurrentLocalTaskExecutor: maxTasks must be a whole number of at least 1, got ${String(maxTasks)}`,
      );
    }
    this.maxTasks = maxTasks;
  }

  /** Runs the tasks, up to `maxTasks` at once; results in task order. */
  execute(tasks: readonly ItemTask[]): Promise<unknown[]> {
    return runLimited(tasks.length, this.maxTasks, (i) => tasks[i].run());
  }
}

/**
 * Calls `run(0 … count - 1)` with at most `limit` calls pending at once; results in index order. Rejects
 * with the first failure and starts nothing after it.
 */
export function runLimited<T>(
  count: number,
  limit: number,
  run: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  if (count === 0) return Promise.resolve(results);
  return new Promise<T[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const launch = (): void => {
      const i = next++;
      run(i).then(
        (value) => {
          results[i] = value;
          if (++done === count) resolve(results);
          else if (!failed && next < count) launch();
        },
        (error: unknown) => {
          failed = true;
          reject(error);
        },
      );
    };
    while (next < Math.min(count, limit)) launch();
  });
}
