/**
 * `hamilton/frame`: a small, typed, fast column library for feature functions. `Series` (typed columns
 * with arithmetic, comparisons and reductions), `DataFrame` (typed by a schema, with joins and group-by),
 * CSV reading and writing, and `DataFrameResult`, Hamilton's frame result builder. Runs in Node and in
 * Web Workers (no DOM).
 * @packageDocumentation
 */
export { Series } from './series';
export type { SeriesComparisons } from './comparisons';
export { isSeries } from './dtype';
export type { DType, Scalar, Element, StorageOf, ScalarOf, DTypeOf } from './dtype';
export type { Stats } from './kernels';
export { Rolling, type RollingOptions } from './window';
export { DataFrame, isDataFrame } from './dataframe';
export { GroupBy } from './groupby';
export type {
  ColumnName,
  Row,
  NumericArray,
  ColumnInput,
  ColumnType,
  Widen,
  FieldType,
  AggName,
  AggResult,
  AggSpec,
  JoinSchema,
  LeftJoinOptions,
  GroupByOptions,
} from './dataframe';
export { readCsv, toCsv } from './csv';
export type { ReadCsvOptions, ToCsvOptions } from './csv';
export { DataFrameResult } from './result';
