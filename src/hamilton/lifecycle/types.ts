/**
 * Whether a value fits a TypeScript type text at run time (Hamilton's `htypes.check_instance`), as far as
 * the text can be judged without the type checker: primitives, literals, unions, arrays, tuples, objects
 * and records, `Date`, `Map`, `Set`, `Promise` and `hamilton/frame`'s `DataFrame` and `Series`. Names of
 * interfaces and type aliases cannot be resolved at run time, so any value fits them, as `unknown` does.
 */
import { isDataFrame } from '../../frame/dataframe';
import { isSeries } from '../../frame/dtype';

/** Splits type text at top-level occurrences of `separator` (outside `<>`, `[]`, `()`, `{}` and quotes). */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('<[({'.includes(c)) depth++;
    else if ('>])}'.includes(c) && text[i - 1] !== '=') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

/** The text inside `Name<...>`, when `type` is exactly that generic. */
function genericArgument(type: string, name: string): string | undefined {
  return type.startsWith(`${name}<`) && type.endsWith('>') ? type.slice(name.length + 1, -1) : undefined;
}

const isPlainObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isDataFrame(v) && !isSeries(v);

/** Whether `value` fits the type text `type`. */
export function checkInstance(value: unknown, type: string): boolean {
  const t = type.trim().replace(/^readonly\s+/, '');
  const union = splitTop(t, '|');
  if (union.length > 1) return union.some((member) => checkInstance(value, member));
  if (t.startsWith('(') && t.endsWith(')')) return checkInstance(value, t.slice(1, -1));
  switch (t) {
    case 'unknown':
    case 'any':
    case '':
      return true;
    case 'number':
    case 'string':
    case 'boolean':
    case 'bigint':
    case 'symbol':
    case 'function':
      return typeof value === t;
    case 'undefined':
    case 'void':
      return value === undefined;
    case 'null':
      return value === null;
    case 'never':
      return false;
    case 'object':
    case 'Record<string, unknown>':
      return typeof value === 'object' && value !== null;
    case 'Date':
      return value instanceof Date;
    case 'true':
    case 'false':
      return value === (t === 'true');
  }
  if (/^(['"`]).*\1$/s.test(t)) return value === t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return value === Number(t);
  if (/^(DataFrame)\b/.test(t)) return isDataFrame(value);
  if (/^(Series)\b/.test(t)) return isSeries(value);
  if (t.endsWith('[]')) {
    const element = t.slice(0, -2);
    return Array.isArray(value) && value.every((v) => checkInstance(v, element));
  }
  const array = genericArgument(t, 'Array') ?? genericArgument(t, 'ReadonlyArray');
  if (array !== undefined) return Array.isArray(value) && value.every((v) => checkInstance(v, array));
  if (t.startsWith('[') && t.endsWith(']')) {
    const elements = splitTop(t.slice(1, -1), ',');
    return (
      Array.isArray(value) &&
      value.length === elements.length &&
      elements.every((e, k) => checkInstance(value[k], e))
    );
  }
  const record = genericArgument(t, 'Record') ?? genericArgument(t, 'Readonly');
  if (record !== undefined) {
    if (t.startsWith('Readonly<')) return checkInstance(value, record);
    const [, valueType] = splitTop(record, ',');
    return isPlainObject(value) && Object.values(value as object).every((v) => checkInstance(v, valueType));
  }
  if (t.startsWith('{') && t.endsWith('}')) return isPlainObject(value);
  if (/^Map\b/.test(t)) return value instanceof Map;
  if (/^Set\b/.test(t)) return value instanceof Set;
  if (/^Promise\b/.test(t)) return value instanceof Promise;
  return true;
}

/** The TypeScript name of a value's type, for messages: `number`, `string[]`-like `Array`, `DataFrame`, `null`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (isDataFrame(value)) return 'DataFrame';
  if (isSeries(value)) return 'Series';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
