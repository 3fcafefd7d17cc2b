import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFrame } from '../../frame/dataframe';
import { DataFrameResult } from '../../frame/result';
import { source, value } from '../function_modifiers/dependencies';
import { analysed, driverOf, edgesOf } from '../function_modifiers/testing';
import type { ResultBuilder } from '../results';
import { MemoryFileSystem, useFileSystem } from './files';
import { from, to } from './materialization';

/** Hamilton's test JoinBuilder: merges dict outputs, later ones first. */
class JoinBuilder implements ResultBuilder<Record<string, unknown>> {
  build(outputs: Readonly<Record<string, unknown>>) {
    return Object.assign({}, ...Object.values(outputs).reverse()) as Record<string, unknown>;
  }
  outputType() {
    return 'Record<string, unknown>';
  }
}

const json_to_save_1 = analysed(() => ({ a: 1, b: 2 }), {
  name: 'json_to_save_1',
  returnType: 'Record<string, number>',
});
const json_to_save_2 = analysed(() => ({ c: 3, d: 4 }), {
  name: 'json_to_save_2',
  returnType: 'Record<string, number>',
});
const processed_data = analysed(
  (input_data: Record<string, unknown>) => ({ ...input_data, processed: true }),
  {
    name: 'processed_data',
    params: 'input_data: Record<string, unknown>',
    returnType: 'Record<string, unknown>',
  },
);

let files: MemoryFileSystem;
beforeEach(() => {
  files = new MemoryFileSystem({ 'unprocessed_data.json': '{"processed":false}' });
  useFileSystem(files);
});
afterEach(() => useFileSystem(undefined));

