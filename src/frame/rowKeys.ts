/** Row keys for joins and groups: one comparable value per row from one or more key columns. */
import type { Series } from './series';

/** A row's key as one Map key, or undefined when a key value is missing (missing keys never match). */
export function keyReader(columns: readonly Series[]): (row: number) => unknown {
  const read = columns.map((c) => {
    const v = c.values;
    if (v instanceof Float64Array) return (i: number) => (v[i] === v[i] ? v[i] : undefined);
    if (v instanceof Uint8Array) return (i: number) => (v[i] === 2 ? undefined : v[i]);
    return (i: number) => v[i] ?? undefined;
  });
  if (read.length === 1) return read[0];
  return (row) => {
    let key = '';
    for (const r of read) {
      const part = r(row);
      if (part === undefined) return undefined;
      key += `${part}\u0000`;
    }
    return key;
  };
}

/** A key value as the error messages print it. */
export function formatKey(value: unknown): string {
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

/** Sort order of two rows by their key columns (the stored values: epoch ms for dates, codes for booleans). */
export function compareRows(columns: readonly Series[], a: number, b: number): number {
  for (const c of columns) {
    const x = c.values[a] as number | string;
    const y = c.values[b] as number | string;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
