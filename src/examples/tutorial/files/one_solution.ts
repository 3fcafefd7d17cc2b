import { Series } from 'hamilton/frame';

/** input % 7 (input is a JSON list; a makes it a Series). */
export function a(input: number[]): Series<number> {
  return Series.from(input).mod(7);
}
