/**
 * Decorators decided by the config: Hamilton's `resolve(when=ResolveAt.CONFIG_AVAILABLE, decorate_with=...)`
 * and `resolve_from_config(decorate_with=...)` (`function_modifiers/delayed.py`). `decorateWith`'s
 * parameter names are config keys; it returns the decorator to apply. Power-user mode only: the config
 * must set `hamilton.enable_power_user_mode` to true.
 */
import { sourceOf } from '../source';
import { readParameters } from '../signature';
import {
  InvalidDecoratorException,
  modifiersOf,
  type Config,
  type Decorator,
  type FunctionModifier,
} from './base';
import { decoratorFor, repr } from './common';

/** When a dynamic decorator is resolved: only once the config is available (Hamilton's `ResolveAt`). */
export const ResolveAt = {
  /** When the driver is built with its config. */
  CONFIG_AVAILABLE: 'config_available',
} as const;

/** A {@link ResolveAt} value. */
export type ResolveAt = (typeof ResolveAt)[keyof typeof ResolveAt];

/** The config key that enables power-user mode (Hamilton's `settings.ENABLE_POWER_USER_MODE`). */
export const ENABLE_POWER_USER_MODE = 'hamilton.enable_power_user_mode';

/** Options of {@link resolve}. */
export interface ResolveOptions {
  /** Must be `ResolveAt.CONFIG_AVAILABLE`. */
  readonly when: ResolveAt;
  /** Takes config values by parameter name and returns the decorator to apply. */
  readonly decorateWith: (...configValues: never[]) => Decorator;
}

/** `decorateWith`'s parameters: names and whether each has a default (Hamilton's `extract_and_validate_params`). */
function configParameters(decorateWith: Function): { name: string; optional: boolean }[] {
  const analysed = sourceOf(decorateWith);
  if (analysed) return analysed.params.map((p) => ({ name: p.name, optional: p.optional }));
  try {
    return readParameters(decorateWith, 'decorate_with');
  } catch {
    throw new InvalidDecoratorException(
      `Configuration-parsing functions can only except keyword-friendly arguments. Instead got signature: ${String(decorateWith).split('=>')[0].trim()}`,
    );
  }
}

/**
 * Hamilton's `resolve`: applies the decorator `decorateWith` returns for the config's values. Its
 * parameters name config keys; one with a default is optional.
 * @example
 * ```ts
 * export const cols = resolve({
 *   when: ResolveAt.CONFIG_AVAILABLE,
 *   decorateWith: (cols_to_extract: string[]) => extractColumns(...cols_to_extract),
 * })(function cols(df: DataFrame): DataFrame { return df; });
 * ```
 */
export function resolve(options: ResolveOptions): Decorator {
  if (options.when !== ResolveAt.CONFIG_AVAILABLE) {
    throw new InvalidDecoratorException('Dynamic functions must be configured at config time!');
  }
  const decorateWith = options.decorateWith as (...values: unknown[]) => Decorator;
  const params = configParameters(decorateWith);
  const required = params.filter((p) => !p.optional).map((p) => p.name);
  const modifier: FunctionModifier = {
    phase: 'transform',
    decorator: 'resolve',
    configKeys: params.map((p) => p.name),
    resolveDynamic(config: Config, source) {
      const at = source.location;
      if (config[ENABLE_POWER_USER_MODE] !== true) {
        throw new InvalidDecoratorException(
          'Dynamic functions are only allowed in power user mode!Why? This is occasionally needed to enable highly ' +
            "flexible dataflows, but it can compromise readability if you're not careful! To enable power user mode, " +
            `pass in the configuration parameter ${ENABLE_POWER_USER_MODE}=True to your driver.`,
          at,
        );
      }
      const missing = required.filter((k) => !Object.hasOwn(config, k));
      if (missing.length > 0) {
        throw new InvalidDecoratorException(
          `Config items: ${repr(missing)} declared but not provided for decorator: resolve on fn: ${source.name}`,
          at,
        );
      }
      const decorator = decorateWith(...params.map((p) => config[p.name]));
      return modifiersOf(decorator(function resolved() {}));
    },
  };
  return decoratorFor(modifier);
}

/** Options of {@link resolveFromConfig}. */
export interface ResolveFromConfigOptions {
  /** Takes config values by parameter name and returns the decorator to apply. */
  readonly decorateWith: (...configValues: never[]) => Decorator;
}

/** Hamilton's `resolve_from_config`: {@link resolve} at `ResolveAt.CONFIG_AVAILABLE`. */
export function resolveFromConfig(options: ResolveFromConfigOptions): Decorator {
  return resolve({ when: ResolveAt.CONFIG_AVAILABLE, decorateWith: options.decorateWith });
}
