import { checkOutput } from 'hamilton';
import { DataFrame, Series } from 'hamilton/frame';

/** A client's last login (table `login_data`). */
type Login = { client_id: number; last_login: Date };

export function is_male(gender: Series<string>): Series<boolean> {
  return gender.eq('male');
}

export function is_female(gender: Series<string>): Series<boolean> {
  return gender.eq('female');
}

/** A wrong type here would silently break the model: fail the run. */
export const is_high_roller = checkOutput({ dataType: 'boolean', allowNans: false, importance: 'fail' })(
  function is_high_roller(budget: Series<number>): Series<boolean> {
    return budget.gt(1000);
  },
);

export function last_logged_in(client_id: Series<number>, login_data: DataFrame<Login>): Series<Date> {
  return DataFrame.fromColumns({ client_id }).leftJoin(login_data, { on: 'client_id' }).column('last_login');
}

/** Some clients never logged in: worth a warning, not a failed run. */
export const time_since_last_login = checkOutput({ allowNans: false })(function time_since_last_login(
  execution_time: string,
  last_logged_in: Series<Date>,
): Series<number> {
  return last_logged_in.rsub(new Date(execution_time)).div(86_400_000);
});

export function age_mean(age: Series<number>): number {
  return age.mean();
}

export function age_stddev(age: Series<number>): number {
  return age.std();
}

/** Outside ±3 standard deviations means the inputs are wrong: fail. */
export const age_normalized = checkOutput({ range: [-3, 3], allowNans: false, importance: 'fail' })(
  function age_normalized(age: Series<number>, age_mean: number, age_stddev: number): Series<number> {
    return age.sub(age_mean).div(age_stddev);
  },
);
