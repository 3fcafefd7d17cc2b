/**
 * What a driver is built from: the {@link Builder}'s accumulated settings, or `new Driver(config, ...modules)`'s
 * defaults. Branded so the driver's constructor tells the two apart without inspecting the config.
 */
import type { TaskExecutor } from './executors';
import type { Config } from './function_modifiers/base';
import type { HamiltonModule } from './modules';
import { DictResult, type ResultBuilder } from './results';
import type { LifecycleAdapter } from './adapters';
import type { CacheOptions } from './caching/options';

const SETTINGS: unique symbol = Symbol('hamilton.driverSettings');

/** Everything a driver is built from (made by the {@link Builder}). */
export interface DriverSettings<R> {
  /** Brand: marks settings apart from a config object. */
  readonly [SETTINGS]: true;
  /** Config values. */
  readonly config: Config;
  /** The modules, in order. */
  readonly modules: readonly HamiltonModule[];
  /** Lifecycle adapters, in order. */
  readonly adapters: readonly LifecycleAdapter[];
  /** What `execute` returns. */
  readonly resultBuilder: ResultBuilder<R>;
  /** Whether a later module may redefine a node. */
  readonly allowModuleOverrides: boolean;
  /** Whether Parallelizable/Collect run (Hamilton's dynamic execution). */
  readonly dynamicExecution: boolean;
  /** The executor of parallel items, when set. */
  readonly remoteExecutor: TaskExecutor | undefined;
  /** Caching, when enabled with `withCache`. */
  readonly cache: CacheOptions | undefined;
}

/** Settings with `changes` applied. */
export function withSettings<R>(
  base: DriverSettings<R>,
  changes: Partial<Omit<DriverSettings<R>, typeof SETTINGS>>,
): DriverSettings<R> {
  return { ...base, ...changes };
}

/** The same settings with another result builder. */
export function withResultBuilder<R, S>(
  base: DriverSettings<R>,
  resultBuilder: ResultBuilder<S>,
): DriverSettings<S> {
  return { ...base, resultBuilder };
}

/**
 * The default settings: the config and modules, a plain-object result, nothing else. `R` is the plain
 * object unless the caller names another type without giving a result builder (its own claim to keep).
 */
export function defaultSettings<R = Record<string, unknown>>(
  config: Config,
  modules: readonly HamiltonModule[],
): DriverSettings<R> {
  return {
    [SETTINGS]: true,
    config,
    modules,
    adapters: [],
    resultBuilder: new DictResult() as ResultBuilder<unknown> as ResultBuilder<R>,
    allowModuleOverrides: false,
    dynamicExecution: false,
    remoteExecutor: undefined,
    cache: undefined,
  };
}

/** Whether `value` is driver settings rather than a config object. */
export function isDriverSettings<R>(value: Config | DriverSettings<R>): value is DriverSettings<R> {
  return (value as Partial<DriverSettings<R>>)[SETTINGS] === true;
}
