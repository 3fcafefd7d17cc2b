/**
 * DataFrame: named Series of one length, typed by a Schema so that a misspelt column is a compile error.
 * Immutable; operations share the Series they do not change.
 */
import { check, isArrayLike, isNames, isRecord } from './args';
import {
  isSeries,
  type DType,
  type DTypeOf,
  type Element,
  type Scalar,
  type ScalarOf,
  type StorageOf,
} from './dtype';
import { GroupBy } from './groupby';
import { formatKey, keyReader } from './rowKeys';
import { Series } from './series';

/** A column name of the schema S. */
export type ColumnName<S> = keyof S & string;

/** A row of a frame with schema S, as `toRecords()` gives it. */
export type Row<S> = { [K in keyof S]: Element<S[K]> };

/** Typed arrays taken as number columns (a `Uint8Array` is numbers too; booleans come as `boolean[]`). */
export type NumericArray =
  Float64Array | Float32Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** What a column can be made from: a Series, a typed array, or an array of values (`null` missing). */
export type ColumnInput = Series | NumericArray | readonly (Scalar | null | undefined)[];

/** The value type a column made from C holds. */
export type ColumnType<C> =
  C extends Series<infer T>
    ? T
    : C extends NumericArray
      ? number
      : C extends ArrayLike<infer E>
        ? Widen<NonNullable<E>>
        : never;

