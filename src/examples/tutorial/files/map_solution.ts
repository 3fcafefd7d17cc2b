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
