/**
 * The decorator machinery: Hamilton's `function_modifiers/base.py`.
 *
 * A decorator wraps a user function and records a {@link FunctionModifier} on the wrapper. Wrappers
 * compose, and they work both as plain calls (`tag({...})(fn)`) and as TypeScript decorators on static
 * methods (`@tag({...}) static fn(...)`), because both hand the function as the first argument.
 * Whatever order decorators are stacked in, the graph builder applies them in Hamilton's fixed phase
 * order: config → create → inject → expand → transform → tag.
 */
import type { Node } from '../node';
import type { FunctionSource } from '../source';

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
  /** `config` phase: whether the function exists under this configuration. */
  enabled?(config: Config): boolean;
  /** `create` phase: the nodes that replace the function's default node. */
  create?(ctx: ModifierContext): Node[];
  /** Other phases: the nodes after this modifier. */
  transform?(nodes: readonly Node[], ctx: ModifierContext): Node[];
}

/** Where a decorated function keeps its modifiers. */
export const MODIFIERS: unique symbol = Symbol.for('hamilton.modifiers') as never;
/** Where a decorated function keeps the user function it wraps. */
export const WRAPPED: unique symbol = Symbol.for('hamilton.wrapped') as never;

interface Decorated {
  [MODIFIERS]?: readonly FunctionModifier[];
  [WRAPPED]?: Function;
}

/** The modifiers recorded on a (possibly decorated) function, in the order they were applied. */
export function modifiersOf(fn: Function): readonly FunctionModifier[] {
  return (fn as Decorated)[MODIFIERS] ?? [];
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
  Object.defineProperty(wrapper, MODIFIERS, { value: [...modifiersOf(fn), modifier] });
  Object.defineProperty(wrapper, WRAPPED, { value: inner });
  return wrapper as unknown as F;
}
