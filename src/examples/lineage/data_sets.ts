import { tag } from 'hamilton';
import { DataFrame, Series } from 'hamilton/frame';

/** V1 of our feature set: what the churn model trains on. */
export const feature_set_v1 = tag({ owner: 'data-science', importance: 'production' })(
  function feature_set_v1(
    age_normalized: Series<number>,
    is_high_roller: Series<boolean>,
    is_male: Series<boolean>,
    is_female: Series<boolean>,
    time_since_last_login: Series<number>,
  ): DataFrame {
    return DataFrame.fromColumns({
      age_normalized,
      is_high_roller,
      is_male,
      is_female,
      time_since_last_login,
    });
  },
);
