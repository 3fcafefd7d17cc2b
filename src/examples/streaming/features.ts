import { config } from 'hamilton';
import { DataFrame, Series } from 'hamilton/frame';
import type { FeatureStoreClient } from './client';

/** A client's last login (table `login_data`). */
type Login = { client_id: number; last_login: Date };

// Map features: the same code in batch and streaming.
export function is_male(gender: Series<string>): Series<boolean> {
  return gender.eq('male');
}

export function is_female(gender: Series<string>): Series<boolean> {
  return gender.eq('female');
}

export function is_high_roller(budget: Series<number>): Series<boolean> {
  return budget.gt(1000);
}

/** Batch: join the login table. */
export const last_logged_in__batch = config.when({ mode: 'batch' })(function last_logged_in__batch(
  client_id: Series<number>,
  login_data: DataFrame<Login>,
): Series<Date> {
  const joined = DataFrame.fromColumns({ client_id }).leftJoin(login_data, { on: 'client_id' });
  return joined.column('last_login');
});

/** Streaming: ask the login service. */
export const last_logged_in__streaming = config.when({ mode: 'streaming' })(
  async function last_logged_in__streaming(
    client_id: Series<number>,
    client: FeatureStoreClient,
  ): Promise<Series<Date>> {
    return Series.from(await client.lastLogins(client_id.toArray())).astype('date');
  },
);

/** Days since each client last logged in. */
export function time_since_last_login(execution_time: string, last_logged_in: Series<Date>): Series<number> {
  return last_logged_in.rsub(new Date(execution_time)).div(86_400_000);
}

/** Batch: the mean age of the training data. */
export const age_mean__batch = config.when({ mode: 'batch' })(function age_mean__batch(
  age: Series<number>,
): number {
  return age.mean();
});

/** Streaming: the mean age stored by the last batch run. */
export const age_mean__streaming = config.when({ mode: 'streaming' })(function age_mean__streaming(
  client: FeatureStoreClient,
): Promise<number> {
  return client.query('age_mean');
});

/** Batch: the standard deviation of age in the training data. */
export const age_stddev__batch = config.when({ mode: 'batch' })(function age_stddev__batch(
  age: Series<number>,
): number {
  return age.std();
});

/** Streaming: the standard deviation stored by the last batch run. */
export const age_stddev__streaming = config.when({ mode: 'streaming' })(function age_stddev__streaming(
  client: FeatureStoreClient,
): Promise<number> {
  return client.query('age_stddev');
});

export function age_normalized(age: Series<number>, age_mean: number, age_stddev: number): Series<number> {
  return age.sub(age_mean).div(age_stddev);
}
