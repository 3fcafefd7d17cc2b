import type { Series } from 'hamilton/frame';

export function is_male(gender: Series<string>): Series<boolean> {
  return gender.eq('male');
}

// Add is_female (gender is 'female') and is_high_roller (budget above 1000).
