import { describe, expect, it } from 'vitest';
import { DataFrame, Series } from '../../frame';
import { extractColumns, extractFields, unpackFields } from './extract';
import { analysed, driverOf, edgesOf, nodesOf } from './testing';

type Survey = { client_id: number; budget: number; age: number; gender: string };
const surveyFrame = () =>
  DataFrame.fromColumns({
    client_id: [1, 2],
    budget: [500, 2000],
    age: [30, 50],
    gender: ['male', 'female'],
  });

describe('extractColumns', () => {
  const survey_results = analysed(
    extractColumns('client_id', 'budget', ['age', 'The age in years'])(
      (survey_data: DataFrame<Survey>) => survey_data,
    ),
    {
      name: 'survey_results',
      params: 'survey_data: DataFrame<Survey>',
      returnType: 'DataFrame<Survey>',
      doc: 'Survey rows',
    },
  );

  it('keeps the frame node under the function name and adds one node per column', () => {
    const dr = driverOf({ survey_results });
    expect(edgesOf(dr)).toEqual([
      'survey_results <- survey_data',
      'client_id <- survey_results',
      'budget <- survey_results',
      'age <- survey_results',
    ]);
    const nodes = nodesOf(dr);
    expect(nodes.get('age')?.documentation).toBe('The age in years');
    expect(nodes.get('budget')?.documentation).toBe('Survey rows');
    expect(nodes.get('budget')?.type).toBe("Series<Survey['budget']>");
  });

  it('extracts Series from a DataFrame', async () => {
    const out = await driverOf({ survey_results }).execute(['budget', 'age'], {
      inputs: { survey_data: surveyFrame() },
    });
    expect(out.budget).toBeInstanceOf(Series);
    expect((out.budget as Series<number>).toArray()).toEqual([500, 2000]);
    expect((out.age as Series<number>).toArray()).toEqual([30, 50]);
  });

  it('extracts arrays from a plain object of equal-length arrays', async () => {
    // An override: as an input, a plain object would fail the DataFrame<Survey> input type check.
    const out = await driverOf({ survey_results }).execute(['client_id'], {
      overrides: { survey_data: { client_id: [7, 8], budget: [1, 2], age: [3, 4] } },
    });
    expect(out.client_id).toEqual([7, 8]);
  });

  it('names the missing column and the columns that exist', async () => {
    const dr = driverOf({ survey_results });
    const frame = DataFrame.fromColumns({ client_id: [1], age: [2] });
    await expect(dr.execute(['budget'], { inputs: { survey_data: frame } })).rejects.toThrow(
      "No such column: budget produced by survey_results. It only produced ['client_id', 'age']",
    );
  });

  it('fills missing columns with fillWith, on frames and plain objects', async () => {
    const filled = analysed(
      extractColumns('a', 'b', { fillWith: 0 })((df: unknown) => df),
      { name: 'filled', params: 'df' },
    );
    const dr = driverOf({ filled });
    const frame = await dr.execute(['b'], { inputs: { df: DataFrame.fromColumns({ a: [1, 2] }) } });
    expect((frame.b as Series<number>).toArray()).toEqual([0, 0]);
    const plain = await dr.execute(['b'], { inputs: { df: { a: [1, 2, 3] } } });
    expect(plain.b).toEqual([0, 0, 0]);
  });

  it('refuses an empty call and a list passed without spreading', () => {
    const empty = analysed(
      extractColumns()((df: unknown) => df),
      { name: 'empty', params: 'df' },
    );
    expect(() => driverOf({ empty })).toThrow('Error empty arguments passed to extract_columns decorator.');
    const list = analysed(
      extractColumns(['a', 'b', 'c'] as never)((df: unknown) => df),
      { name: 'list', params: 'df' },
    );
    expect(() => driverOf({ list })).toThrow(
      'Error list passed in. Please `...` in front of it to expand it.',
    );
  });

  it('refuses a function returning a scalar type', () => {
    const scalar = analysed(
      extractColumns('a')(() => 1),
      { name: 'scalar', returnType: 'number' },
    );
    expect(() => driverOf({ scalar })).toThrow('Error scalar does not output a type we know about.');
  });
});

