/**
 * Hamilton's `driver.Builder`:
 * `new Builder().withConfig(cfg).withModules(a, b).withAdapters(h).withResultBuilder(rb).withCache().build()`.
 * Each method returns a new builder; `build` hands the settings to the {@link Driver}.
 */
import type { LifecycleAdapter } from './adapters';
import { fileStores } from './caching/fileStore';
import { validateCacheOptions, type CacheOptions } from './caching/options';
import { Driver } from './driver';
import { HamiltonError } from './errors';
import type { TaskExecutor } from './executors';
import type { Config } from './function_modifiers/base';
import type { HamiltonModule } from './modules';
import type { ResultBuilder } from './results';
import { defaultSettings, withResultBuilder, withSettings, type DriverSettings } from './settings';

/** Options of {@link Builder.enableDynamicExecution}. */
export interface DynamicExecutionOptions {
  /** Must be true, as in Hamilton, which marks dynamic execution experimental. */
  readonly allowExperimentalMode?: boolean;
}

/** The options without `path`, keeping any store given explicitly. */
function withoutPath(options: CacheOptions): CacheOptions {
  const { path: _path, ...rest } = options;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

const isResultBuilder = (a: object): a is ResultBuilder<unknown> =>
  typeof (a as Partial<ResultBuilder<unknown>>).build === 'function';

/**
 * Hamilton's `driver.Builder`:
 * `new Builder().withConfig(cfg).withModules(a, b).withAdapters(h).withResultBuilder(rb).allowModuleOverrides().build()`.
 * Each method returns a new builder.
 */
export class Builder<R = Record<string, unknown>> {
  private readonly settings: DriverSettings<R>;

  /** An empty builder (or one continuing from `settings`). */
  constructor(settings?: DriverSettings<R>) {
    this.settings = settings ?? defaultSettings<R>({}, []);
  }

  private with(changes: Partial<Omit<DriverSettings<R>, symbol>>): Builder<R> {
    return new Builder<R>(withSettings(this.settings, changes));
  }

  /** Adds config values (merged over earlier ones). */
  withConfig(config: Config): Builder<R> {
    return this.with({ config: { ...this.settings.config, ...config } });
  }

  /** Adds modules. */
  withModules(...modules: HamiltonModule[]): Builder<R> {
    return this.with({ modules: [...this.settings.modules, ...modules] });
  }

  /** Adds lifecycle adapters. */
  withAdapters(...adapters: LifecycleAdapter[]): Builder<R>;
  /**
   * Adds lifecycle adapters; a result builder among them (an object with `build`) sets what `execute`
   * returns, as Hamilton's `with_adapters(base.DictResult())` does.
   */
  withAdapters(...adapters: (LifecycleAdapter | ResultBuilder<unknown>)[]): Builder<unknown>;
  withAdapters(...adapters: (LifecycleAdapter | ResultBuilder<unknown>)[]): Builder<unknown> {
    const resultBuilder = adapters.filter(isResultBuilder).at(-1) ?? this.settings.resultBuilder;
    const lifecycle = adapters.filter((a): a is LifecycleAdapter => !isResultBuilder(a));
    const settings = withSettings(this.settings, { adapters: [...this.settings.adapters, ...lifecycle] });
    return new Builder<unknown>(withResultBuilder(settings, resultBuilder));
  }

  /** Sets what `execute` returns (default: a plain object of the outputs). */
  withResultBuilder<S>(resultBuilder: ResultBuilder<S>): Builder<S> {
    return new Builder<S>(withResultBuilder(this.settings, resultBuilder));
  }

  /** Lets a later module redefine a node of an earlier one instead of raising an error. */
  allowModuleOverrides(): Builder<R> {
    return this.with({ allowModuleOverrides: true });
  }

  /**
   * Enables `Parallelizable`/`Collect` nodes (Hamilton's `enable_dynamic_execution(allow_experimental_mode=True)`):
   * `enableDynamicExecution({ allowExperimentalMode: true })`. Items run through the remote executor
   * (default: `ConcurrentLocalTaskExecutor` with at most 10 items at once).
   */
  enableDynamicExecution(options: DynamicExecutionOptions = {}): Builder<R> {
    if (options.allowExperimentalMode !== true) {
      throw new HamiltonError(
        'Remote execution is currently experimental. Please set { allowExperimentalMode: true } to enable it.',
      );
    }
    return this.with({ dynamicExecution: true });
  }

  /** Sets the executor that runs the items of parallel blocks (Hamilton's `with_remote_executor`). */
  withRemoteExecutor(remoteExecutor: TaskExecutor): Builder<R> {
    if (!this.settings.dynamicExecution) {
      throw new HamiltonError('Cannot set execution manager without first enabling the V2 Driver');
    }
    if (this.settings.remoteExecutor) throw new HamiltonError('Cannot set remote executor twice');
    if (typeof (remoteExecutor as Partial<TaskExecutor> | undefined)?.execute !== 'function') {
      throw new TypeError(
        `withRemoteExecutor: expected a task executor (an object with execute(tasks)), got ${String(remoteExecutor)}`,
      );
    }
    return this.with({ remoteExecutor });
  }

  /**
   * Caches node results (Hamilton's `with_cache`): a node whose code version and dependencies' data
   * versions were seen before is retrieved instead of run. Per-node behaviours (`recompute`, `disable`,
   * `ignore`, `defaultBehavior`), the stores and their bound are in {@link CacheOptions}; `dr.cache`
   * reads the logs, draws runs and says what would run now.
   */
  withCache(options: CacheOptions = {}): Builder<R> {
    validateCacheOptions(options);
    return this.with({ cache: options });
  }

  /** Builds the driver (and its graph); a cache `path` opens its file stores now. */
  build(): Driver<R> {
    const cache = this.settings.cache;
    if (cache?.path === undefined) return new Driver<R>(this.settings);
    return new Driver<R>(
      withSettings(this.settings, { cache: { ...fileStores(cache.path), ...withoutPath(cache) } }),
    );
  }
}
