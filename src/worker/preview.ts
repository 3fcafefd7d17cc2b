/**
 * Values as the UI sees them: a preview, never the value. Tables cross as typed columns (copied once,
 * then transferred), with their shape and numeric summaries; everything else as text or a bounded
 * JSON tree. The UI renders every string here as text.
 */
import { isDataFrame, isSeries, Series, type DataFrame } from 'hamilton/frame';
import type { ColumnPreview, Json, NumericStats, ValuePreview } from './protocol';
import { clipOnly, clipText, type Cutter } from './clip';

/** How much of a value to show. */
export interface PreviewLimits {
  /** Rows of a table or series (Infinity: every row, for final results). */
  readonly rows: number;
  /** Elements of arrays and fields of objects, per level. */
  readonly items: number;
  /** Levels of nesting. */
  readonly depth: number;
  /** Characters of a string. */
  readonly chars: number;
}

/** Limits for the preview that streams with each finished node. */
export const NODE_PREVIEW: PreviewLimits = { rows: 20, items: 50, depth: 6, chars: 2000 };
/** Limits for requested outputs: every row of tables, more of everything else. */
export const RESULT_PREVIEW: PreviewLimits = { rows: Infinity, items: 1000, depth: 12, chars: 65_536 };

/** A preview and the buffers to transfer with it. */
export interface Preview {
  readonly preview: ValuePreview;
  readonly transfer: ArrayBuffer[];
}

const HISTOGRAM_BINS = 20;

/** Count, missing, mean, standard deviation (sample, as pandas), extremes and a histogram. */
export function numericStats(values: ArrayLike<number>): NumericStats {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    count++;
    const delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const missing = values.length - count;
  if (count === 0)
    return { count, missing, mean: NaN, std: NaN, min: NaN, max: NaN, histogram: { edges: [], counts: [] } };
  const std = count > 1 ? Math.sqrt(m2 / (count - 1)) : NaN;
  return { count, missing, mean, std, min, max, histogram: histogram(values, min, max) };
}

function histogram(values: ArrayLike<number>, min: number, max: number): NumericStats['histogram'] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { edges: [], counts: [] };
  const bins = min === max ? 1 : HISTOGRAM_BINS;
  const width = (max - min) / bins || 1;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  }
  return { edges, counts };
}

/** Characters of one cell of a string column. */
const CELL_CHARS = 1000;
/** Characters of a whole string column: past it, later cells are left out (the preview says truncated). */
const COLUMN_CHARS = 4_000_000;

/** The first `rows` cells, each clipped, until the column's budget is spent. */
function stringCells(values: readonly (string | null)[], rows: number): string[] {
  const out: string[] = [];
  let budget = COLUMN_CHARS;
  for (let i = 0; i < rows && budget > 0; i++) {
    const cell = clipText(values[i] ?? '', CELL_CHARS);
    budget -= cell.length;
    out.push(cell);
  }
  return out;
}

/** The first `rows` values of a Series as a column (a copy, safe to transfer). */
function columnOf(
  name: string,
  series: Series,
  rows: number,
): { column: ColumnPreview; buffer?: ArrayBuffer } {
  const n = Math.min(rows, series.length);
  switch (series.dtype) {
    case 'number':
    case 'date': {
      const values = (series.values as Float64Array).slice(0, n);
      return { column: { name, dtype: series.dtype, values }, buffer: values.buffer };
    }
    case 'boolean': {
      const values = (series.values as Uint8Array).slice(0, n);
      return { column: { name, dtype: 'boolean', values }, buffer: values.buffer };
    }
    case 'string': {
      return {
        column: { name, dtype: 'string', values: stringCells(series.values as (string | null)[], n) },
      };
    }
  }
}

function seriesPreview(series: Series, name: string, limits: PreviewLimits): Preview {
  const { column, buffer } = columnOf(name, series, limits.rows);
  const stats = series.dtype === 'number' ? numericStats(series.values as Float64Array) : undefined;
  return {
    preview: {
      kind: 'series',
      length: series.length,
      column,
      ...(stats && { stats }),
      truncated: column.values.length < series.length,
    },
    transfer: buffer ? [buffer] : [],
  };
}

