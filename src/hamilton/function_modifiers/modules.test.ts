import { describe, expect, it } from 'vitest';
import { Driver } from '../driver';
import { DataFrame, Series } from '../../frame';
import * as pipelines from './fixtures/pipelines';
import { edgesOf, nodesOf } from './testing';

const survey_data = DataFrame.fromColumns({
  client_id: [1, 2, 3],
  budget: [500, 2000, 1500],
  age: [20, 40, 60],
});

describe('decorators on an analysed module', () => {
  it('builds the nodes Hamilton builds, with names from the source as written', () => {
    const dr = new Driver({ mode: 'batch' }, pipelines);
    expect(dr.warnings).toEqual([]);
    expect(edgesOf(dr)).toEqual([
      'age_mean <- age',
      'client_count <- client_id',
      'shifted_mean.with_double <- age_mean',
      'shifted_mean.with_add <- shifted_mean.with_double',
      'shifted_mean_range_validator <- shifted_mean_raw',
      'shifted_mean_raw <- shifted_mean.with_add',
      'shifted_mean <- shifted_mean_raw, shifted_mean_range_validator',
      'is_high_roller <- budget',
      'is_big_spender <- budget, big_threshold',
      'survey_results <- survey_data',
      'client_id <- survey_results',
      'budget <- survey_results',
      'age <- survey_results',
      'total <- client_count, age_mean',
    ]);
    const nodes = nodesOf(dr);
    expect(nodes.get('is_big_spender')?.documentation).toBe('is_big_spender: budget above big_threshold.');
    expect(nodes.get('shifted_mean')?.tags).toEqual({ module: 'pipelines', owner: 'ds' });
    expect(nodes.get('age_mean')?.tags['hamilton.config']).toBe('mode');
  });

  it('computes in batch mode', async () => {
    const out = await new Driver({ mode: 'batch' }, pipelines).execute(
      ['shifted_mean', 'is_big_spender', 'total'],
      {
        inputs: { survey_data, big_threshold: 1800 },
      },
    );
    expect(out.shifted_mean).toBe(81);
    expect((out.is_big_spender as Series<boolean>).toArray()).toEqual([false, true, false]);
    expect(out.total).toBe(43);
  });

  it('computes in streaming mode, where the mean comes from the lookup and the .when step is skipped', async () => {
    const dr = new Driver({ mode: 'streaming' }, pipelines);
    expect(nodesOf(dr).has('shifted_mean.with_add')).toBe(false);
    const out = await dr.execute(['shifted_mean'], { inputs: { aggregation_stats: { age_mean: 10 } } });
    expect(out.shifted_mean).toBe(20);
  });
});
