import { parameterize, value } from 'hamilton';
import type { Series } from 'hamilton/frame';

/** Clients aged {low} to {high}. */
export const age_band = parameterize({
  is_young: { low: value(18), high: value(30) },
  is_middle_aged: { low: value(30), high: value(50) },
  is_senior: { low: value(50), high: value(120) },
})(function age_band(age: Series<number>, low: number, high: number): Series<boolean> {
  return age.ge(low).and(age.lt(high));
});
