import { afterEach, describe, expect, it, vi } from 'vitest';
import { Series } from '../../frame';
import {
  checkOutput,
  checkOutputCustom,
  DataValidationError,
  type DataQualityResult,
  type DataValidator,
} from './check_output';
import { extractColumns } from './extract';
import { tag } from './tags';
import { analysed, driverOf, edgesOf, nodesOf } from './testing';

afterEach(() => vi.restoreAllMocks());

const normalized = (options: Parameters<typeof checkOutput>[0]) =>
  analysed(
    checkOutput(options)((age: Series<number>) => age.sub(40).div(10)),
    {
      name: 'age_normalized',
      params: 'age: Series<number>',
      returnType: 'Series<number>',
    },
  );

describe('checkOutput', () => {
  it('makes X_raw, one X_<name>_validator per validator, and the final X', () => {
    const dr = driverOf({ age_normalized: normalized({ range: [-5, 5], allowNans: false }) });
    expect(edgesOf(dr)).toEqual([
      'age_normalized_range_validator <- age_normalized_raw',
      'age_normalized_allow_nans_validator <- age_normalized_raw',
      'age_normalized <- age_normalized_raw, age_normalized_range_validator, age_normalized_allow_nans_validator',
      'age_normalized_raw <- age',
    ]);
    const v = nodesOf(dr).get('age_normalized_range_validator');
    expect(v?.tags).toMatchObject({
      'hamilton.data_quality.contains_dq_results': 'true',
      'hamilton.data_quality.source_node': 'age_normalized',
      module: 'features',
    });
    expect(v?.documentation).toBe('Validates that the datapoint falls within the range (-5, 5)');
  });

  it('returns the raw value and gives validator nodes a result adapters can read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dr = driverOf({ age_normalized: normalized({ range: [-5, 5], allowNans: false }) });
    const out = await dr.execute(
      ['age_normalized', 'age_normalized_range_validator', 'age_normalized_allow_nans_validator'],
      {
        inputs: { age: Series.from([30, 50, NaN]) },
      },
    );
    expect((out.age_normalized as Series<number>).toArray()).toEqual([-1, 1, NaN]);
    expect(out.age_normalized_range_validator).toEqual<DataQualityResult>({
      passes: false,
      message: 'Series contains 2 values in range (-5,5), and 1 outside.',
      diagnostics: { range: [-5, 5], in_range: 2, out_range: 1, data_size: 3 },
      importance: 'warn',
      validator: 'range_validator',
      node: 'age_normalized',
    });
    expect((out.age_normalized_allow_nans_validator as DataQualityResult).message).toBe(
      'Out of 3 items in the series, 1 of them are Nan, representing: 33.33%. Max allowable Nans is: 0.00%, so this does not pass.',
    );
  });

  it('counts both bounds of a range as inside it, and nothing past them', async () => {
    const dr = driverOf({ age_normalized: normalized({ range: [-1, 1] }) });
    const series = await dr.execute(['age_normalized_range_validator'], {
      inputs: { age: Series.from([30, 50, 29.99, 50.01]) },
    });
    expect(series.age_normalized_range_validator).toMatchObject({
      passes: false,
      diagnostics: { in_range: 2, out_range: 2, data_size: 4 },
    });
    const point = (age: number) =>
      driverOf({
        level: analysed(
          checkOutput({ range: [0, 10] })((age: number) => age),
          {
            name: 'level',
            params: 'age: number',
            returnType: 'number',
          },
        ),
      })
        .execute(['level_range_validator'], { inputs: { age } })
        .then((out) => (out.level_range_validator as DataQualityResult).passes);
    expect(await Promise.all([0, 10, -0.001, 10.001].map(point))).toEqual([true, true, false, false]);
  });

  it("warns with Hamilton's message by default", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dr = driverOf({ age_normalized: normalized({ range: [-1, 1] }) });
    await dr.execute(['age_normalized'], { inputs: { age: Series.from([40, 90]) } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toBe(
      "[age_normalized:range_validator] validator failed. Message was: Series contains 1 values in range (-1,1), and 1 outside.. Diagnostic information is: {'range': (-1, 1), 'in_range': 1, 'out_range': 1, 'data_size': 2}.",
    );
  });

  it('throws DataValidationError with importance fail', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dr = driverOf({ age_normalized: normalized({ range: [-1, 1], importance: 'fail' }) });
    const run = dr.execute(['age_normalized'], { inputs: { age: Series.from([90]) } });
    await expect(run).rejects.toThrow('[age_normalized:range_validator] validator failed.');
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).failures.map((f) => f.validator)).toEqual(['range_validator']);
    await expect(
      dr.execute(['age_normalized'], { inputs: { age: Series.from([45]) } }),
    ).resolves.toBeDefined();
  });

  it('checks scalars with the primitive validators', async () => {
    const age_mean = analysed(
      checkOutput({ range: [0, 100], dataType: 'number', valuesIn: [40, 41] })((x: number) => x),
      {
        name: 'age_mean',
        params: 'x: number',
        returnType: 'number',
      },
    );
    const out = await driverOf({ age_mean }).execute(
      ['age_mean_range_validator', 'age_mean_data_type_validator', 'age_mean_values_in_validator'],
      {
        inputs: { x: 40 },
      },
    );
    expect((out.age_mean_range_validator as DataQualityResult).message).toBe(
      'Data point 40 falls within acceptable range: (0, 100)',
    );
    expect((out.age_mean_data_type_validator as DataQualityResult).message).toBe(
      'Requires data type: number. Got data type: number. This is a match.',
    );
    expect((out.age_mean_values_in_validator as DataQualityResult).passes).toBe(true);
  });

  it('checks column mean, dtype, values and allowNone', async () => {
    const col = analysed(
      checkOutput({
        meanInRange: [0, 10],
        dataType: 'string',
        valuesIn: ['a'],
        allowNone: false,
        maxFractionNans: 0.5,
      })((s: Series<number>) => s),
      { name: 'col', params: 's: Series<number>', returnType: 'Series<number>' },
    );
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const out = await driverOf({ col }).execute(
      [
        'col_mean_in_range_validator',
        'col_data_type_validator',
        'col_values_in_validator',
        'col_allow_none_validator',
        'col_max_fraction_nans_validator',
      ],
      { inputs: { s: Series.from([1, 2, NaN]) } },
    );
    const r = (k: string) => out[k] as DataQualityResult;
    expect(r('col_mean_in_range_validator').message).toBe(
      'Dataset has mean: 1.5. This is  in the required range: [0, 10].',
    );
    expect(r('col_data_type_validator').message).toBe(
      'Requires subclass of datatype: string. Got datatype: number. This is not a match.',
    );
    expect(r('col_values_in_validator').message).toBe(
      "Series contains 1 correct values, and 2 incorrect values. Valid values are: {'a'}.",
    );
    expect(r('col_allow_none_validator').passes).toBe(true);
    expect(r('col_max_fraction_nans_validator').passes).toBe(true);
  });

  it('refuses a column-only validator on a scalar type, naming the function', () => {
    const bad = analysed(
      checkOutput({ meanInRange: [0, 1] })(() => 1),
      { name: 'bad', returnType: 'number', line: 3 },
    );
    expect(() => driverOf({ bad })).toThrow(
      /Could not resolve validators for @check_output for function \[bad\].*No registered subclass of BaseDefaultValidator is available for arg: mean_in_range and type number/s,
    );
  });

  it('refuses column validators on a whole frame, but allows allowNone', () => {
    const frame = analysed(
      checkOutput({ range: [0, 1] })(() => ({})),
      { name: 'frame', returnType: 'DataFrame<Survey>' },
    );
    expect(() => driverOf({ frame })).toThrow(/arg: range and type DataFrame<Survey>/);
    const some = analysed(
      checkOutput({ allowNone: false })(() => ({})),
      { name: 'some', returnType: 'DataFrame<Survey>' },
    );
    expect(edgesOf(driverOf({ some }))).toEqual([
      'some_allow_none_validator <- some_raw',
      'some <- some_raw, some_allow_none_validator',
      'some_raw <- ',
    ]);
  });

  it('refuses allowNans: true and an out-of-range maxFractionNans', () => {
    const yes = analysed(
      checkOutput({ allowNans: true })((s: Series<number>) => s),
      { name: 'yes', params: 's', returnType: 'Series<number>' },
    );
    expect(() => driverOf({ yes })).toThrow('Only allowed to block Nans with this validator.');
    const over = analysed(
      checkOutput({ maxFractionNans: 2 })((s: Series<number>) => s),
      { name: 'over', params: 's', returnType: 'Series<number>' },
    );
    expect(() => driverOf({ over })).toThrow('Maximum fraction allowed to be nan must be in range [0,1]');
  });

  it('applies to extracted columns (the final nodes), not to the frame', () => {
    const df = analysed(checkOutput({ range: [0, 10] })(extractColumns('a')(() => ({ a: [1] }))), {
      name: 'df',
    });
    expect(edgesOf(driverOf({ df }))).toEqual([
      'df <- ',
      'a_range_validator <- a_raw',
      'a <- a_raw, a_range_validator',
      'a_raw <- df',
    ]);
  });

  it('lets tags land on the final node only', () => {
    const f = analysed(tag({ owner: 'ds' })(checkOutput({ range: [0, 1] })((x: number) => x)), {
      name: 'f',
      params: 'x',
      returnType: 'number',
    });
    const nodes = nodesOf(driverOf({ f }));
    expect(nodes.get('f')?.tags.owner).toBe('ds');
    expect(nodes.get('f_raw')?.tags.owner).toBeUndefined();
  });
});

describe('checkOutputCustom', () => {
  const even: DataValidator = {
    name: 'even_validator',
    importance: 'fail',
    description: 'Checks that the value is even',
    validate: (x) => ({
      passes: (x as number) % 2 === 0,
      message: `${String(x)} is ${(x as number) % 2 === 0 ? '' : 'not '}even`,
    }),
  };

  it('runs user validators and numbers repeated names', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const f = analysed(
      checkOutputCustom(even, even)((x: number) => x),
      { name: 'f', params: 'x: number', returnType: 'number' },
    );
    const dr = driverOf({ f });
    expect(edgesOf(dr)).toEqual([
      'f_even_validator <- f_raw',
      'f_even_validator_1 <- f_raw',
      'f <- f_raw, f_even_validator, f_even_validator_1',
      'f_raw <- x',
    ]);
    expect(await dr.execute(['f'], { inputs: { x: 2 } })).toEqual({ f: 2 });
    await expect(dr.execute(['f'], { inputs: { x: 3 } })).rejects.toThrow(
      '[f:even_validator] validator failed. Message was: 3 is not even.',
    );
  });
});
