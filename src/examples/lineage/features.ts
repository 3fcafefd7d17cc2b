import { tag } from 'hamilton';
import { DataFrame, Series } from 'hamilton/frame';
import type { Login } from './load_data';

export const is_male = tag({ owner: 'data-science', pii: 'false' })(function is_male(
  gender: Series<string>,
): Series<boolean> {
  return gender.eq('male');
});

export const is_female = tag({ owner: 'data-science', pii: 'false' })(function is_female(
  gender: Series<string>,
): Series<boolean> {
  return gender.eq('female');
});

/** Clients who said they spend more than $1,000. */
export const is_high_roller = tag({ owner: 'marketing', pii: 'false' })(function is_high_roller(
  budget: Series<number>,
): Series<boolean> {
  return budget.gt(1000);
});

/** Days since each client last logged in. */
export const time_since_last_login = tag({ owner: 'data-science', pii: 'false' })(
  function time_since_last_login(
    execution_time: string,
    client_id: Series<number>,
    login_data: DataFrame<Login>,
  ): Series<number> {
    const joined = DataFrame.fromColumns({ client_id }).leftJoin(login_data, { on: 'client_id' });
    return joined.column('last_login').rsub(new Date(execution_time)).div(86_400_000);
  },
);

export const age_mean = tag({ owner: 'data-science' })(function age_mean(age: Series<number>): number {
  return age.mean();
});

export const age_stddev = tag({ owner: 'data-science' })(function age_stddev(age: Series<number>): number {
  return age.std();
});

/** Age in standard deviations from the mean: no longer identifies anyone. */
export const age_normalized = tag({ owner: 'data-science', pii: 'false' })(function age_normalized(
  age: Series<number>,
  age_mean: number,
  age_stddev: number,
): Series<number> {
  return age.sub(age_mean).div(age_stddev);
});
