import { describe, expect, it } from 'vitest';
import { resolvedTypeOf } from './resolvedTypes';

describe('resolvedTypeOf', () => {
  const types = new Map([
    ['client_id', 'Series<number>'],
    ['a', 'Series<number>'],
    ['loose', 'any'],
  ]);
  it('is the resolved type only when it reads differently from the written one', () => {
    expect(resolvedTypeOf(types, 'client_id', "Series<Survey['client_id']>")).toBe('Series<number>');
    expect(resolvedTypeOf(types, 'a', 'Series< number >')).toBeNull();
    expect(resolvedTypeOf(types, 'loose', 'Loose')).toBeNull();
    expect(resolvedTypeOf(types, 'unknown', 'number')).toBeNull();
  });
});
