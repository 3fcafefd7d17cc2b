/**
 * What several decorators share: recording a modifier (argument errors deferred to graph build),
 * rewiring a node's inputs, and Python-like formatting for messages.
 */
import { copyNode, type Dependency, type Node } from '../node';
import { summarize } from '../summary';
import {
  decorate,
  InvalidDecoratorException,
  type Decorator,
  type FunctionModifier,
  type ModifierContext,
  type ModifierPhase,
} from './base';

/** An error for a misused decorator, located at the decorated function. */
export function invalid(ctx: ModifierContext, message: string): InvalidDecoratorException {
  return new InvalidDecoratorException(message, ctx.source.location);
}

/**
 * A modifier that only refuses: decorator arguments are checked when the decorator is called, but the
 * error is raised when the graph is built, where the function's location is known.
 */
export function refusal(phase: ModifierPhase, decorator: string, message: string): FunctionModifier {
  return {
    phase,
    decorator,
    validate(ctx) {
      throw invalid(ctx, message);
    },
  };
}

/**
 * The decorator that records `modifier` on the functions it wraps. (The graph builder refuses a second
 * creator or expander on one function, as Hamilton does.)
 */
export function decoratorFor(modifier: FunctionModifier): Decorator {
  return <F extends Function>(fn: F): F => decorate(fn, modifier);
}

/** Calls `then` on a value that may be a Promise (node callables may be async). */
export function andThen<T, R>(value: T | Promise<T>, then: (v: T) => R): R | Promise<Awaited<R>> {
  return value instanceof Promise ? value.then((v) => then(v) as Awaited<R>) : then(value);
}

/**
 * A node reading some inputs from other nodes (`names`: parameter → node) and others from constants
 * (`values`: parameter → value): Hamilton's `Node.reassign_inputs`.
 */
export function reassignInputs(
  node: Node,
  names: Readonly<Record<string, string>>,
  values: Readonly<Record<string, unknown>> = {},
): Node {
  const callable = node.callable;
  const dependencies = uniqueDependencies(
    node.dependencies
      .filter((d) => !(d.name in values))
      .map((d) => (d.name in names ? { ...d, name: names[d.name] } : d)),
  );
  return copyNode(node, {
    dependencies,
    callable:
      callable &&
      ((kwargs) => {
        const own: Record<string, unknown> = {};
        for (const dep of node.dependencies) {
          if (dep.name in values) own[dep.name] = values[dep.name];
          else {
            const from = dep.name in names ? names[dep.name] : dep.name;
            if (from in kwargs) own[dep.name] = kwargs[from];
          }
        }
        return callable(own);
      }),
  });
}

/** Dependencies without repeats (two parameters may read the same node), first one kept. */
export function uniqueDependencies(deps: readonly Dependency[]): Dependency[] {
  const seen = new Set<string>();
  return deps.filter((d) => (seen.has(d.name) ? false : (seen.add(d.name), true)));
}

/** Python-like text for values in messages: `['a', 'b']`, `{'k': 1}`, `'x'`, `10`. */
export function repr(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`;
  if (value instanceof Set) return `{${[...value].map(repr).join(', ')}}`;
  if (typeof value === 'function') return value.name || 'function';
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return String(value);
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${repr(k)}: ${repr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/**
 * Throws `TypeError: <fn>: expected <expected>, got <value>` unless `ok`: a decorator called with an
 * argument of the wrong shape says so where it is called, never with an error from inside.
 */
export function expectArgument(ok: boolean, fn: string, expected: string, got: unknown): void {
  if (!ok) throw new TypeError(`${fn}: expected ${expected}, got ${describeArgument(got)}`);
}

function describeArgument(value: unknown): string {
  if (typeof value === 'function') return `the function ${value.name || '(anonymous)'}`;
  if (Array.isArray(value)) return `an array ${summarize(value)}`;
  if (typeof value === 'string') return `the string ${summarize(value)}`;
  return summarize(value);
}

/** Whether a value can be iterated with `for … of` (arrays, Maps, generators). */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    value !== undefined &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function'
  );
}

/** Whether every value of a plain object passes `test`. */
export function everyValue(value: unknown, test: (v: unknown) => boolean): boolean {
  return isPlainObject(value) && Object.values(value).every(test);
}

/** True for `{...}` literals (options objects), false for arrays, functions, class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
