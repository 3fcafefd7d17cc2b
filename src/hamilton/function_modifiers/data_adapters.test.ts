import { beforeEach, describe, expect, it } from 'vitest';
import { DataFrame } from '../../frame/dataframe';
import { MemoryFileSystem, useFileSystem } from '../io/files';
import { registerAdapter, type DataLoader } from '../io/data_adapters';
import { loadFrom, saveTo } from './data_adapters';
import { dataloader, datasaver } from './dataloader';
import { source, value } from './dependencies';
import { analysed, driverOf, edgesOf, nodesOf } from './testing';

let files: MemoryFileSystem;
beforeEach(() => {
  files = new MemoryFileSystem({
    'data/people.json': JSON.stringify({ ages: [25, 30, 42] }),
    'orders.csv': 'id,amount\n1,10\n2,32.5\n',
  });
  useFileSystem(files);
});

/** Loaders like Hamilton's test ones: constant data and metadata naming the loader. */
function constantLoader(name: string, type: string, data: unknown, key = 'test'): DataLoader {
  return {
    name: key,
    className: name,
    appliesTo: (t) => t === type,
    requiredArguments: {},
    optionalArguments: {},
    loadData: () => [data, { loader: name }],
  };
}

describe('loadFrom', () => {
  it('adds <fn>.load_data.<param> and <fn>.select_data.<param>, with the loader tags', () => {
    const fn = analysed(
      loadFrom.json({ path: 'data/people.json' })(function fn(data: Record<string, number[]>) {
        return data;
      }),
      { params: 'data: Record<string, number[]>', returnType: 'Record<string, number[]>' },
    );
    const dr = driverOf({ fn });
    const nodes = nodesOf(dr);
    expect([...nodes.keys()]).toEqual(['fn', 'fn.load_data.data', 'fn.select_data.data']);
    expect(edgesOf(dr)).toEqual([
      'fn <- fn.select_data.data',
      'fn.load_data.data <- ',
      'fn.select_data.data <- fn.load_data.data',
    ]);
    expect(nodes.get('fn.load_data.data')?.tags).toEqual({
      'hamilton.data_loader': 'true',
      'hamilton.data_loader.has_metadata': 'true',
      'hamilton.data_loader.source': 'json',
      'hamilton.data_loader.classname': 'JSONDataLoader',
      'hamilton.data_loader.node': 'data',
      module: 'features',
    });
    expect(nodes.get('fn.select_data.data')?.tags['hamilton.data_loader.has_metadata']).toBe('false');
  });

  it('loads the file and passes the data to the function (the path as a value or a source)', async () => {
    const mean_age = analysed(
      loadFrom.json({ path: source('test_data') })(function mean_age(data: { ages: number[] }): number {
        return data.ages.reduce((a, b) => a + b, 0) / data.ages.length;
      }),
      { params: 'data: { ages: number[] }', returnType: 'number' },
    );
    const dr = driverOf({ mean_age });
    const { mean_age: mean } = await dr.execute(['mean_age'], { inputs: { test_data: 'data/people.json' } });
    expect(mean).toBeCloseTo(32.33333, 4);
    const literal = analysed(
      loadFrom.json({ path: value('data/people.json') })(function literal(data: { ages: number[] }) {
        return data.ages.length;
      }),
      { params: 'data: { ages: number[] }', returnType: 'number' },
    );
    expect(driverOf({ literal }).executeSync(['literal'])).toEqual({ literal: 3 });
  });

  it('returns [data, metadata] from the load_data node, as Hamilton does (end to end, several loaders)', () => {
    registerAdapter(constantLoader('StringDataLoader', 'string', 'foo'));
    registerAdapter(constantLoader('IntDataLoader2', 'number', 2));
    const fn_str_inject = analysed(
      loadFrom.test({ inject_: 'injected_data_1' })(
        loadFrom.test({ inject_: 'injected_data_2' })(function fn_str_inject(
          injected_data_1: string,
          injected_data_2: number,
        ) {
          return injected_data_1.repeat(injected_data_2);
        }),
      ),
      { params: 'injected_data_1: string, injected_data_2: number', returnType: 'string' },
    );
    const dr = driverOf({ fn_str_inject });
    const result = dr.executeSync([...nodesOf(dr).keys()]);
    expect(result.fn_str_inject).toBe('foofoo');
    expect(result['fn_str_inject.load_data.injected_data_1']).toEqual([
      'foo',
      { loader: 'StringDataLoader' },
    ]);
    expect(result['fn_str_inject.load_data.injected_data_2']).toEqual([2, { loader: 'IntDataLoader2' }]);
  });

  it('counts nodes as Hamilton does: a source argument is a dependency; two loaders make five nodes', () => {
    const input_path = analysed(() => 'input.json', { name: 'input_path', returnType: 'string' });
    const fn = analysed(
      loadFrom.json({ path: source('input_path') })(function fn(data: Record<string, unknown>) {
        return data;
      }),
      { params: 'data: Record<string, unknown>' },
    );
    expect(driverOf({ input_path, fn }).graph.size).toBe(4);
    const two = analysed(
      loadFrom.json({ path: value('input_1.json'), inject_: 'data1' })(
        loadFrom.json({ path: value('input_2.json'), inject_: 'data2' })(function two(
          data1: Record<string, unknown>,
          data2: Record<string, unknown>,
        ) {
          return { ...data1, ...data2 };
        }),
      ),
      { params: 'data1: Record<string, unknown>, data2: Record<string, unknown>' },
    );
    expect(driverOf({ two }).graph.size).toBe(5);
  });

  it('reads a CSV file into a DataFrame', () => {
    const total = analysed(
      loadFrom.csv({ path: 'orders.csv' })(function total(orders: DataFrame<{ amount: number }>): number {
        return orders.column('amount').sum();
      }),
      { params: 'orders: DataFrame<{ amount: number }>', returnType: 'number' },
    );
    expect(driverOf({ total }).executeSync(['total'])).toEqual({ total: 42.5 });
  });

  it('takes the key’s adapter for a type named by an alias, and checks the value when saving', () => {
    const orders = analysed(
      loadFrom.csv({ path: 'orders.csv' })(function orders(raw: DataFrame) {
        return raw;
      }),
      { params: 'raw: Orders', returnType: 'Orders' },
    );
    const saved = analysed(
      saveTo.csv({ path: 'o.csv', outputName_: 'save_wrong' })(function wrong() {
        return { not: 'a frame' };
      }),
      { name: 'wrong', returnType: 'Summary' },
    );
    const dr = driverOf({ orders, wrong: saved });
    expect((dr.executeSync(['orders']).orders as DataFrame).length).toBe(2);
    expect(() => dr.executeSync(['save_wrong'])).toThrow('PandasCSVWriter saves a DataFrame, got object');
  });

  it("raises Hamilton's errors for a bad inject_, a missing parameter and a type no loader handles", () => {
    const two = (d1: Record<string, unknown>, d2: Record<string, unknown>) => ({ ...d1, ...d2 });
    const params = 'd1: Record<string, unknown>, d2: Record<string, unknown>';
    expect(() =>
      driverOf({
        two: analysed(
          loadFrom.json({ path: 'x.json' })(function two_fn(...a: unknown[]) {
            return a;
          }),
          { name: 'two', params },
        ),
      }),
    ).toThrow(
      'If you have multiple parameters in the signature, you must pass `inject_` to the load_from decorator for function: two',
    );
    expect(() =>
      driverOf({
        two: analysed(loadFrom.json({ path: 'x.json', inject_: 'zzz' })(two), { name: 'two', params }),
      }),
    ).toThrow('Invalid inject parameter: zzz for fn: two');
    expect(() =>
      driverOf({
        none: analysed(
          loadFrom.json({ path: 'x.json' })(() => 1),
          { name: 'none' },
        ),
      }),
    ).toThrow(
      'The function: none has no parameters. The data loader functionality injects the loaded data into the function, so you must have at least one parameter.',
    );
    expect(() =>
      driverOf({
        num: analysed(
          loadFrom.json({ path: 'x.json' })((n: number) => n),
          { name: 'num', params: 'n: number' },
        ),
      }),
    ).toThrow('No loader class found for type: number specified by parameter: n in function: num');
    expect(() =>
      driverOf({
        extra: analysed(
          loadFrom.json({ path: 'x.json', sep: ';' })((d: object) => d),
          { name: 'extra', params: 'd: object' },
        ),
      }),
    ).toThrow(
      "Extra parameters for loader: <class 'JSONDataLoader'> {'sep'}. Choices for parameters are: dict_keys(['path']).",
    );
    expect(() =>
      driverOf({
        missing: analysed(
          loadFrom.json({})((d: object) => d),
          { name: 'missing', params: 'd: object' },
        ),
      }),
    ).toThrow(
      "Missing required parameters for adapter : <class 'JSONDataLoader'>: {'path'}. Required parameters/types are: {'path': 'string'}. Optional parameters/types are: {}. ",
    );
  });

  it('names the registered loaders when a key has none', () => {
    expect(() => loadFrom.parquet).toThrow(
      /^No loader named: parquet available for load_from. Available loaders are: dict_keys\(\['json', 'file', 'csv'/,
    );
  });

  it('surfaces a missing file as FileNotFoundError', () => {
    const fn = analysed(
      loadFrom.json({ path: 'nope.json' })((d: object) => d),
      { name: 'fn', params: 'd: object' },
    );
    expect(() => driverOf({ fn }).executeSync(['fn'])).toThrow(
      "[Errno 2] No such file or directory: 'nope.json'",
    );
  });
});

describe('saveTo', () => {
  it('adds the saver node named by outputName_, reading the path from a source, and saves', () => {
    const output_path = analysed(() => 'output.json', { name: 'output_path', returnType: 'string' });
    const fn = analysed(
      saveTo.json({ path: source('output_path'), outputName_: 'save_fn' })(function fn() {
        return { a: 1 };
      }),
      { returnType: 'Record<string, number>' },
    );
    const dr = driverOf({ output_path, fn });
    expect(dr.graph.size).toBe(3);
    const save = nodesOf(dr).get('save_fn');
    expect(save?.dependencies.map((d) => d.name)).toEqual(['output_path', 'fn']);
    expect(save?.tags).toEqual({
      'hamilton.data_saver': 'true',
      'hamilton.data_saver.sink': 'json',
      'hamilton.data_saver.classname': 'JSONDataSaver',
      module: 'features',
    });
    const { save_fn } = dr.executeSync(['save_fn']) as {
      save_fn: { file_metadata: Record<string, unknown> };
    };
    expect(files.readText('output.json')).toBe('{"a":1}');
    expect(save_fn.file_metadata).toMatchObject({
      size: 7,
      path: 'output.json',
      scheme: '',
      notes: '',
      __version__: '1.0.0',
    });
  });

  it('names the saver save.<node> without outputName_, and saves target_ instead of the function when given', () => {
    const fn = analysed(
      saveTo.json({ path: 'o.json' })(function fn(data: object) {
        return data;
      }),
      {
        params: 'data: object',
        returnType: 'object',
      },
    );
    expect(edgesOf(driverOf({ fn }))).toEqual(['save.fn <- fn', 'fn <- data']);
    const targeted = analysed(
      saveTo.json({ path: 'o.json', outputName_: 'saved', target_: 'data' })(function targeted(data: object) {
        return data;
      }),
      { params: 'data: object', returnType: 'object' },
    );
    expect(edgesOf(driverOf({ targeted }))).toEqual(['saved <- data', 'targeted <- data']);
  });

  it('raises when no saver handles the output type', () => {
    const fn = analysed(
      saveTo.csv({ path: 'o.csv' })(function fn() {
        return 1;
      }),
      { returnType: 'number' },
    );
    expect(() => driverOf({ fn })).toThrow(
      'No saver class found for type: number specified by output type: number in node: fn generated by function: fn.',
    );
  });

  it('writes a DataFrame as CSV', () => {
    const df = analysed(
      saveTo.csv({ path: 'out.csv', outputName_: 'save_df' })(function df() {
        return DataFrame.fromColumns({ a: [1, 2], b: ['x', 'y'] });
      }),
      { returnType: 'DataFrame<{ a: number; b: string }>' },
    );
    const { save_df } = driverOf({ df }).executeSync(['save_df']) as { save_df: Record<string, unknown> };
    expect(files.readText('out.csv')).toBe('a,b\n1,x\n2,y\n');
    expect(save_df.dataframe_metadata).toEqual({
      __version__: '1.0.0',
      rows: 2,
      columns: 2,
      column_names: ['a', 'b'],
      datatypes: ['number', 'string'],
    });
    expect(files.savedFiles()).toEqual([{ path: 'out.csv', text: 'a,b\n1,x\n2,y\n' }]);
  });
});

describe('dataloader and datasaver', () => {
  const correct_dl_function = analysed(
    dataloader()(function correct_dl_function(foo: number): [number, Record<string, unknown>] {
      return [foo + 1, {}];
    }),
    { params: 'foo: number', returnType: '[number, Record<string, unknown>]' },
  );

  it('makes <fn>.loader and <fn>, with Hamilton’s tags', () => {
    const dr = driverOf({ correct_dl_function });
    const nodes = nodesOf(dr);
    expect([...nodes.keys()]).toEqual(['correct_dl_function.loader', 'correct_dl_function']);
    expect(nodes.get('correct_dl_function.loader')?.callable?.({ foo: 0 })).toEqual([1, {}]);
    expect(nodes.get('correct_dl_function.loader')?.tags).toEqual({
      'hamilton.data_loader': 'true',
      'hamilton.data_loader.classname': 'correct_dl_function()',
      'hamilton.data_loader.has_metadata': 'true',
      'hamilton.data_loader.node': 'correct_dl_function',
      'hamilton.data_loader.source': 'loader',
      module: 'features',
    });
    const select = nodes.get('correct_dl_function');
    expect(select?.type).toBe('number');
    expect(select?.callable?.({ 'correct_dl_function.loader': [1, {}] })).toBe(1);
    expect(select?.tags).toMatchObject({
      'hamilton.data_loader.has_metadata': 'false',
      'hamilton.data_loader.source': 'correct_dl_function',
    });
    expect(dr.executeSync(['correct_dl_function'], { inputs: { foo: 0 } })).toEqual({
      correct_dl_function: 1,
    });
  });

  it.each([
    ['unknown', 'Function: f must have a return annotation.'],
    ['number', 'Function: f must return a tuple.'],
    ['[number]', 'Function: f must return a tuple of length 2.'],
    ['[number, string]', 'Function: f must return a tuple of type (SOME_TYPE, dict).'],
    [
      '[number, Record<number, string>]',
      'Function: f must return a tuple of type (SOME_TYPE, dict[str, ...]). Instead got (SOME_TYPE, dict[number, ...]',
    ],
  ])('refuses a dataloader returning %s', (returnType, message) => {
    const f = analysed(
      dataloader()(function f() {
        return [1, {}];
      }),
      { returnType },
    );
    expect(() => driverOf({ f })).toThrow(message);
  });

  it('tags a datasaver and refuses one that does not return an object', () => {
    const correct_ds_function = analysed(
      datasaver()(function correct_ds_function(data: number): Record<string, unknown> {
        return { saved: data };
      }),
      { params: 'data: number', returnType: 'Record<string, unknown>' },
    );
    const node = nodesOf(driverOf({ correct_ds_function })).get('correct_ds_function');
    expect(node?.tags).toEqual({
      'hamilton.data_saver': 'true',
      'hamilton.data_saver.classname': 'correct_ds_function()',
      'hamilton.data_saver.sink': 'correct_ds_function',
      module: 'features',
    });
    const bad = analysed(
      datasaver()(function bad() {
        return 1;
      }),
      { returnType: 'number' },
    );
    expect(() => driverOf({ bad })).toThrow('Function: bad must return a dict.');
    const none = analysed(
      datasaver()(function none() {
        return {};
      }),
    );
    expect(() => driverOf({ none })).toThrow('Function: none must have a return annotation.');
  });
});
