import { DataFrame, Series } from 'hamilton/frame';
import { describe, expect, it } from 'vitest';
import { Driver, InputTypeError } from '.';
import { analysed } from './function_modifiers/testing';
import { checkInputType } from './inputTypes';

// Hamilton's tests/test_type_utils.py (test_check_input_type_mismatch / _match), with Python's types
// written as TypeScript type texts.
describe('checkInputType (Hamilton htypes.check_input_type)', () => {
  const series = Series.from([1, 2, 3]);
  const frame = DataFrame.fromColumns({ a: [1, 2, 3] });
  it.each([
    ['DataFrame', series, 'test-subclass'],
    ['unknown[]', {}, 'test-generic-list'],
    ['Record<string, unknown>', [], 'test-generic-dict'],
    ['number', 'a', 'test-type-match-int'],
    ['string', 0, 'test-type-match-str'],
    ['number | Series<number>', frame, 'test-union-mismatch-dataframe'],
    ['number | Series<number>', 'a', 'test-union-mismatch-string'],
    ["'csv' | 'prq'", 'json', 'test-literal-mismatch'],
    ['string[]', [1, 2], 'test-sequence-first-element'],
    ['Set<string>', ['a', 'b'], 'test-set-mismatch'],
    ['Date', '2024-01-01', 'test-date'],
    ['boolean', 'true', 'test-boolean'],
  ] as [string, unknown, string][])('%s does not accept %j (%s)', (type, value) => {
    expect(checkInputType(type, value)).toBe(false);
  });

  it.each([
    ['unknown', null, 'test-any'],
    ['Series<number>', series, 'test-subclass'],
    ['T', null, 'test-typevar'],
    ['unknown[]', [], 'test-generic-list'],
    ['Record<string, unknown>', {}, 'test-generic-dict'],
    ['number', 1, 'test-type-match-int'],
    ['number', 1.5, 'test-type-match-float'],
    ['string', 'abc', 'test-type-match-str'],
    ['number | Series<number>', series, 'test-union-series'],
    ['number | Series<number>', 1, 'test-union-number'],
    ["'csv' | 'prq'", 'csv', 'test-literal'],
    ['readonly string[]', ['a', 'b'], 'test-sequence'],
    ['Array<string>', ['a', 'b'], 'test-array-generic'],
    ['(number | string)[]', [1, 'a'], 'test-array-of-union'],
    ['Set<string>', new Set(['a']), 'test-set'],
    ['Date', new Date(0), 'test-date'],
    ['DataFrame<{ a: number }>', frame, 'test-dataframe'],
    ['number', undefined, 'test-none'],
    ['{ a: number }', 'not checked', 'test-object-type-unchecked'],
    ['MyInterface', 42, 'test-named-unchecked'],
  ] as [string, unknown, string][])('%s accepts %j (%s)', (type, value) => {
    expect(checkInputType(type, value)).toBe(true);
  });
});

describe('the driver checks inputs before anything runs (Hamilton Driver.validate_inputs)', () => {
  const module = {
    spend_per_signup: analysed((spend: number[], signups: number[]) => spend.map((s, i) => s / signups[i]), {
      name: 'spend_per_signup',
      params: 'spend: number[], signups: number[]',
      returnType: 'number[]',
    }),
    label: analysed((region: string, tier?: number) => `${region}${tier ?? ''}`, {
      name: 'label',
      params: "region: 'eu' | 'us', tier?: number",
      returnType: 'string',
    }),
  };

  it('reports every mismatch at once, sorted, after the missing inputs', async () => {
    const dr = new Driver({}, module);
    const error = await dr
      .execute(['spend_per_signup', 'label'], {
        inputs: { spend: '1,2', signups: [1, 2], region: 'asia', tier: 'x' },
      })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      '3 errors encountered: \n' +
        "  Error: Type requirement mismatch. Expected region:'eu' | 'us' got asia:string instead.\n" +
        '  Error: Type requirement mismatch. Expected spend:number[] got 1,2:string instead.\n' +
        '  Error: Type requirement mismatch. Expected tier:number got x:string instead.',
    );
    expect(() => dr.validateExecution(['spend_per_signup'], { inputs: { signups: [1] } })).toThrow(
      "Required input spend not provided for nodes: ['spend_per_signup'].",
    );
    expect(() =>
      dr.validateExecution(['spend_per_signup'], { inputs: { spend: { a: 1 }, signups: [1] } }),
    ).toThrow(InputTypeError);
  });

  it('lets right values, null and inputs outside the execution through', async () => {
    const dr = new Driver({}, module);
    expect(
      await dr.execute(['spend_per_signup'], { inputs: { spend: [2, 4], signups: [1, 2], region: 42 } }),
    ).toEqual({ spend_per_signup: [2, 2] });
    expect(await dr.execute(['label'], { inputs: { region: 'eu', tier: null } })).toEqual({ label: 'eu' });
  });
});
