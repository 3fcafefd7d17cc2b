/**
 * Windows over a numeric column, as pandas computes them: rolling statistics (`rolling(3).mean()`, the
 * first thing most feature code reaches for), shifts, and running totals. Missing values (NaN) are
 * skipped by the statistics and counted against `minPeriods`.
 */
import type { Series } from './series';

/** Options of `Series.rolling`. */
export interface RollingOptions {
  /**
   * Present values a window needs for a result; fewer give NaN. Default: the window's size, so the first
   * `window - 1` results are NaN, as in pandas.
   */
  readonly minPeriods?: number;
}

/** A window's present values, summarised in one pass: `values[from..to]` with NaN skipped. */
interface WindowSummary {
  readonly values: Float64Array;
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

// Two passes (the mean, then squared deviations from it), which keeps the variance of large, close values exact.
function variance({ values, from, to, n, sum }: WindowSummary): number {
  if (n < 2) return NaN;
  const mean = sum / n;
  let squares = 0;
  for (let j = from; j <= to; j++) if (values[j] === values[j]) squares += (values[j] - mean) ** 2;
  return squares / (n - 1);
}

/**
 * Statistics over a sliding window of a numeric Series (pandas' `Rolling`): the result at position i
 * summarises the `window` values ending at i.
 *
 * @example
 * const avg3wkSpend = spend.rolling(3).mean();
 */
export class Rolling {
  readonly #values: Float64Array;
  readonly #window: number;
  readonly #minPeriods: number;
  readonly #wrap: (values: Float64Array) => Series<number>;

  /** Made by `Series.rolling`. */
  constructor(
    values: Float64Array,
    window: number,
    options: RollingOptions,
    wrap: (values: Float64Array) => Series<number>,
  ) {
    if (!Number.isInteger(window) || window < 1)
      throw new RangeError(`rolling: window must be a whole number of at least 1, got ${window}`);
    const minPeriods = options.minPeriods ?? window;
    if (!Number.isInteger(minPeriods) || minPeriods < 0 || minPeriods > window)
      throw new RangeError(
        `rolling: minPeriods must be a whole number from 0 to ${window}, got ${minPeriods}`,
      );
    this.#values = values;
    this.#window = window;
    this.#minPeriods = minPeriods;
    this.#wrap = wrap;
  }

  /** Present values in each window. */
  count(): Series<number> {
    return this.#apply((w) => w.n);
  }

  /** Sum of each window's present values. */
  sum(): Series<number> {
    return this.#apply((w) => w.sum);
  }

  /** Mean of each window's present values. */
  mean(): Series<number> {
    return this.#apply((w) => w.sum / w.n);
  }

  /** Sample variance (ddof 1, like pandas) of each window; NaN below two values. */
  var(): Series<number> {
    return this.#apply(variance);
  }

  /** Sample standard deviation (ddof 1, like pandas) of each window; NaN below two values. */
  std(): Series<number> {
    return this.#apply((w) => Math.sqrt(variance(w)));
  }

  /** Smallest present value of each window. */
  min(): Series<number> {
    return this.#apply((w) => (w.n === 0 ? NaN : w.min));
  }

  /** Largest present value of each window. */
  max(): Series<number> {
    return this.#apply((w) => (w.n === 0 ? NaN : w.max));
  }

  // Each window is read afresh rather than updated as it slides: a running sum drifts (adding then
  // subtracting leaves rounding errors), and feature code's windows are short, so O(length × window) is cheap.
  #apply(stat: (window: WindowSummary) => number): Series<number> {
    const values = this.#values;
    const out = new Float64Array(values.length);
    for (let to = 0; to < values.length; to++) {
      const from = Math.max(0, to - this.#window + 1);
      let n = 0;
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let j = from; j <= to; j++) {
        const v = values[j];
        if (v !== v) continue;
        n++;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      out[to] = n >= this.#minPeriods ? stat({ values, from, to, n, sum, min, max }) : NaN;
    }
    return this.#wrap(out);
  }
}

/** The values moved `periods` places later (earlier when negative), NaN where nothing moved in. */
export function shifted(values: Float64Array, periods: number): Float64Array {
  if (!Number.isInteger(periods))
    throw new RangeError(`shift: periods must be a whole number, got ${periods}`);
  const out = new Float64Array(values.length).fill(NaN);
  for (let i = Math.max(0, periods); i < values.length && i - periods < values.length; i++)
    out[i] = values[i - periods];
  return out;
}

/** Running totals of the present values; a missing value stays missing, as in pandas' `cumsum`. */
export function runningSum(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) sum += v;
    out[i] = v === v ? sum : NaN;
  }
  return out;
}
