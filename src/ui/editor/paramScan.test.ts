import { describe, expect, it } from 'vitest';
import { lineStarts, offsetOf, positionOf, scanParams } from './paramScan';

describe('scanParams', () => {
  it('finds each parameter name and its place, past types, defaults, generics and comments', () => {
    const code = `export function f(\n  a: Map<string, number>,\n  /* note, with comma */ b = (x: number) => x > 1,\n  c?: { d: [1, 2] },\n  ...rest: string[]\n): void {}`;
    const params = scanParams(code, 0);
    expect(params.map((p) => p.name)).toEqual(['a', 'b', 'c', 'rest']);
    expect(positionOf(lineStarts(code), params[1].offset)).toEqual({ line: 3, column: 26 });
    expect(offsetOf(lineStarts(code), 3, 26)).toBe(params[1].offset);
  });
  it('starts at the function location (decorated functions)', () => {
    const code =
      "export const x = tag({ owner: 'x, y' })(function x(spend: number[]): number {\n  return 1;\n});";
    const from = offsetOf(lineStarts(code), 1, code.indexOf('function') + 1);
    expect(scanParams(code, from).map((p) => p.name)).toEqual(['spend']);
  });
  it('handles empty lists and strings containing parentheses', () => {
    expect(scanParams('function f() {}', 0)).toEqual([]);
    expect(scanParams("function f(a = ')', b: string) {}", 0).map((p) => p.name)).toEqual(['a', 'b']);
  });
});
