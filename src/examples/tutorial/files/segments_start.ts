import { parameterize, value } from 'hamilton';
import type { Series } from 'hamilton/frame';

/** Clients aged {low} to {high}. */
export const age_band = parameterize({
  is_young: { low: value(18), high: value(30) },
  // Add is_middle_aged (30 to 50) and is_senior (50 to 120).
})(function age_band(age: Series<number>, low: number, high: number): Series<boolean> {
  return age.ge(low).and(age.lt(high));
});
