import { source, subdag } from 'hamilton';
import type { Series } from 'hamilton/frame';

// A reusable group of nodes: each subdag below copies it under its own namespace.
function mean(values: Series<number>): number {
  return values.mean();
}

function spread(values: Series<number>): number {
  return values.max() - values.min();
}

const stats = { mean, spread };

/** A column's mean and spread. */
export type Summary = { mean: number; spread: number };

/** Summary of the cleaned budget. */
export const budget_summary = subdag(stats, { inputs: { values: source('budget_clean') } })(
  function budget_summary(mean: number, spread: number): Summary {
    return { mean, spread };
  },
);

/** Summary of age. */
export const age_summary = subdag(stats, { inputs: { values: source('age') } })(function age_summary(
  mean: number,
  spread: number,
): Summary {
  return { mean, spread };
});