/** The widened Scalar type of a value type (`'a' | 'b'` is string). */
export type Widen<E> = E extends number
  ? number
  : E extends boolean
    ? boolean
    : E extends string
      ? string
      : E extends Date
        ? Date
        : never;

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The Scalar type of a schema field (a schema's fields are Scalars; anything else is `never`). */
export type FieldType<V> = V extends Scalar ? V : never;

/** The aggregations `groupBy(...).agg(...)` knows; all skip missing values, as pandas does. */
export type AggName = 'count' | 'sum' | 'mean' | 'std' | 'var' | 'median' | 'min' | 'max' | 'first' | 'last';

/** The type an aggregation of a T column gives: min, max, first and last keep T, the others are numbers. */
export type AggResult<T, F extends AggName> = F extends 'min' | 'max' | 'first' | 'last' ? T : number;

/** Named aggregations: output column → `[input column, aggregation]`, pandas' `agg(out=('col', 'mean'))`. */
export type AggSpec<S> = Record<string, readonly [ColumnName<S>, AggName]>;

/** The schema of `left.leftJoin(right, { on })`: clashing non-key columns get the suffixes. */
export type JoinSchema<L, R, K extends PropertyKey, SX extends string, SY extends string> = Simplify<
  { [P in keyof L as P extends K ? P : P extends keyof R ? `${P & string}${SX}` : P]: L[P] } & {
    [P in keyof R as P extends K ? never : P extends keyof L ? `${P & string}${SY}` : P]: R[P];
  }
>;

/** Options of {@link DataFrame.leftJoin}. */
export interface LeftJoinOptions<K extends string, SX extends string, SY extends string> {
  /** The key column(s), present in both frames with the same dtype. */
  readonly on: K | readonly K[];
  /** Suffixes for non-key columns present in both frames; pandas' default `['_x', '_y']`. */
  readonly suffixes?: readonly [SX, SY];
}

/** Options of {@link DataFrame.groupBy}. */
export interface GroupByOptions {
  /** Groups in ascending key order (pandas' default, `true`) or in order of first appearance (`false`). */
  readonly sort?: boolean;
}

const BRAND = Symbol.for('hamilton.frame.dataframe');

/** True for a DataFrame, also one made by another copy of this library (a bundled user module). */
export function isDataFrame(value: unknown): value is DataFrame {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

function toSeries(name: string, input: ColumnInput, dtype: DType | undefined, op: string): Series {
  if (isSeries(input)) {
    return dtype === undefined || dtype === input.dtype ? input : input.astype(dtype);
  }
  try {
    return Series.from(input, dtype);
  } catch (error) {
    throw new TypeError(`${op}: column '${name}': ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A table of named, typed columns of equal length. `S` is its schema, e.g.
 * `DataFrame<{ client_id: number; age: number; gender: string }>`; `df.column('age')` is then a
 * `Series<number>` and `df.column('agee')` a compile error.
 */
export class DataFrame<S extends object = Record<string, Scalar>> {
  readonly #columns: ReadonlyMap<string, Series>;
  /** Number of rows. */
  readonly length: number;

  private constructor(columns: ReadonlyMap<string, Series>, length: number) {
    this.#columns = columns;
    this.length = length;
  }

  static #make<S extends object>(columns: Map<string, Series>, op: string): DataFrame<S> {
    let length: number | undefined;
    let first = '';
    for (const [name, series] of columns) {
      if (length === undefined) [length, first] = [series.length, name];
      else if (series.length !== length) {
        throw new RangeError(
          `${op}: column '${name}' has ${series.length} rows, but '${first}' has ${length}`,
        );
      }
    }
    return new DataFrame<S>(columns, length ?? 0);
  }

  /**
   * A frame from columns: Series (shared, not copied), typed arrays (numbers; a `Float64Array` is shared)
   * or arrays of values. `dtypes` reads a column as another dtype, e.g. `{ login: 'date' }` for epoch ms.
   * @throws RangeError when the columns differ in length; TypeError when a value does not fit its column.
   */
  static fromColumns<
    C extends Record<string, ColumnInput>,
    const D extends { [K in keyof C]?: DType } = Record<never, never>,
  >(
    columns: C,
    options?: { readonly dtypes?: D },
  ): DataFrame<Simplify<{ [K in keyof C]: D[K] extends DType ? ScalarOf<D[K]> : ColumnType<C[K]> }>> {
    check(isRecord(columns), 'fromColumns', 'an object of columns ({ name: values })', columns);
    const dtypes = (options?.dtypes ?? {}) as Partial<Record<string, DType>>;
    const map = new Map<string, Series>();
    for (const [name, input] of Object.entries(columns))
      map.set(name, toSeries(name, input, dtypes[name], 'fromColumns'));
    return DataFrame.#make(map, 'fromColumns');
  }

  /**
   * A frame from row objects. Columns are the keys of all records, in order of first appearance; a key a
   * record lacks (or `null`/`undefined`) is a missing value. Each column's dtype comes from its values.
   * @throws TypeError naming the column when its values mix types.
   */
  static fromRecords<R extends Partial<Record<keyof R, Scalar | null | undefined>>>(
    records: readonly R[],
  ): DataFrame<Simplify<{ [K in keyof R]-?: Widen<NonNullable<R[K]>> }>> {
    check(
      Array.isArray(records) && records.every(isRecord),
      'fromRecords',
      'an array of row objects',
      records,
    );
    const names = new Set<string>();
    for (const record of records) for (const name of Object.keys(record)) names.add(name);
    const map = new Map<string, Series>();
    for (const name of names) {
      const values = records.map((r) => (r as Record<string, Scalar | null | undefined>)[name]);
      map.set(name, toSeries(name, values, undefined, 'fromRecords'));
    }
    return DataFrame.#make(map, 'fromRecords');
  }

  /** The column names, in order. */
  /**
   * A short description such as `DataFrame(300 × 5) [age, budget, …]`: what error reports and logs show.
   * Written out, not taken from the class name, which a minifier renames.
   */
  toString(): string {
    const names = this.columnNames as string[];
    const head = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    return `DataFrame(${this.length} × ${names.length}) [${head}]`;
  }

  get columnNames(): ColumnName<S>[] {
    return [...this.#columns.keys()] as ColumnName<S>[];
  }

  /** `[rows, columns]`, as pandas' `shape`. */
  get shape(): [number, number] {
    return [this.length, this.#columns.size];
  }

  /** Each column's dtype. */
  get dtypes(): { [K in keyof S]: DTypeOf<S[K]> } {
    const out: Record<string, DType> = {};
    for (const [name, series] of this.#columns) out[name] = series.dtype;
    return out as { [K in keyof S]: DTypeOf<S[K]> };
  }

  /** True when the frame has a column of that name (and narrows the name's type). */
  hasColumn(name: string): name is ColumnName<S> {
    return this.#columns.has(name);
  }

  /**
   * The column named `name`, typed by the schema.
   * @throws Error naming the columns that exist, when there is no such column (untyped callers).
   */
  column<K extends ColumnName<S>>(name: K): Series<FieldType<S[K]>> {
    check(typeof name === 'string', 'column', 'a column name', name);
    const series = this.#columns.get(name);
    if (series === undefined) {
      throw new Error(`Column '${name}' not found; the columns are: ${[...this.#columns.keys()].join(', ')}`);
    }
    return series as Series<FieldType<S[K]>>;
  }

  /**
   * A frame with columns added or replaced (a replaced column keeps its place, new ones go last), like
   * pandas' `assign`. A scalar value is repeated on every row.
   * @throws RangeError when a column's length differs from the frame's.
   */
  assign<A extends Record<string, ColumnInput | Scalar | null>>(
    columns: A,
  ): DataFrame<
    Simplify<Omit<S, keyof A> & { [K in keyof A]: A[K] extends Scalar ? Widen<A[K]> : ColumnType<A[K]> }>
  > {
    check(isRecord(columns), 'assign', 'an object of columns ({ name: values or a scalar })', columns);
    const map = new Map(this.#columns);
    for (const [name, value] of Object.entries(columns)) {
      map.set(
        name,
        value === null || typeof value !== 'object' || value instanceof Date
          ? Series.full(this.length, value, value === null ? 'number' : Series.from([value]).dtype)
          : toSeries(name, value, undefined, 'assign'),
      );
    }
    if (this.#columns.size === 0) return DataFrame.#make(map, 'assign');
    for (const [name, series] of map) {
      if (series.length !== this.length) {
        throw new RangeError(
          `assign: column '${name}' has ${series.length} rows, but the frame has ${this.length}`,
        );
      }
    }
    return new DataFrame(map, this.length);
  }

  /** Rows at the given positions, in that order (-1 gives a row of missing values). */
  take(indices: ArrayLike<number>): DataFrame<S> {
    check(isArrayLike(indices), 'take', 'an array of row positions', indices);
    const map = new Map<string, Series>();
    for (const [name, series] of this.#columns) map.set(name, series.take(indices));
    return new DataFrame<S>(map, indices.length);
  }

  /**
   * The rows where `mask` is true (missing counts as false), in order.
   * @throws RangeError when the mask's length differs from the frame's; TypeError when it is not boolean.
   */
  filter(mask: Series<boolean>): DataFrame<S> {
    if (!isSeries(mask) || mask.dtype !== 'boolean')
      throw new TypeError('filter: the mask must be a boolean Series');
    if (mask.length !== this.length) {
      throw new RangeError(`filter: the mask has ${mask.length} rows, but the frame has ${this.length}`);
    }
    const m = mask.values as Uint8Array;
    let n = 0;
    for (let i = 0; i < m.length; i++) if (m[i] === 1) n++;
    const indices = new Int32Array(n);
    for (let i = 0, j = 0; i < m.length; i++) if (m[i] === 1) indices[j++] = i;
    return this.take(indices);
  }

  /** The first `n` rows. */
  head(n = 5): DataFrame<S> {
    const map = new Map<string, Series>();
    for (const [name, series] of this.#columns) map.set(name, series.head(n));
    return new DataFrame<S>(map, Math.max(0, Math.min(n, this.length)));
  }

  /**
   * Left join on key column(s): row i of the result is row i of this frame (left order is kept, rows are
   * never added or dropped), with the right frame's other columns from the row whose keys match, or
   * missing values when none does. Missing keys match nothing. Non-key columns in both frames get the
   * suffixes (`_x`, `_y` by default, as in pandas).
   * @throws Error when a key value occurs twice on the right: the join is one-to-one or many-to-one
   * (pandas' `validate='many_to_one'`); aggregate the right frame first (`groupBy`) to make keys unique.
   */
  leftJoin<
    R extends object,
    K extends ColumnName<S> & ColumnName<R>,
    SX extends string = '_x',
    SY extends string = '_y',
  >(right: DataFrame<R>, options: LeftJoinOptions<K, SX, SY>): DataFrame<JoinSchema<S, R, K, SX, SY>>;
  /** The same with the key column(s) alone, pandas' habit (`merge(right, on='key', how='left')`): `leftJoin(right, 'key')`. */
  leftJoin<R extends object, K extends ColumnName<S> & ColumnName<R>>(
    right: DataFrame<R>,
    on: K | readonly K[],
  ): DataFrame<JoinSchema<S, R, K, '_x', '_y'>>;
  leftJoin(
    right: DataFrame<object>,
    keys: string | readonly string[] | LeftJoinOptions<string, string, string>,
  ): DataFrame<object> {
    check(isDataFrame(right), 'leftJoin', 'a DataFrame to join', right);
    const options = isNames(keys) ? { on: keys } : keys;
    check(
      isRecord(options) && isNames(options.on),
      'leftJoin',
      'the key column(s): a name, a list of names, or { on, suffixes }',
      keys,
    );
    const on: readonly string[] = typeof options.on === 'string' ? [options.on] : options.on;
    if (on.length === 0) throw new Error('leftJoin: `on` names no key column');
    const [sx, sy] = options.suffixes ?? ['_x', '_y'];
    for (const key of on) {
      const [l, r] = [this.column(key as ColumnName<S>), right.column(key as never)];
      if ((l.dtype as DType) !== r.dtype) {
        throw new TypeError(`leftJoin: key '${key}' is ${l.dtype} on the left but ${r.dtype} on the right`);
      }
    }
    const rightKey = keyReader(on.map((k) => right.column(k as never)));
    const index = new Map<unknown, number>();
    for (let j = 0; j < right.length; j++) {
      const key = rightKey(j);
      if (key === undefined) continue;
      const seen = index.get(key);
      if (seen !== undefined) {
        throw new Error(
          `leftJoin: key ${on.map((k) => `${k}=${formatKey(right.column(k as never).at(j))}`).join(', ')} ` +
            `occurs on right rows ${seen} and ${j}; the right keys must be unique (many-to-one), ` +
            'so that each left row keeps exactly one result row. Aggregate the right frame first.',
        );
      }
      index.set(key, j);
    }
    const leftKey = keyReader(on.map((k) => this.column(k as ColumnName<S>)));
    const rows = new Int32Array(this.length);
    for (let i = 0; i < rows.length; i++) rows[i] = index.get(leftKey(i)) ?? -1;

    const map = new Map<string, Series>();
    for (const [name, series] of this.#columns) {
      map.set(!on.includes(name) && right.hasColumn(name) ? name + sx : name, series);
    }
    for (const name of right.columnNames) {
      if (on.includes(name)) continue;
      map.set(this.#columns.has(name) ? name + sy : name, right.column(name).take(rows));
    }
    return new DataFrame(map, this.length);
  }

  /**
   * Groups rows by key column(s) for {@link GroupBy.agg}. Rows with a missing key are left out, and
   * groups come in ascending key order unless `{ sort: false }`, as in pandas.
   */
  groupBy<K extends ColumnName<S>>(keys: K | readonly K[], options: GroupByOptions = {}): GroupBy<S, K> {
    check(isNames(keys), 'groupBy', 'a key column name or a list of them', keys);
    const names: readonly K[] = typeof keys === 'string' ? [keys] : keys;
    if (names.length === 0) throw new Error('groupBy: no key column given');
    return new GroupBy(this, names, options.sort ?? true);
  }

  /** The rows as plain objects (numbers NaN when missing; other types `null`). */
  toRecords(): Row<S>[] {
    const columns = [...this.#columns].map(([name, series]) => [name, series.toArray()] as const);
    const rows = new Array<Row<S>>(this.length);
    for (let i = 0; i < rows.length; i++) {
      const row: Record<string, unknown> = {};
      for (const [name, values] of columns) row[name] = values[i];
      rows[i] = row as Row<S>;
    }
    return rows;
  }

  /**
   * The columns as their storage, copied (see `StorageOf`: `Float64Array` for numbers and dates,
   * `Uint8Array` for booleans, arrays for strings). The typed arrays own their buffers, so they can be
   * transferred from a worker (`postMessage(cols, buffers)`) and rebuilt with `fromColumns(cols, { dtypes })`.
   */
  toColumns(): { [K in keyof S]: StorageOf<S[K]> } {
    const out: Record<string, unknown> = {};
    for (const [name, series] of this.#columns) out[name] = series.values.slice();
    return out as { [K in keyof S]: StorageOf<S[K]> };
  }
}

Object.defineProperty(DataFrame.prototype, BRAND, { value: true });
