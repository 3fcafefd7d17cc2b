/**
 * Argument checks for the frame's public methods: a value of the wrong shape (a missing argument, a
 * string where a list is expected, pandas' positional habits) gets a TypeError naming the method and
 * what it expected, never an error from deep inside.
 */

/** A short description of what was passed: `undefined`, `'x' (a string)`, `an object`, `an array of 2`. */
export function shapeOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string')
    return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}' (a string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${String(value)} (a ${typeof value})`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `${String(value) === '[object Object]' ? 'an object' : String(value)}`;
}

/** Throws `TypeError: <method>: expected <expected>, got <what>` unless `ok`. */
export function check(ok: boolean, method: string, expected: string, got: unknown): void {
  if (!ok) throw new TypeError(`${method}: expected ${expected}, got ${shapeOf(got)}`);
}

/** Whether a value is array-like data (an array or a typed array), not a string. */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { length?: unknown }).length === 'number'
  );
}

/** Whether a value is a plain object of names (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** Whether a value is a column name or a non-empty list of them. */
export function isNames(value: unknown): value is string | readonly string[] {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}
