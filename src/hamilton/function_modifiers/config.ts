/**
 * `config.when` and friends: a function exists only under matching configuration (Hamilton's
 * `function_modifiers/configuration.py`). Stacked conditions all have to hold. The node is named after
 * the function cut at its last `__` (`age_mean__streaming` is the node `age_mean`); the graph builder
 * does that, and tags the node `hamilton.config` with the keys read.
 */
import type { Config, Decorator, FunctionModifier } from './base';
import { decoratorFor, everyValue, expectArgument, isPlainObject } from './common';

/** Config conditions: each key compared with one value. */
export type ConfigConditions = Readonly<Record<string, unknown>>;
/** Config conditions: each key compared with a list of values. */
export type ConfigGroupConditions = Readonly<Record<string, readonly unknown[]>>;

/** A predicate over the configuration with the keys (and values) it reads: Hamilton's `ConfigResolver`. */
export interface ConfigResolver {
  /** Whether the configuration matches. */
  (config: Config): boolean;
  /** The keys it reads. */
  readonly keys: readonly string[];
  /** The values each key is compared with. */
  readonly values: Readonly<Record<string, readonly unknown[]>>;
}

function resolver(
  conditions: Readonly<Record<string, unknown>>,
  holds: (actual: unknown, expected: unknown) => boolean,
  asList: boolean,
): ConfigResolver {
  const entries = Object.entries(conditions);
  // Hamilton compares with `configuration.get(key)`: a missing key reads as None, our null.
  const test = (config: Config) =>
    entries.every(([key, expected]) => holds(config[key] ?? null, expected ?? null));
  return Object.assign(test, {
    keys: entries.map(([k]) => k),
    values: Object.fromEntries(entries.map(([k, v]) => [k, asList ? (v as readonly unknown[]) : [v]])),
  });
}

const inList = (actual: unknown, expected: unknown) =>
  (expected as readonly unknown[]).some((e) => (e ?? null) === actual);

/** Resolvers for each `when` form, shared with `step(...).when(...)`. */
export const resolvers = {
  /** All keys equal their values (a missing key reads as `null`, so only `null` matches it). */
  when: (c: ConfigConditions) => resolver(c, (a, e) => a === e, false),
  /** No key equals its value (a missing key matches). */
  whenNot: (c: ConfigConditions) => resolver(c, (a, e) => a !== e, false),
  /** Every key's value is one of its list. */
  whenIn: (c: ConfigGroupConditions) => resolver(c, inList, true),
  /** No key's value is in its list. */
  whenNotIn: (c: ConfigGroupConditions) => resolver(c, (a, e) => !inList(a, e), true),
};

function configDecorator(decorator: string, test: ConfigResolver): Decorator {
  const modifier: FunctionModifier = {
    phase: 'config',
    decorator,
    configKeys: test.keys,
    configValues: test.values,
    enabled: test,
  };
  return decoratorFor(modifier);
}

/** The conditions, checked to be an object of config keys (Hamilton's keyword arguments). */
function conditionsOf<C>(fn: string, conditions: C): C {
  expectArgument(
    isPlainObject(conditions),
    fn,
    "an object of config keys to values ({ mode: 'batch' })",
    conditions,
  );
  return conditions;
}

/** The conditions, checked to be an object of config keys to lists of values. */
function groupConditionsOf(fn: string, conditions: ConfigGroupConditions): ConfigGroupConditions {
  expectArgument(
    everyValue(conditions, Array.isArray),
    fn,
    "an object of config keys to lists of values ({ region: ['uk', 'us'] })",
    conditions,
  );
  return conditions;
}

/**
 * Config decorators: the function becomes a node only when the driver's config matches.
 * @example
 * ```ts
 * export const age_mean__streaming = config.when({ mode: 'streaming' })(
 *   (aggregation_stats: Record<string, number>): number => aggregation_stats.age_mean);
 * ```
 */
export const config = {
  /** Include the function when every key equals its value: `config.when({ mode: 'batch' })`. */
  when: (conditions: ConfigConditions): Decorator =>
    configDecorator('config.when', resolvers.when(conditionsOf('config.when', conditions))),
  /** Include the function when no key equals its value (a missing key counts as not equal). */
  whenNot: (conditions: ConfigConditions): Decorator =>
    configDecorator('config.when_not', resolvers.whenNot(conditionsOf('config.whenNot', conditions))),
  /** Include the function when every key's value is one of its list: `config.whenIn({ region: ['uk', 'us'] })`. */
  whenIn: (conditions: ConfigGroupConditions): Decorator =>
    configDecorator('config.when_in', resolvers.whenIn(groupConditionsOf('config.whenIn', conditions))),
  /** Include the function when no key's value is in its list. */
  whenNotIn: (conditions: ConfigGroupConditions): Decorator =>
    configDecorator(
      'config.when_not_in',
      resolvers.whenNotIn(groupConditionsOf('config.whenNotIn', conditions)),
    ),
};
