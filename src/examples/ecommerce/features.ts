import { DataFrame, Series } from 'hamilton/frame';
import type { Login } from './load_data';

// Map features: written once, they run in every context.
export function is_male(gender: Series<string>): Series<boolean> {
  return gender.eq('male');
}

export function is_female(gender: Series<string>): Series<boolean> {
  return gender.eq('female');
}

export function is_high_roller(budget: Series<number>): Series<boolean> {
  return budget.gt(1000);
}

// Join: a left join keeps the survey's rows and order.
export function last_logged_in(client_id: Series<number>, login_data: DataFrame<Login>): Series<Date> {
  return DataFrame.fromColumns({ client_id }).leftJoin(login_data, { on: 'client_id' }).column('last_login');
}

/** Days since each client last logged in. */
export function time_since_last_login(execution_time: string, last_logged_in: Series<Date>): Series<number> {
  return last_logged_in.rsub(new Date(execution_time)).div(86_400_000);
}

// Aggregations.
export function age_mean(age: Series<number>): number {
  return age.mean();
}

export function age_stddev(age: Series<number>): number {
  return age.std();
}

export function age_normalized(age: Series<number>, age_mean: number, age_stddev: number): Series<number> {
  return age.sub(age_mean).div(age_stddev);
}
