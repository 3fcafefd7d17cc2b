/** A result's preview as a file: CSV for tables, series and scalars; JSON for everything. */
import type { ColumnPreview, Json, ValuePreview } from '../../worker/protocol';
import { cellValue, formatCell } from './cells';

/** A cell at full precision: numbers are rounded for display only, never in a download. */
const exactCell = (value: ReturnType<typeof cellValue>) =>
  typeof value === 'number' ? String(value) : formatCell(value);

const csvField = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function columnsOf(name: string, preview: ValuePreview): readonly ColumnPreview[] | null {
  if (preview.kind === 'frame') return preview.columns;
  if (preview.kind === 'series') return [{ ...preview.column, name: preview.column.name || name }];
  return null;
}

/** CSV text, or null when the value is not tabular (use JSON). */
export function toCsv(name: string, preview: ValuePreview): string | null {
  if (preview.kind === 'scalar') return `${csvField(name)}\n${csvField(preview.text)}\n`;
  const columns = columnsOf(name, preview);
  if (!columns) return null;
  const rows = columns[0]?.values.length ?? 0;
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (let r = 0; r < rows; r++)
    lines.push(columns.map((c) => csvField(exactCell(cellValue(c, r)))).join(','));
  return `${lines.join('\n')}\n`;
}

const jsonCell = (c: ColumnPreview, r: number): Json => {
  const v = cellValue(c, r);
  return v instanceof Date ? v.toISOString() : v;
};

export function toJson(name: string, preview: ValuePreview): string {
  let value: Json;
  if (preview.kind === 'scalar') value = { [name]: preview.text, type: preview.type };
  else if (preview.kind === 'tree') value = preview.value;
  else if (preview.kind === 'error') value = { error: preview.text };
  else {
    const columns = columnsOf(name, preview)!;
    const rows = columns[0]?.values.length ?? 0;
    value =
      preview.kind === 'series'
        ? Array.from({ length: rows }, (_, r) => jsonCell(columns[0], r))
        : Array.from({ length: rows }, (_, r) =>
            Object.fromEntries(columns.map((c) => [c.name, jsonCell(c, r)])),
          );
  }
  return `${JSON.stringify(value, null, 2)}\n`;
}
