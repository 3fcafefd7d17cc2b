import { Series } from 'hamilton/frame';

/** input % 7 (input is a JSON list; a makes it a Series). */
export function a(input: number[]): Series<number> {
  return Series.from(input).mod(7);
}

/** a * 2 */
export function b(a: Series<number>): Series<number> {
  return a.mul(2);
}

/** a * 3 + b * 2 */
export function c(a: Series<number>, b: Series<number>): Series<number> {
  return a.mul(3).add(b.mul(2));
}

/** c ** 3 */
export function d(c: Series<number>): Series<number> {
  return c.pow(3);
}
