/**
 * The decorator machinery: Hamilton's `function_modifiers/base.py`.
 *
 * A decorator wraps a user function and records a {@link FunctionModifier} on the wrapper. Wrappers
 * compose, and they work both as plain calls (`tag({...})(fn)`) and as TypeScript decorators on static
 * methods (`@tag({...}) static fn(...)`), because both hand the function as the first argument.
 * Whatever order decorators are stacked in, the graph builder applies them in Hamilton's fixed phase
 * order: config → create → inject → expand → transform → tag.
 */
import { HamiltonError } from '../errors';
import type { Node } from '../node';
import type { FunctionSource, SourceLocation } from '../source';

/** The phases in which modifiers apply, in Hamilton's order. */
export const PHASES = ['config', 'create', 'inject', 'expand', 'transform', 'tag'] as const;

/** One phase of {@link PHASES}. */
export type ModifierPhase = (typeof PHASES)[number];

/** A configuration: values given when the driver is built. */
export type Config = Readonly<Record<string, unknown>>;

/** What a modifier may use while it turns a function into nodes. */
export interface ModifierContext {
  /** The node name of the function: its export name cut at the last `__` when config-selected. */
  readonly name: string;
  /** The innermost user function (what the decorators wrap). */
  readonly fn: Function;
  /** The analysis of that function. */
  readonly source: FunctionSource;
  /** The driver's configuration. */
  readonly config: Config;
  /** The analysis of another function (a pipe step, a `does` replacement); throws when it has none. */
  sourceOf(fn: Function): FunctionSource;
  /** The node a function makes by default, under the given name. */
  nodeFromFunction(name: string, fn: Function, source: FunctionSource): Node;
}

/** One decorator's contribution to turning a function into nodes. */
export interface FunctionModifier {
  /** When it applies. */
  readonly phase: ModifierPhase;
  /** Hamilton's name for it, for messages (`extract_columns`, `config.when`, ...). */
  readonly decorator: string;
  /** Config keys it reads (shown as quick toggles in the playground). */
  readonly configKeys?: readonly string[];
  /** For each config key, the values it compares against (the toggle's choices), when known. */
  readonly configValues?: Readonly<Record<string, readonly unknown[]>>;
  /**
   * Checks the decorator's arguments against the function (Hamilton's `validate(fn)`). Called for every
   * modifier before any phase, whatever the configuration, so misuse fails at graph build with the
   * function's location; throws {@link InvalidDecoratorException}.
   */
  validate?(ctx: ModifierContext): void;
  /** `config` phase: whether the function exists under this configuration. */
  enabled?(config: Config): boolean;
  /** `create` phase: the nodes that replace the function's default node. */
  create?(ctx: ModifierContext): Node[];
  /** Other phases: the nodes after this modifier. */
  transform?(nodes: readonly Node[], ctx: ModifierContext): Node[];
  /**
   * A modifier decided once the config is known (Hamilton's `DynamicResolver`): the modifiers it stands
   * for under `config`, applied in their own phases in its place.
   */
  resolveDynamic?(config: Config, source: FunctionSource): readonly FunctionModifier[];
}

/**
 * A decorator as users write it: a call that wraps a function and keeps its type, usable both as
 * `tag({...})(fn)` and as a TypeScript decorator on a static method (`@tag({...}) static fn(...)`).
 */
export type Decorator = <F extends Function>(fn: F, context?: ClassMethodDecoratorContext) => F;

/**
 * Hamilton's `InvalidDecoratorException`: a decorator used in a way it cannot work. The message is
 * Hamilton's; where the decorated function is written is in `location`.
 */
export class InvalidDecoratorException extends HamiltonError {
  constructor(message: string, location?: SourceLocation) {
    super(message, { location });
    this.name = 'InvalidDecoratorException';
  }
}

/** Where a decorated function keeps its modifiers. */
export const MODIFIERS: unique symbol = Symbol.for('hamilton.modifiers') as never;
/** Where a decorated function keeps the user function it wraps. */
export const WRAPPED: unique symbol = Symbol.for('hamilton.wrapped') as never;

interface Decorated {
  [MODIFIERS]?: readonly FunctionModifier[];
  [WRAPPED]?: Function;
}

// Modifiers added to a function from elsewhere (`mutate` decorates its targets), keyed by the user function.
const REMOTE = new WeakMap<Function, FunctionModifier[]>();
// Shared by every undecorated function: a graph asks each of its functions.
const NO_MODIFIERS: readonly FunctionModifier[] = Object.freeze([]);

/**
 * The modifiers recorded on a (possibly decorated) function, in the order they were applied, followed by
 * any added from elsewhere with {@link addModifier}.
 */
export function modifiersOf(fn: Function): readonly FunctionModifier[] {
  const own = (fn as Decorated)[MODIFIERS] ?? NO_MODIFIERS;
  const remote = REMOTE.get(unwrap(fn));
  return remote ? [...own, ...remote] : own;
}

/**
 * Adds a modifier to a function without wrapping it (Hamilton's `mutate` decorates functions other than
 * the one it is written on, which keep their exported identity).
 */
export function addModifier(fn: Function, modifier: FunctionModifier): void {
  const inner = unwrap(fn);
  REMOTE.set(inner, [...(REMOTE.get(inner) ?? []), modifier]);
}

/** The user function under any number of decorator wrappers. */
export function unwrap(fn: Function): Function {
  return (fn as Decorated)[WRAPPED] ?? fn;
}

/**
 * Wraps `fn` with one more modifier. The wrapper calls the user function unchanged, so a decorated
 * feature stays a plain function that unit tests can call.
 */
export function decorate<F extends Function>(fn: F, modifier: FunctionModifier): F {
  if (typeof fn !== 'function') {
    throw new TypeError(`@${modifier.decorator} must decorate a function, got ${typeof fn}`);
  }
  const inner = unwrap(fn);
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return (inner as (...a: unknown[]) => unknown).apply(this, args);
  };
  Object.defineProperty(wrapper, 'name', { value: inner.name });
  Object.defineProperty(wrapper, 'length', { value: inner.length });
  Object.defineProperty(wrapper, MODIFIERS, { value: [...((fn as Decorated)[MODIFIERS] ?? []), modifier] });
  Object.defineProperty(wrapper, WRAPPED, { value: inner });
  return wrapper as unknown as F;
}
