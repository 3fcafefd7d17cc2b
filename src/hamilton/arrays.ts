/**
 * Arrays filled in the hot loops of building and planning. A `[]` literal starts out holding only small
 * integers and changes its element kind at the first other value; code the engine compiled for a loop
 * that fills such arrays is then thrown away again on every fresh array, round after round.
 */

/** An empty array whose element kind already holds any value. */
export function valueArray<T>(): T[] {
  const array = [undefined as T];
  array.pop();
  return array;
}