describe('Driver.materialize', () => {
  it('saves each materializer and returns [metadata by id, additional vars] (Hamilton end to end)', async () => {
    const dr = driverOf({ json_to_save_1, json_to_save_2 });
    const [materialized, result] = await dr.materialize(
      to.json({ id: 'materializer_1', dependencies: ['json_to_save_1'], path: 'p1.json' }),
      to.json({
        id: 'materializer_2',
        dependencies: ['json_to_save_1', json_to_save_2],
        path: 'p2.json',
        combine: new JoinBuilder(),
      }),
      { additionalVars: ['json_to_save_1', 'json_to_save_2'] },
    );
    expect(result).toEqual({ json_to_save_1: { a: 1, b: 2 }, json_to_save_2: { c: 3, d: 4 } });
    expect(Object.keys(materialized)).toEqual(['materializer_1', 'materializer_2']);
    expect(materialized.materializer_1).toMatchObject({ file_metadata: { path: 'p1.json', size: 13 } });
    expect(JSON.parse(files.readText('p1.json'))).toEqual({ a: 1, b: 2 });
    expect(JSON.parse(files.readText('p2.json'))).toEqual({ a: 1, b: 2, c: 3, d: 4 });
  });

  it('loads a target with from.json and saves to a path given as a source input', () => {
    const dr = driverOf({ processed_data });
    const [materialized, result] = dr.materializeSync(
      from.json({ target: 'input_data', path: value('unprocessed_data.json') }),
      to.json({
        id: 'materializer',
        dependencies: ['processed_data'],
        path: source('output_path'),
        combine: new JoinBuilder(),
      }),
      { additionalVars: ['processed_data'], inputs: { output_path: 'processed_data.json' } },
    );
    expect(result.processed_data).toEqual({ processed: true });
    expect(Object.keys(materialized)).toEqual(['materializer']);
    expect(JSON.parse(files.readText('processed_data.json'))).toEqual({ processed: true });
  });

  it('adds <id>_build_result when combining, then <id>; loaders as load_data.<target> and <target>', () => {
    const dr = driverOf({ processed_data });
    const description = dr.visualizeMaterialization(
      from.json({ target: 'input_data', path: 'unprocessed_data.json' }),
      to.json({ id: 'saved', dependencies: ['processed_data'], path: 'o.json', combine: new JoinBuilder() }),
    );
    expect(description.nodes.map((n) => n.name)).toEqual(
      expect.arrayContaining([
        'load_data.input_data',
        'input_data',
        'processed_data',
        'saved_build_result',
        'saved',
      ]),
    );
    const edges = description.edges.map((e) => `${e.from}->${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'load_data.input_data->input_data',
        'input_data->processed_data',
        'processed_data->saved_build_result',
        'saved_build_result->saved',
      ]),
    );
    // the driver's own graph is unchanged
    expect(edgesOf(dr)).toEqual(['processed_data <- input_data']);
  });

  it('combines frames with DataFrameResult and writes CSV', async () => {
    const a = analysed(() => [1, 2, 3], { name: 'a', returnType: 'number[]' });
    const b = analysed(() => [4, 5, 6], { name: 'b', returnType: 'number[]' });
    const dr = driverOf({ a, b });
    const [materialized] = await dr.materialize(
      to.csv({ id: 'df_to_csv', dependencies: ['a', 'b'], combine: new DataFrameResult(), path: 'out.csv' }),
    );
    expect(files.readText('out.csv')).toBe('a,b\n1,4\n2,5\n3,6\n');
    expect(materialized.df_to_csv).toMatchObject({
      dataframe_metadata: { rows: 3, columns: 2, column_names: ['a', 'b'] },
    });
  });

  it("raises Hamilton's errors: nothing requested, unknown dependencies, several without combine, unknown target", async () => {
    const dr = driverOf({ json_to_save_1, json_to_save_2 });
    await expect(dr.materialize()).rejects.toThrow(
      'No output requested. Please either pass in materializers that will save data, or pass in `additional_vars` to compute.',
    );
    expect(() => dr.materializeSync(to.json({ id: 'm', dependencies: ['nope', 'zzz'], path: 'x' }))).toThrow(
      "Materializer m has dependencies that are not in the graph: ['nope', 'zzz'].",
    );
    expect(() =>
      dr.materializeSync(to.json({ id: 'm', dependencies: ['json_to_save_1', 'json_to_save_2'], path: 'x' })),
    ).toThrow(
      'Must specify result builder via combine= key word argument if the materializer has more than one dependency it is materializing. Otherwise we have no way to join them and know what to pass! See materializer m.',
    );
    expect(() =>
      dr.materializeSync(from.json({ target: 'zzz', path: 'x' }), { additionalVars: ['json_to_save_1'] }),
    ).toThrow('Could not find node with name: zzz in function graph. Available nodes: []');
    expect(() => to.parquet).toThrow(
      /^No data materializer named: parquet. Available materializers are: \['json', 'file', 'csv'/,
    );
  });

  it('validateMaterialization reports missing inputs of the modified graph without running', () => {
    const dr = driverOf({ processed_data });
    expect(() =>
      dr.validateMaterialization(
        to.json({ id: 'm', dependencies: ['processed_data'], path: source('output_path') }),
      ),
    ).toThrow(/Required input (input_data|output_path) not provided/);
    expect(() =>
      dr.validateMaterialization(
        from.json({ target: 'input_data', path: 'unprocessed_data.json' }),
        to.json({ id: 'm', dependencies: ['processed_data'], path: 'o.json' }),
      ),
    ).not.toThrow();
    expect(files.savedFiles()).toEqual([]);
  });

  it('reads and writes real files in Node', async () => {
    useFileSystem(undefined);
    const dir = mkdtempSync(join(tmpdir(), 'materialize-'));
    writeFileSync(join(dir, 'in.csv'), 'x\n1\n2\n');
    const doubled = analysed(
      (raw: DataFrame<{ x: number }>) => DataFrame.fromColumns({ x: raw.column('x').mul(2) }),
      {
        name: 'doubled',
        params: 'raw: DataFrame<{ x: number }>',
        returnType: 'DataFrame<{ x: number }>',
      },
    );
    const dr = driverOf({ doubled });
    await dr.materialize(
      from.csv({ target: 'raw', path: join(dir, 'in.csv') }),
      to.csv({ id: 'save', dependencies: ['doubled'], path: join(dir, 'out.csv') }),
    );
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('x\n2\n4\n');
  });
});
