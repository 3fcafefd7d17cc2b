/**
 * How decorators say where a parameter's value comes from: Hamilton's `value()`, `source()`, `group()`
 * and `configuration()` (`function_modifiers/dependencies.py`).
 */

/** A constant baked into the node: made with {@link value}. */
export class LiteralDependency<T = unknown> {
  /** The constant. */
  readonly value: T;
  constructor(literal: T) {
    this.value = literal;
  }
}

/** A value read from another node: made with {@link source}. */
export class UpstreamDependency {
  /** The node whose output is passed. */
  readonly source: string;
  constructor(node: string) {
    this.source = node;
  }
}

/** A value read from the driver's configuration: made with {@link configuration}. */
export class ConfigDependency {
  /** The config key. */
  readonly source: string;
  constructor(key: string) {
    this.source = key;
  }
}

/** A single source or value: what {@link group} combines. */
export type SingleDependency = LiteralDependency | UpstreamDependency;

/** Several sources/values passed together as an array: made with `group(a, b, ...)`. */
export class GroupedListDependency {
  /** The grouped dependencies, in order. */
  readonly sources: readonly SingleDependency[];
  constructor(sources: readonly SingleDependency[]) {
    this.sources = sources;
  }
}

/** Several sources/values passed together as an object: made with `group({ k: source('a'), ... })`. */
export class GroupedDictDependency {
  /** The grouped dependencies by key. */
  readonly sources: Readonly<Record<string, SingleDependency>>;
  constructor(sources: Readonly<Record<string, SingleDependency>>) {
    this.sources = sources;
  }
}

/** Anything a parameter can be assigned in `parameterize`, `inject`, `step` or `subdag`. */
export type ParametrizedDependency =
  LiteralDependency | UpstreamDependency | GroupedListDependency | GroupedDictDependency;

/** Whether a value is one of the dependency specifications. */
export function isDependency(x: unknown): x is ParametrizedDependency {
  return (
    x instanceof LiteralDependency ||
    x instanceof UpstreamDependency ||
    x instanceof GroupedListDependency ||
    x instanceof GroupedDictDependency
  );
}

/**
 * A literal value for a parameter: `parameterize({ plus_ten: { n: value(10) } })`.
 * @param literal - the constant passed to the parameter.
 */
export function value<T>(literal: T): LiteralDependency<T> {
  return literal instanceof LiteralDependency
    ? (literal as LiteralDependency<T>)
    : new LiteralDependency(literal);
}

/**
 * The output of another node for a parameter: `parameterize({ b_shifted: { x: source('b') } })`.
 * @param node - the name of the node (or input) whose value is passed.
 */
export function source(node: string): UpstreamDependency {
  return new UpstreamDependency(node);
}

/**
 * A config value for a parameter (in `subdag`'s `config`): `configuration('region')`.
 * @param key - the driver's config key.
 */
export function configuration(key: string): ConfigDependency {
  return new ConfigDependency(key);
}

/**
 * Several sources/values passed to one parameter: as an array (`group(source('a'), value(1))`, for a
 * `T[]` parameter) or as an object (`group({ x: source('a') })`, for a `Record<string, T>` parameter).
 */
export function group(...sources: SingleDependency[]): GroupedListDependency;
/** Several sources/values passed to one parameter as an object keyed like the argument. */
export function group(sources: Readonly<Record<string, SingleDependency>>): GroupedDictDependency;
export function group(
  ...args: (SingleDependency | Readonly<Record<string, SingleDependency>>)[]
): GroupedListDependency | GroupedDictDependency {
  const single = (d: unknown): d is SingleDependency =>
    d instanceof LiteralDependency || d instanceof UpstreamDependency;
  if (args.length === 1 && !single(args[0]) && typeof args[0] === 'object' && args[0] !== null) {
    const sources = args[0] as Record<string, unknown>;
    if (Object.keys(sources).length === 0) {
      throw new Error('Either dependency_args or dependency_kwargs must be non-empty for group()!');
    }
    for (const dep of Object.values(sources)) {
      if (!single(dep)) throw new Error(notSingle(dep));
    }
    return new GroupedDictDependency(sources as Record<string, SingleDependency>);
  }
  if (args.length === 0) {
    throw new Error('Either dependency_args or dependency_kwargs must be non-empty for group()!');
  }
  for (const dep of args) {
    if (!single(dep)) throw new Error(notSingle(dep));
  }
  return new GroupedListDependency(args as SingleDependency[]);
}

function notSingle(dep: unknown): string {
  return `Dependency: ${String(dep)} is not a valid dependency type for group(), must be a LiteralDependency or UpstreamDependency.`;
}
