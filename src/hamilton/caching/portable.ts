/**
 * Values as plain data for a serialiser that keeps typed arrays, dates, maps and sets but not classes
 * (Node's `v8.serialize`, `structuredClone`): the frame's `Series` and `DataFrame` become tagged records
 * of their storage and come back as frames.
 */
import { DataFrame, isDataFrame } from '../../frame/dataframe';
import { isSeries, type DType } from '../../frame/dtype';
import { Series } from '../../frame/series';

const TAG = '__hamilton_frame__';

interface PortableSeries {
  readonly [TAG]: 'series';
  readonly dtype: DType;
  readonly values: unknown;
}
interface PortableFrame {
  readonly [TAG]: 'frame';
  readonly columns: readonly (readonly [string, PortableSeries])[];
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

function seriesToPortable(s: Series): PortableSeries {
  return { [TAG]: 'series', dtype: s.dtype, values: s.values };
}

/** `value` with every Series and DataFrame (inside arrays and plain objects too) as a tagged record. */
export function toPortable(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isSeries(value)) return seriesToPortable(value);
  if (isDataFrame(value)) {
    const frame: PortableFrame = {
      [TAG]: 'frame',
      columns: value.columnNames.map((name) => [name, seriesToPortable(value.column(name))] as const),
    };
    return frame;
  }
  if (Array.isArray(value)) return value.map(toPortable);
  if (!isPlain(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPortable(v)]));
}

function seriesFromPortable(p: PortableSeries): Series {
  return Series.from(p.values as ArrayLike<unknown>, p.dtype);
}

/** The inverse of {@link toPortable}. */
export function fromPortable(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(fromPortable);
  if (!isPlain(value)) return value;
  const record = value as Record<string, unknown>;
  if (record[TAG] === 'series') return seriesFromPortable(value as PortableSeries);
  if (record[TAG] === 'frame') {
    const columns = (value as PortableFrame).columns;
    return DataFrame.fromColumns(
      Object.fromEntries(columns.map(([name, s]) => [name, seriesFromPortable(s)])),
    );
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromPortable(v)]));
}