describe('extractFields', () => {
  const stats = analysed(
    extractFields({ mean: 'number', label: 'string' })((xs: number[]) => ({
      mean: xs.reduce((a, b) => a + b, 0) / xs.length,
      label: 'ok',
    })),
    { name: 'stats', params: 'xs: number[]', returnType: '{ mean: number; label: string }' },
  );

  it('adds one node per field with its declared type', async () => {
    const dr = driverOf({ stats });
    expect(edgesOf(dr)).toEqual(['stats <- xs', 'mean <- stats', 'label <- stats']);
    expect(nodesOf(dr).get('mean')?.type).toBe('number');
    expect(await dr.execute(['mean', 'label'], { inputs: { xs: [1, 3] } })).toEqual({ mean: 2, label: 'ok' });
  });

  it('names a missing field and the fields that exist', async () => {
    const partial = analysed(
      extractFields({ a: 'number', b: 'number' })(() => ({ a: 1 })),
      { name: 'partial' },
    );
    await expect(driverOf({ partial }).execute(['b'])).rejects.toThrow(
      "No such field: b produced by partial. It only produced ['a']",
    );
    const filled = analysed(
      extractFields({ a: 'number', b: 'number' }, { fillWith: -1 })(() => ({ a: 1 })),
      { name: 'filled' },
    );
    expect(await driverOf({ filled }).execute(['b'])).toEqual({ b: -1 });
  });

  it('refuses an empty dict and non-type values', () => {
    const empty = analysed(
      extractFields({})(() => ({})),
      { name: 'empty' },
    );
    expect(() => driverOf({ empty })).toThrow(
      'Error an empty dict, or no dict, passed to extract_fields decorator.',
    );
    const untyped = analysed(
      extractFields({ a: 3 as never })(() => ({})),
      { name: 'untyped' },
    );
    expect(() => driverOf({ untyped })).toThrow(/a does not declare a type. Instead it passes 3/);
  });
});

describe('unpackFields', () => {
  it('unpacks a tuple into typed nodes', async () => {
    const pair = analysed(
      unpackFields('x', 'y')((n: number): [number, string] => [n * 2, `n=${n}`]),
      {
        name: 'pair',
        params: 'n: number',
        returnType: '[number, string]',
      },
    );
    const dr = driverOf({ pair });
    expect(edgesOf(dr)).toEqual(['pair <- n', 'x <- pair', 'y <- pair']);
    expect(nodesOf(dr).get('y')?.type).toBe('string');
    expect(await dr.execute(['x', 'y'], { inputs: { n: 2 } })).toEqual({ x: 4, y: 'n=2' });
  });

  it('refuses more fields than the tuple has, and non-tuple types', () => {
    const short = analysed(
      unpackFields('x', 'y', 'z')((): [number, number] => [1, 2]),
      { name: 'short', returnType: '[number, number]' },
    );
    expect(() => driverOf({ short })).toThrow(
      'Number of unpacked fields (3) is greater than the number of fields in the output type (2): [number, number]',
    );
    const scalar = analysed(
      unpackFields('x')(() => 1),
      { name: 'scalar', returnType: 'number' },
    );
    expect(() => driverOf({ scalar })).toThrow(
      /For unpacking fields, the decorated function output type must be/,
    );
  });

  it('fails at run time when an array result is too short', async () => {
    const many = analysed(
      unpackFields('a', 'b')((): number[] => [1]),
      { name: 'many', returnType: 'number[]' },
    );
    await expect(driverOf({ many }).execute(['b'])).rejects.toThrow(
      'Out of bounds field: 1 produced by many. It only produced [1] fields.',
    );
  });
});
