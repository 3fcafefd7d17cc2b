/** Reading and formatting the typed columns of a value preview. */
import type { ColumnPreview } from '../../worker/protocol';

/** The raw value of a cell: number, boolean, Date, string, or null when missing. */
export function cellValue(column: ColumnPreview, row: number): number | boolean | Date | string | null {
  switch (column.dtype) {
    case 'number':
      return Number.isNaN(column.values[row]) ? null : column.values[row];
    case 'boolean':
      return column.values[row] === 0 ? false : column.values[row] === 1 ? true : null;
    case 'date':
      return Number.isNaN(column.values[row]) ? null : new Date(column.values[row]);
    case 'string':
      return column.values[row] ?? null;
  }
}

export function formatCell(value: ReturnType<typeof cellValue>): string {
  if (value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  return String(value);
}

/** Row order sorting by one column (missing values last); `null` keeps the original order. */
export function sortOrder(column: ColumnPreview, length: number, descending: boolean): Uint32Array {
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  const key = (i: number) => {
    const v = cellValue(column, i);
    return v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : v;
  };
  const keys = Array.from({ length }, (_, i) => key(i));
  const sign = descending ? -1 : 1;
  order.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return a - b;
  });
  return order;
}
