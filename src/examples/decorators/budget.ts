import { pipeInput, step } from 'hamilton';
import type { Series } from 'hamilton/frame';

// Pipe steps: private helpers, each becomes a node `budget_clean.with_<name>`.
function cap(budget: Series<number>, upper: number): Series<number> {
  return budget.map((v) => Math.min(v, upper));
}

function round_to(budget: Series<number>, unit: number): Series<number> {
  return budget
    .div(unit)
    .map((v) => Math.round(v))
    .mul(unit);
}

/** Budget without outliers or false precision: capped at $2,000, rounded to $50. */
export const budget_clean = pipeInput(
  step(cap, { upper: 2000 }),
  step(round_to, { unit: 50 }),
)(function budget_clean(budget: Series<number>): Series<number> {
  return budget;
});
