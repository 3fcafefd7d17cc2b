/**
 * CSV reading and writing. d3-dsv does the quoting; this file decides each column's dtype.
 */
import { dsvFormat } from 'd3-dsv';
import { DataFrame } from './dataframe';
import type { DType, Scalar, ScalarOf } from './dtype';
import { Series } from './series';

/** Options of {@link readCsv}. */
export interface ReadCsvOptions<D extends Record<string, DType>> {
  /** Field separator; `','` by default. */
  readonly delimiter?: string;
  /**
   * The dtype of some or all columns instead of inferring it; the frame is typed by it. A cell that does
   * not parse as its dtype is an error naming the row and column.
   */
  readonly dtypes?: D;
}

/** Options of {@link toCsv}. */
export interface ToCsvOptions {
  /** Field separator; `','` by default. */
  readonly delimiter?: string;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(Infinity|inf)$|^NaN$/i;
const BOOLEAN = /^(true|false)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;

function inferDType(cells: readonly string[]): DType {
  const present = cells.filter((c) => c !== '');
  if (present.length === 0) return 'number';
  if (present.every((c) => NUMBER.test(c))) return 'number';
  if (present.every((c) => BOOLEAN.test(c))) return 'boolean';
  if (present.every((c) => ISO_DATE.test(c))) return 'date';
  return 'string';
}

function parseNumber(cell: string): number {
  const lower = cell.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return NUMBER.test(cell) ? Number(cell) : NaN;
}

// A date-time without a zone is read as UTC, so that a file means the same thing in every time zone.
function parseDate(cell: string): number {
  if (!ISO_DATE.test(cell)) return NaN;
  const text = cell.length > 10 && !HAS_ZONE.test(cell) ? `${cell.replace(' ', 'T')}Z` : cell;
  return Date.parse(text);
}

function parseColumn(name: string, cells: readonly string[], dtype: DType): Series {
  const fail = (row: number): never => {
    throw new TypeError(`readCsv: column '${name}', row ${row + 1}: '${cells[row]}' is not a ${dtype}`);
  };
  const values = cells.map((cell, row): Scalar | null => {
    if (cell === '') return null;
    switch (dtype) {
      case 'string':
        return cell;
      case 'boolean':
        return BOOLEAN.test(cell) ? cell.toLowerCase() === 'true' : fail(row);
      case 'number': {
        const n = parseNumber(cell);
        return Number.isNaN(n) && !/^nan$/i.test(cell) ? fail(row) : n;
      }
      case 'date': {
        const ms = parseDate(cell);
        return Number.isNaN(ms) ? fail(row) : new Date(ms);
      }
    }
  });
  return Series.from(values, dtype);
}

/**
 * Parses CSV text whose first row is the header. Each column's dtype is inferred from its non-empty
 * cells: numbers, then booleans (`true`/`false`, any case), then ISO dates (`2024-01-31`,
 * `2024-01-31T10:00:00Z`; without a zone, UTC), else strings. Empty cells are missing values.
 * @example
 * const survey = readCsv(text, { dtypes: { client_id: 'number', gender: 'string' } });
 * survey.column('gender'); // Series<string>
 * @throws TypeError when a cell does not parse as the dtype given for its column, or the header is empty.
 */
export function readCsv<const D extends Record<string, DType> = Record<string, DType>>(
  text: string,
  options: ReadCsvOptions<D> = {},
): DataFrame<string extends keyof D ? Record<string, Scalar> : { [K in keyof D]: ScalarOf<D[K]> }> {
  const rows = dsvFormat(options.delimiter ?? ',').parseRows(text);
  const header = rows.shift();
  if (header === undefined || header.length === 0) throw new TypeError('readCsv: the text has no header row');
  const dtypes: Partial<Record<string, DType>> = options.dtypes ?? {};
  for (const name of Object.keys(dtypes)) {
    if (!header.includes(name)) {
      throw new Error(`readCsv: column '${name}' (in dtypes) is not in the header: ${header.join(', ')}`);
    }
  }
  const columns: Record<string, Series> = {};
  header.forEach((name, c) => {
    const cells = rows.map((row) => row[c] ?? '');
    columns[name] = parseColumn(name, cells, dtypes[name] ?? inferDType(cells));
  });
  return DataFrame.fromColumns(columns) as never;
}

function formatCell(value: Scalar | null): string {
  if (value === null || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (!(value instanceof Date)) return String(value);
  const ms = value.getTime();
  // Midnight UTC is written as a plain date, which reads back as the same instant.
  return ms % DAY_MS === 0 ? value.toISOString().slice(0, 10) : value.toISOString();
}

/**
 * Writes a frame as CSV text with a header row: numbers as JavaScript prints them, booleans as
 * `true`/`false`, dates as ISO 8601 (UTC), missing values as empty cells. Fields are quoted as needed.
 * Round trip: `readCsv(toCsv(df))` gives the same values and dtypes, except that a string column whose
 * values all look like numbers, booleans or dates is read back as those, and an empty string as missing.
 */
export function toCsv<S extends object>(frame: DataFrame<S>, options: ToCsvOptions = {}): string {
  const names = frame.columnNames as string[];
  const columns = names.map((name) => (frame as DataFrame).column(name).toArray());
  const rows = [names];
  for (let i = 0; i < frame.length; i++) rows.push(columns.map((values) => formatCell(values[i])));
  return dsvFormat(options.delimiter ?? ',').formatRows(rows);
}
