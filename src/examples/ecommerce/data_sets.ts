import { DataFrame, Series } from 'hamilton/frame';

/** V1 of our feature set. */
export function feature_set_v1(
  age_normalized: Series<number>,
  is_high_roller: Series<boolean>,
  is_male: Series<boolean>,
  is_female: Series<boolean>,
  time_since_last_login: Series<number>,
): DataFrame {
  return DataFrame.fromColumns({ age_normalized, is_high_roller, is_male, is_female, time_since_last_login });
}
