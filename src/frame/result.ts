/**
 * DataFrameResult: Hamilton's `PandasDataFrameResult` (hamilton/base.py) for our positional frames.
 */
import { DataFrame, isDataFrame } from './dataframe';
import { isSeries, type Scalar } from './dtype';
import { Series } from './series';

type Column = Series | Scalar | null;

function isListLike(value: unknown): boolean {
  return isSeries(value) || isDataFrame(value) || Array.isArray(value) || ArrayBuffer.isView(value);
}

function toColumn(name: string, value: unknown): Column {
  if (isSeries(value)) return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    try {
      return Series.from(value as ArrayLike<unknown>);
    } catch (error) {
      throw new TypeError(`DataFrameResult: output '${name}': ${(error as Error).message}`, { cause: error });
    }
  }
  if (value === null || value === undefined) return null;
  if (value instanceof Date || ['number', 'boolean', 'string'].includes(typeof value)) return value as Scalar;
  throw new TypeError(
    `DataFrameResult: output '${name}' is ${Object.prototype.toString.call(value)}; a frame is built from ` +
      'Series, DataFrames, arrays and scalars (number, boolean, string, Date, null). Use the default ' +
      'DictResult to get other values back as they are.',
  );
}

function broadcast(value: Column, length: number): Series {
  if (isSeries(value)) {
    if (value.length === length) return value;
    // Shorter columns are padded with missing values: pandas aligns Series on their (here positional) index.
    return value.take(Int32Array.from({ length }, (_, i) => (i < value.length ? i : -1)));
  }
  return value === null
    ? Series.full(length, null, 'number')
    : Series.full(length, value, Series.from([value]).dtype);
}

/**
 * Hamilton's default frame result builder (`PandasDataFrameResult`): pass it to the driver to get a
 * DataFrame back from `execute`. As in Hamilton:
 * - a single output that is a DataFrame is returned as it is;
 * - when no output is list-like (all scalars), the result is a one-row frame, one column per output;
 * - otherwise Series and arrays become columns named by their outputs, DataFrames are flattened into
 *   columns named `output.column`, and scalars are repeated on every row. Columns are positional: a
 *   shorter one is padded with missing values, as pandas pads Series aligned on a default index.
 * Other values (plain objects, functions) are an error: use the default dict result for those.
 * @throws Error when two outputs give the same column name (Hamilton's message).
 */
export class DataFrameResult {
  /** `DataFrame`: what {@link build} returns (Hamilton's `output_type`), so materializers pick a CSV writer. */
  outputType(): string {
    return 'DataFrame';
  }

  /** Builds the frame from the outputs by name, in the requested order. */
  build(outputs: Readonly<Record<string, unknown>>): DataFrame {
    const entries = Object.entries(outputs);
    if (entries.length === 1 && isDataFrame(entries[0][1])) return entries[0][1];
    if (!entries.some(([, value]) => isListLike(value))) {
      const row: Record<string, Series> = {};
      for (const [name, value] of entries) row[name] = broadcast(toColumn(name, value), 1);
      return DataFrame.fromColumns(row);
    }
    const columns = new Map<string, Column>();
    for (const [name, value] of entries) {
      if (isDataFrame(value)) {
        for (const column of value.columnNames) columns.set(`${name}.${column}`, value.column(column));
        continue;
      }
      if (columns.has(name)) {
        throw new Error(
          isSeries(value)
            ? `Series ${name} already exists in the output. Please rename the series to avoid this error, or ` +
                'determine from where the initial series is being added; it may be coming from a dataframe ' +
                'that is being unpacked.'
            : `Non series output ${name} already exists in the output. Please rename this output to avoid ` +
                'this error, or determine from where the initial value is being added; it may be coming from ' +
                'a dataframe that is being unpacked.',
        );
      }
      columns.set(name, toColumn(name, value));
    }
    let length = 0;
    for (const column of columns.values()) if (isSeries(column)) length = Math.max(length, column.length);
    const built: Record<string, Series> = {};
    for (const [name, column] of columns) built[name] = broadcast(column, length);
    return DataFrame.fromColumns(built);
  }
}
