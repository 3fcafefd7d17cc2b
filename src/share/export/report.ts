/**
 * How an exported project prints its results (bundled to `hamilton/report.mjs`): readable by default,
 * JSON with `--json`. The export test prints the playground's in-process results with the same
 * {@link toJson}, so the two outputs compare exactly.
 */
import { isDataFrame, isSeries, toCsv, type DataFrame, type Series } from 'hamilton/frame';

/** Plain JSON of a result: Series → arrays, DataFrames → an object of columns, missing → null, dates → ISO. */
export function toJson(value: unknown): unknown {
  if (isSeries(value)) return (value as Series).toArray().map(toJson);
  if (isDataFrame(value)) {
    const frame = value as DataFrame;
    return Object.fromEntries(frame.columnNames.map((name) => [name, toJson(frame.column(name))]));
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value ?? null;
}

const PREVIEW_ROWS = 10;

function describe(value: unknown): string {
  if (isDataFrame(value)) {
    const frame = value as DataFrame;
    const more = frame.length > PREVIEW_ROWS ? `… ${frame.length} rows in all\n` : '';
    return toCsv(frame.head(PREVIEW_ROWS)) + more;
  }
  if (isSeries(value)) {
    const series = value as Series;
    const shown = JSON.stringify(toJson(series.head(PREVIEW_ROWS)));
    return series.length > PREVIEW_ROWS ? `${shown} … ${series.length} values in all` : shown;
  }
  return JSON.stringify(toJson(value), null, 2);
}

/** Prints the results: each output under its name, or all of them as one JSON object when `json`. */
export function printResults(results: Readonly<Record<string, unknown>>, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(toJson(results)));
    return;
  }
  for (const [name, value] of Object.entries(results)) console.log(`── ${name}\n${describe(value)}\n`);
}
