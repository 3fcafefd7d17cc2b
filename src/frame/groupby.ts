/** `groupBy(...).agg(...)`: rows grouped by key columns, one output row per group. */
import { check, isRecord } from './args';
import {
  DataFrame,
  type AggName,
  type AggResult,
  type AggSpec,
  type ColumnName,
  type Simplify,
} from './dataframe';
import type { Scalar } from './dtype';
import { compareRows, keyReader } from './rowKeys';
import { Series } from './series';

/** Rows of a frame grouped by key columns; made by {@link DataFrame.groupBy}. */
export class GroupBy<S extends object, K extends ColumnName<S>> {
  readonly #frame: DataFrame<S>;
  readonly #keys: readonly K[];
  readonly #sort: boolean;

  /** Use {@link DataFrame.groupBy}. */
  constructor(frame: DataFrame<S>, keys: readonly K[], sort: boolean) {
    this.#frame = frame;
    this.#keys = keys;
    this.#sort = sort;
  }

  /**
   * One row per group: the key columns, then one column per named aggregation, e.g.
   * `agg({ mean_age: ['age', 'mean'], n: ['client_id', 'count'] })` (pandas' named aggregation).
   * @throws TypeError when an aggregation does not apply to its column's dtype (e.g. `mean` of strings).
   */
  agg<const A extends AggSpec<S>>(
    spec: A,
  ): DataFrame<Simplify<Pick<S, K> & { [P in keyof A]: AggResult<S[A[P][0]], A[P][1]> }>> {
    check(
      isRecord(spec) && Object.values(spec).every((v) => Array.isArray(v) && v.length === 2),
      'agg',
      "named aggregations ({ out: ['column', 'mean'] })",
      spec,
    );
    const keyColumns = this.#keys.map((k) => this.#frame.column(k) as Series);
    const keyOf = keyReader(keyColumns);
    const groupOf = new Int32Array(this.#frame.length);
    const groups = new Map<unknown, number>();
    const firstRows: number[] = [];
    for (let i = 0; i < groupOf.length; i++) {
      const key = keyOf(i);
      if (key === undefined) {
        groupOf[i] = -1;
        continue;
      }
      let g = groups.get(key);
      if (g === undefined) {
        g = firstRows.length;
        groups.set(key, g);
        firstRows.push(i);
      }
      groupOf[i] = g;
    }
    const order = firstRows.map((_, g) => g);
    if (this.#sort) order.sort((a, b) => compareRows(keyColumns, firstRows[a], firstRows[b]));
    const rank = new Int32Array(order.length);
    order.forEach((g, r) => (rank[g] = r));

    // Counting sort of the rows by group rank: group r is rows[offsets[r] .. offsets[r + 1]).
    const offsets = new Int32Array(order.length + 1);
    for (const g of groupOf) if (g >= 0) offsets[rank[g] + 1]++;
    for (let r = 0; r < order.length; r++) offsets[r + 1] += offsets[r];
    const next = offsets.slice(0, order.length);
    const rows = new Int32Array(offsets[order.length]);
    groupOf.forEach((g, i) => {
      if (g >= 0) rows[next[rank[g]]++] = i;
    });

    const map = new Map<string, Series>();
    const groupFirstRows = order.map((g) => firstRows[g]);
    this.#keys.forEach((k, c) => map.set(k, keyColumns[c].take(groupFirstRows)));
    for (const [out, [name, fn]] of Object.entries(spec) as [string, readonly [ColumnName<S>, AggName]][]) {
      const sorted = (this.#frame.column(name) as Series).take(rows);
      const values = order.map((_, r) => aggregate(sorted.slice(offsets[r], offsets[r + 1]), fn, name));
      const keepsType = fn === 'min' || fn === 'max' || fn === 'first' || fn === 'last';
      map.set(out, Series.from(values, keepsType ? sorted.dtype : 'number'));
    }
    return DataFrame.fromColumns(Object.fromEntries(map)) as never;
  }
}

function aggregate(part: Series, fn: AggName, column: string): Scalar | null {
  const wrongType = (): never => {
    throw new TypeError(`agg: '${fn}' does not apply to column '${column}', which is ${part.dtype}`);
  };
  switch (fn) {
    case 'count':
      return part.count();
    case 'first':
    case 'last': {
      const present = part.notNa().values;
      const at = fn === 'first' ? present.indexOf(1) : present.lastIndexOf(1);
      return at === -1 ? null : (part.at(at) ?? null);
    }
    case 'min':
    case 'max':
      if (part.dtype === 'boolean') wrongType();
      return (part as Series<number>)[fn]();
    default:
      if (part.dtype !== 'number') wrongType();
      return fn === 'median' ? (part as Series<number>).median() : (part as Series<number>)[fn]();
  }
}
