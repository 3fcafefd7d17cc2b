/**
 * The comparisons of a Series: `eq`, `ne`, `gt`, `ge`, `lt`, `le` differ only by their operator, so
 * one definition serves all six (installed on `Series.prototype` by `series.ts`).
 */
import { describeValue, isSeries, type Scalar, type Storage } from './dtype';
import { checkLength, compareStorage, type CompareOp } from './kernels';
import type { Series } from './series';

/**
 * Element-wise comparisons with a value or a Series of the same dtype and length: a boolean Series.
 * Booleans have only `eq` and `ne`.
 */
export interface SeriesComparisons<T extends Scalar> {
  /** Element-wise `this === other`; missing values are never equal. */
  eq(other: T | Series<T>): Series<boolean>;
  /** Element-wise `this !== other`; missing values are unequal to everything. */
  ne(other: T | Series<T>): Series<boolean>;
  /** Element-wise `this > other` (numbers, dates, strings); false where missing. */
  gt(other: T | Series<T>): Series<boolean>;
  /** Element-wise `this >= other` (numbers, dates, strings); false where missing. */
  ge(other: T | Series<T>): Series<boolean>;
  /** Element-wise `this < other` (numbers, dates, strings); false where missing. */
  lt(other: T | Series<T>): Series<boolean>;
  /** Element-wise `this <= other` (numbers, dates, strings); false where missing. */
  le(other: T | Series<T>): Series<boolean>;
}

/** The codes (see `kernels.ts`) of `series <op> other`, after checking that the two can be compared. */
export function compareWith(op: CompareOp, series: Series, other: Scalar | Series): Uint8Array {
  const ordered = op !== 'eq' && op !== 'ne';
  if (ordered && series.dtype === 'boolean')
    throw new TypeError(`${op}: booleans are not ordered; use eq or ne`);
  const mismatch = (): never => {
    throw new TypeError(`${op}: cannot compare a ${series.dtype} series with ${describeValue(other)}`);
  };
  let b: Storage | Scalar;
  if (isSeries(other)) {
    checkLength(op, series, other);
    if (other.dtype !== series.dtype) mismatch();
    b = other.values;
  } else if (series.dtype === 'date') {
    b = other instanceof Date ? other.getTime() : mismatch();
  } else if (series.dtype === 'boolean') {
    b = typeof other === 'boolean' ? (other ? 1 : 0) : mismatch();
  } else {
    b = typeof other === series.dtype ? other : mismatch();
  }
  return compareStorage(op, series.values, b);
}
