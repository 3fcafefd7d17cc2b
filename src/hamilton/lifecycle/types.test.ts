import { describe, expect, it } from 'vitest';
import { DataFrame } from '../../frame/dataframe';
import { checkInstance } from './types';

describe('checkInstance', () => {
  it.each([
    [1, 'number', true],
    ['1', 'number', false],
    [null, 'string | null', true],
    [[1, 2], 'number[]', true],
    [[1, '2'], 'readonly number[]', false],
    [[1, 'a'], '[number, string]', true],
    [{ a: 1 }, 'Record<string, number>', true],
    [{ a: 'x' }, 'Record<string, number>', false],
    ['a', "'a' | 'b'", true],
    ['c', "'a' | 'b'", false],
    [DataFrame.fromColumns({ a: [1] }), 'DataFrame<{ a: number }>', true],
    [[1], 'DataFrame', false],
    [new Date(0), 'Date', true],
    [{ anything: true }, 'MyInterface', true],
    [undefined, 'unknown', true],
  ])('%j fits %s: %s', (value, type, expected) => {
    expect(checkInstance(value, type)).toBe(expected);
  });
});
