import { describe, expect, it } from 'vitest';
import { InvalidSignatureError } from './errors';
import { readParameters } from './signature';

// Function text as engines print it (not compiled by the test's bundler, so written as strings).
const fromText = (src: string): Function => {
  const fn = (0, eval)(`(${src})`) as Function;
  return fn;
};
const read = (src: string) => readParameters(fromText(src), 'f');

describe('readParameters', () => {
  it('reads arrows, functions, async, generators and methods', () => {
    expect(read('(a, b) => a + b')).toEqual([
      { name: 'a', optional: false },
      { name: 'b', optional: false },
    ]);
    expect(read('a => a')).toEqual([{ name: 'a', optional: false }]);
    expect(read('async x => x')).toEqual([{ name: 'x', optional: false }]);
    expect(read('async (x, y) => x').map((p) => p.name)).toEqual(['x', 'y']);
    expect(read('function named(a, /* note, here */ b) { return a }').map((p) => p.name)).toEqual(['a', 'b']);
    expect(read('async function* gen(a) {}').map((p) => p.name)).toEqual(['a']);
    expect(
      readParameters(
        {
          m(a: number, b: number) {
            return a + b;
          },
        }.m,
        'm',
      ).map((p) => p.name),
    ).toEqual(['a', 'b']);
    expect(read('() => 1')).toEqual([]);
  });

  it('marks parameters with defaults optional, skipping strings, templates and brackets in defaults', () => {
    const params = read(
      '(a, b = "x,y)", c = `t,${"}"},)`, d = [1, 2], e = { k: (1, 2) }, f = (q) => q) => a',
    );
    expect(params).toEqual([
      { name: 'a', optional: false },
      { name: 'b', optional: true },
      { name: 'c', optional: true },
      { name: 'd', optional: true },
      { name: 'e', optional: true },
      { name: 'f', optional: true },
    ]);
  });

  it('refuses destructured, rest, native and bound functions', () => {
    expect(() => read('({ a, b }) => a')).toThrow(InvalidSignatureError);
    expect(() => read('({ a, b }) => a')).toThrow(/^f has a destructured parameter \(\{ a, b \}\)/);
    expect(() => read('([a]) => a')).toThrow(/destructured/);
    expect(() => read('(...rest) => rest')).toThrow(/^f has a rest parameter/);
    expect(() => readParameters(Math.max, 'max')).toThrow(/native or bound/);
    expect(() => readParameters(((a: number) => a).bind(null), 'bound')).toThrow(/native or bound/);
  });
});
