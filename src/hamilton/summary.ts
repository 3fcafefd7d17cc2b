/** Short text for any value, for error reports and graph labels (Hamilton truncates reprs at 50 chars). */

const MAX = 50;

function truncate(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX)}...` : text;
}

/** A one-line summary of `value`: numbers and short strings as written; collections with their size. */
export function summarize(value: unknown): string {
  if (typeof value === 'string') return truncate(JSON.stringify(value));
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) {
    const head = value.slice(0, 10).map((v) => (typeof v === 'object' && v !== null ? '…' : summarize(v)));
    return truncate(`[${head.join(', ')}${value.length > 10 ? ', ...' : ''}]`) + ` (length ${value.length})`;
  }
  if (ArrayBuffer.isView(value) && 'length' in value) {
    const arr = value as unknown as ArrayLike<number>;
    const head = Array.from({ length: Math.min(arr.length, 10) }, (_, i) => String(arr[i]));
    return truncate(`${value.constructor.name} [${head.join(', ')}]`) + ` (length ${arr.length})`;
  }
  const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor
    ?.name;
  if (ctor && ctor !== 'Object') {
    const text = String(value);
    return text.startsWith('[object') ? ctor : truncate(text);
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(text);
}
