/**
 * A module written with TS 5 decorators on static methods, imported straight through Vite: the analysis
 * plugin lowers the decorators with esbuild, because Vite's own transform cannot.
 */
import { Driver } from 'hamilton';
import { DataFrame } from 'hamilton/frame';
import { describe, expect, it } from 'vitest';
import * as features from '../hamilton/function_modifiers/fixtures/features_class';

const survey_data = DataFrame.fromColumns({
  client_id: [1, 2, 3],
  budget: [500, 2000, 1500],
  age: [20, 40, 60],
  gender: ['m', 'f', 'f'],
});

describe('decorated classes under Vite', () => {
  it('builds the graph from the decorated static methods, with names from the source', () => {
    const dr = new Driver({}, features);
    const names = dr.listAvailableVariables().map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining(['survey_results', 'age', 'age_mean', 'age_normalized', 'age_normalized_raw']),
    );
    const age = dr.listAvailableVariables().find((v) => v.name === 'age_normalized');
    expect(age?.tags).toMatchObject({ owner: 'data-science', pii: 'false', module: 'features_class' });
  });

  it('runs in batch and streaming mode', async () => {
    const batch = await new Driver({}, features).execute(['age_mean', 'is_high_roller'], {
      inputs: { survey_data },
    });
    expect(batch.age_mean).toBe(40);
    const streaming = await new Driver({ mode: 'streaming' }, features).execute(['age_mean'], {
      inputs: { survey_data, aggregation_stats: { age_mean: 33 } },
    });
    expect(streaming.age_mean).toBe(33);
  });
});
