import type { Series } from 'hamilton/frame';

export function is_male(gender: Series<string>): Series<boolean> {
  return gender.eq('male');
}

export function is_female(gender: Series<string>): Series<boolean> {
  return gender.eq('female');
}

export function is_high_roller(budget: Series<number>): Series<boolean> {
  return budget.gt(1000);
}

export function age_mean(age: Series<number>): number {
  return age.mean();
}

export function age_stddev(age: Series<number>): number {
  return age.std();
}

export function age_normalized(age: Series<number>, age_mean: number, age_stddev: number): Series<number> {
  return age.sub(age_mean).div(age_stddev);
}