function framePreview(frame: DataFrame, limits: PreviewLimits): Preview {
  const columns: ColumnPreview[] = [];
  const stats: Record<string, NumericStats> = {};
  const transfer: ArrayBuffer[] = [];
  for (const name of frame.columnNames) {
    const series: Series = frame.column(name);
    const { column, buffer } = columnOf(name, series, limits.rows);
    columns.push(column);
    if (buffer) transfer.push(buffer);
    if (series.dtype === 'number') stats[name] = numericStats(series.values as Float64Array);
  }
  return {
    preview: {
      kind: 'frame',
      rows: frame.length,
      columns,
      stats,
      truncated: columns.some((c) => c.values.length < frame.length),
    },
    transfer,
  };
}

/** The value's class, with its size for collections (`Array(100000)`, `Map(3)`), as devtools write it. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return `Array(${value.length})`;
  const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor;
  const name = ctor && typeof ctor.name === 'string' && ctor.name ? ctor.name : 'Object';
  if (value instanceof Map || value instanceof Set) return `${name}(${value.size})`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return `${name}(${(value as Uint8Array).length})`;
  return name;
}

const clip = clipText;

/** Text for a scalar the way a console shows it. */
function scalarText(value: unknown, chars: number): string {
  if (typeof value === 'string') return clip(value, chars);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return clip(String(value), chars);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp;
}

/** A bounded JSON copy; `truncated` is set when anything was left out. */
function toJson(
  value: unknown,
  limits: PreviewLimits,
  depth: number,
  seen: Set<object>,
  state: { truncated: boolean },
): Json {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') {
    if (value.length > limits.chars) state.truncated = true;
    return clip(value, limits.chars);
  }
  if (isScalar(value) || isSeries(value) || isDataFrame(value)) {
    return isSeries(value)
      ? `Series(${value.length})`
      : isDataFrame(value)
        ? `DataFrame(${value.length}×${value.columnNames.length})`
        : scalarText(value, limits.chars);
  }
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (depth >= limits.depth) {
    state.truncated = true;
    return `[${typeName(object)}]`;
  }
  seen.add(object);
  try {
    const entries: [string, unknown][] | unknown[] =
      object instanceof Map
        ? [...object.entries()].map(([k, v]) => [scalarText(k, limits.chars), v] as [string, unknown])
        : object instanceof Set || Array.isArray(object) || ArrayBuffer.isView(object)
          ? Array.from(object as Iterable<unknown>)
          : Object.entries(object);
    const list =
      object instanceof Map ||
      !(object instanceof Set || Array.isArray(object) || ArrayBuffer.isView(object));
    if (entries.length > limits.items) state.truncated = true;
    const kept = entries.slice(0, limits.items);
    if (!list) return (kept as unknown[]).map((v) => toJson(v, limits, depth + 1, seen, state));
    const out: Record<string, Json> = {};
    for (const [k, v] of kept as [string, unknown][]) out[k] = toJson(v, limits, depth + 1, seen, state);
    return out;
  } finally {
    seen.delete(object);
  }
}

/**
 * The preview of any value a node may return, and the buffers to transfer with it. A string value is
 * cut by `cut`, which may hold it whole for the page to fetch the rest.
 */
export function previewValue(
  value: unknown,
  limits: PreviewLimits,
  name = 'value',
  cut: Cutter = clipOnly,
): Preview {
  try {
    if (typeof value === 'string') {
      const clipped = cut(value, limits.chars);
      return {
        preview: {
          kind: 'scalar',
          type: 'string',
          text: clipped.text,
          ...(clipped.cut && { cut: clipped.cut }),
        },
        transfer: [],
      };
    }
    if (isDataFrame(value)) return framePreview(value, limits);
    if (isSeries(value)) return seriesPreview(value, name, limits);
    if (value instanceof Float64Array) return seriesPreview(Series.from(value), name, limits);
    if (isScalar(value))
      return {
        preview: { kind: 'scalar', type: typeName(value), text: scalarText(value, limits.chars) },
        transfer: [],
      };
    const state = { truncated: false };
    const json = toJson(value, limits, 0, new Set(), state);
    return {
      preview: { kind: 'tree', type: typeName(value), value: json, truncated: state.truncated },
      transfer: [],
    };
  } catch (e) {
    // A getter or proxy of user code may throw while being read; the run itself succeeded.
    return {
      preview: {
        kind: 'error',
        text: `could not preview the value: ${readableError(e)}`,
      },
      transfer: [],
    };
  }
}

/** What went wrong while reading a value; what was thrown may be a throwing proxy itself. */
function readableError(e: unknown): string {
  try {
    return e instanceof Error ? clip(e.message, 1000) : clip(String(e), 1000);
  } catch {
    return 'reading it threw a value that cannot be read either';
  }
}
