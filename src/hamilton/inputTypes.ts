/**
 * Runtime checks of input values against their analysed types (Hamilton's `htypes.check_input_type`).
 * TypeScript erases types, so the check reads the type text analysis kept, and only for types a value
 * can show at run time: `number`, `string`, `boolean`, `bigint`, literals, `Date`, arrays of those
 * (`T[]`, `readonly T[]`, `Array<T>`; the first element is checked, as Hamilton does), `Record<…>` (an
 * object that is not an array), `Map<…>`, `Set<…>`, the frame's `Series<…>` and `DataFrame<…>`, and
 * unions of these. Any other type is not checked. `null` and
 * `undefined` always pass (Hamilton lets `None` through).
 */
import { summarize } from './summary';

type Check = (value: unknown) => boolean;

// The frame's classes carry these brands (src/frame), so the library checks them without importing the frame.
const SERIES = Symbol.for('hamilton.frame.series');
const DATAFRAME = Symbol.for('hamilton.frame.dataframe');

const branded =
  (brand: symbol): Check =>
  (v) =>
    typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[brand] === true;

const NAMED: Readonly<Record<string, Check>> = {
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  bigint: (v) => typeof v === 'bigint',
  null: (v) => v === null,
  undefined: (v) => v === undefined,
  Date: (v) => v instanceof Date,
  Series: branded(SERIES),
  DataFrame: branded(DATAFRAME),
  Record: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  Map: (v) => v instanceof Map,
  Set: (v) => v instanceof Set,
};

// Named types whose generic arguments are not checked (elements of a frame, a record, a map or a set).
const GENERIC = new Set(['Series', 'DataFrame', 'Record', 'Map', 'Set']);

const cache = new Map<string, Check | null>();

/** Whether `value` fits the type text `type`; true for types that cannot be checked at run time. */
export function checkInputType(type: string, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  let check = cache.get(type);
  if (check === undefined) {
    check = checkerOf(type);
    cache.set(type, check);
  }
  return check === null || check(value);
}

/** The type's name as a mismatch message shows a value's: `number`, `string`, `Array`, `Series`, `Object`. */
export function runtimeTypeName(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  if (NAMED.Series(value)) return 'Series';
  if (NAMED.DataFrame(value)) return 'DataFrame';
  return (value.constructor as { name?: string } | undefined)?.name || 'Object';
}

/** Hamilton's text for a value in a mismatch: the value as Python's `str` prints it (a string unquoted), and its runtime type. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value.slice(0, 200) : summarize(value);
  return `${text}:${runtimeTypeName(value)}`;
}

/** A check for a type text, or null when the type cannot be checked at run time. */
function checkerOf(text: string): Check | null {
  const t = unwrapParens(text.trim());
  const parts = splitTopLevel(t, '|')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length > 1) {
    const checks = parts.map(checkerOf);
    if (checks.some((c) => c === null)) return null;
    return (v) => checks.some((c) => (c as Check)(v));
  }
  const bare = t.replace(/^readonly\s+/, '');
  const element = bare.endsWith('[]') ? bare.slice(0, -2) : /^(?:Readonly)?Array\s*<(.*)>$/s.exec(bare)?.[1];
  if (element !== undefined) {
    const inner = checkerOf(element);
    return (v) => Array.isArray(v) && (inner === null || v.length === 0 || inner(v[0]));
  }
  const named = /^([A-Za-z_$][\w$]*)\s*(?:<.*>)?$/s.exec(bare)?.[1];
  if (named !== undefined && Object.prototype.hasOwnProperty.call(NAMED, named)) {
    if (bare !== named && !GENERIC.has(named)) return null;
    return NAMED[named];
  }
  if (bare === 'true' || bare === 'false') return (v) => v === (bare === 'true');
  if (/^-?\d+(\.\d+)?$/.test(bare)) return (v) => v === Number(bare);
  const quoted = /^(['"])(.*)\1$/s.exec(bare);
  if (quoted) return (v) => v === quoted[2];
  return null;
}

function unwrapParens(t: string): string {
  while (t.startsWith('(') && t.endsWith(')') && closes(t)) t = t.slice(1, -1).trim();
  return t;
}

// Whether the parenthesis opening `t` is the one that closes it (not `(a) | (b)`).
function closes(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return i === t.length - 1;
  }
  return false;
}

/** Splits a type or parameter list at `separator` outside brackets (`Map<a, b>, c` → two parts). */
export function splitTopLevel(text: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ('<([{'.includes(ch)) depth++;
    else if ('>)]}'.includes(ch) && text[i - 1] !== '=') depth--;
    else if (ch === separator && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
