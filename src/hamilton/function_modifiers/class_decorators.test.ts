/**
 * Decorators on static methods of an exported class. vitest's own transform (Oxc) leaves TC39
 * decorators in place (it only lowers legacy ones) and Node cannot run them, so this compiles the
 * fixture the way the playground does: the analysis compiler plus esbuild, which lowers them.
 */
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleProject } from '../../compiler/bundle';
import type { DataQualityResult } from './check_output';
import { edgesOf, nodesOf } from './testing';

const { DataFrame } = frame;
const file = 'features_class.ts';
let module: object;
let Features: object;

beforeAll(async () => {
  (globalThis as Record<string, unknown>).__hamilton_runtime = { hamilton, 'hamilton/frame': frame };
  const code = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8');
  const bundled = await bundleProject(esbuild, [{ name: file, code }]);
  expect(bundled.diagnostics).toEqual([]);
  const url = `data:text/javascript;base64,${Buffer.from(bundled.code ?? '').toString('base64')}`;
  const modules = (
    (await import(/* @vite-ignore */ url)) as { default: Record<string, Record<string, object>> }
  ).default;
  module = modules[file];
  Features = modules[file].Features;
});

afterAll(() => {
  delete (globalThis as Record<string, unknown>).__hamilton_runtime;
});

const survey_data = () =>
  DataFrame.fromColumns({
    client_id: [1, 2, 3],
    budget: [500, 2000, 1500],
    age: [20, 40, 60],
    gender: ['m', 'f', 'f'],
  });

describe('decorators on static methods of an exported class', () => {
  it('keeps the methods callable as plain functions', () => {
    const f = Features as { is_high_roller(b: frame.Series<number>): frame.Series<boolean> };
    expect(f.is_high_roller(frame.Series.from([10, 2000])).toArray()).toEqual([false, true]);
  });

  it('makes the nodes Hamilton makes for the same module', () => {
    const dr = new hamilton.Driver({}, module);
    expect(edgesOf(dr)).toEqual([
      // functions in order of name, as Hamilton's inspect.getmembers lists a module
      'age_mean <- age',
      'age_normalized_range_validator <- age_normalized_raw',
      'age_normalized_allow_nans_validator <- age_normalized_raw',
      // tag moves the node it tags after the others, as Hamilton's NodeTransformer does
      'age_normalized_raw <- age, age_mean, age_stddev',
      'age_normalized <- age_normalized_raw, age_normalized_range_validator, age_normalized_allow_nans_validator',
      'age_stddev <- age',
      'is_high_roller <- budget',
      'survey_results <- survey_data',
      'budget <- survey_results',
      'age <- survey_results',
      'gender <- survey_results',
    ]);
    const nodes = nodesOf(dr);
    expect(nodes.get('age_normalized')?.tags).toEqual({
      module: 'features_class',
      owner: 'data-science',
      pii: 'false',
    });
    expect(nodes.get('age_normalized')?.documentation).toBe('Age, normalized.');
    expect(nodes.get('age_normalized')?.location).toMatchObject({ file, line: 37 });
  });

  it('computes the features, in batch and streaming modes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const batch = await new hamilton.Driver({}, module).execute(
      ['age_normalized', 'age_normalized_range_validator', 'is_high_roller'],
      {
        inputs: { survey_data: survey_data() },
      },
    );
    expect((batch.age_normalized as frame.Series<number>).toArray()).toEqual([-1, 0, 1]);
    expect((batch.age_normalized_range_validator as DataQualityResult).passes).toBe(true);
    expect((batch.is_high_roller as frame.Series<boolean>).toArray()).toEqual([false, true, true]);
    const streaming = await new hamilton.Driver({ mode: 'streaming' }, module).execute(['age_normalized'], {
      inputs: { survey_data: survey_data(), aggregation_stats: { age_mean: 30 } },
    });
    expect((streaming.age_normalized as frame.Series<number>).toArray()).toEqual([-0.5, 0.5, 1.5]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
