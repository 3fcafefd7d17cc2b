/**
 * Each example's modules, run through the Driver in Node (the Vite analysis plugin analyses them on
 * import), with the inputs, tables, config and outputs its workspace gives the playground.
 */
import { describe, expect, it } from 'vitest';
import { Driver, type HamiltonModule } from 'hamilton';
import { DataFrame, Series } from 'hamilton/frame';
import { examples, exampleById, EXECUTION_TIME, SURVEY_RECORDS } from '.';
import { runInputs, readTable } from './testing';
import * as hello from './hello/functions';
import * as loadData from './ecommerce/load_data';
import * as features from './ecommerce/features';
import * as dataSets from './ecommerce/data_sets';
import * as streamingLoad from './streaming/load_data';
import * as streamingFeatures from './streaming/features';
import * as streamingClient from './streaming/client';
import * as lineageLoad from './lineage/load_data';
import * as lineageFeatures from './lineage/features';
import * as lineageDataSets from './lineage/data_sets';
import * as qualityFeatures from './quality/features';
import * as segments from './decorators/segments';
import * as budget from './decorators/budget';
import * as summaries from './decorators/summaries';
import * as report from './materialize/report';
import { MemoryFileSystem, useFileSystem } from 'hamilton';
import { readFileSync } from 'node:fs';

const survey = readTable('data/survey_results.csv');
const logins = readTable('data/login_data.csv');
const ages = survey.column('age') as Series<number>;
const budgets = survey.column('budget') as Series<number>;

/** Runs an example's workspace with the given modules (its files, in order). */
async function run(id: string, modules: HamiltonModule[], config?: Record<string, unknown>) {
  const workspace = exampleById(id)!.workspace;
  const dr = new Driver({ ...workspace.config, ...config }, ...modules);
  return { dr, out: await dr.execute(workspace.outputs, { inputs: runInputs(workspace) }) };
}

const numbers = (value: unknown) => Array.from((value as Series<number>).toArray());

describe('example workspaces', () => {
  it('each names its files, an existing active file and a table path that exists', () => {
    for (const { workspace, id } of examples) {
      expect(
        workspace.files.map((f) => f.name),
        id,
      ).toContain(workspace.activeFile);
      for (const path of Object.values(workspace.tables)) expect(() => readTable(path)).not.toThrow();
    }
  });
});

describe('hello world', () => {
  it('computes the talk’s a, b, c, d on 1..5', async () => {
    const { out } = await run('hello', [hello]);
    expect(numbers(out.a)).toEqual([1, 2, 3, 4, 5]);
    expect(numbers(out.b)).toEqual([2, 4, 6, 8, 10]);
    expect(numbers(out.c)).toEqual([7, 14, 21, 28, 35]);
    expect(numbers(out.d)).toEqual([343, 2744, 9261, 21952, 42875]);
  });
});

describe('e-commerce batch', () => {
  it('computes feature_set_v1 from the survey and login tables', async () => {
    const { out } = await run('ecommerce', [loadData, features, dataSets]);
    const fs = out.feature_set_v1 as DataFrame;
    expect(fs.columnNames).toEqual([
      'age_normalized',
      'is_high_roller',
      'is_male',
      'is_female',
      'time_since_last_login',
    ]);
    expect(fs.length).toBe(300);
    const genders = survey.column('gender').toArray();
    expect(fs.column('is_male').toArray()).toEqual(genders.map((g) => g === 'male'));
    expect(fs.column('is_female').toArray()).toEqual(genders.map((g) => g === 'female'));
    expect(fs.column('is_high_roller').toArray()).toEqual(numbers(budgets).map((b) => b > 1000));
    // pandas' mean and sample std, computed here by hand.
    const a = numbers(ages);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const std = Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / (a.length - 1));
    numbers(fs.column('age_normalized')).forEach((v, i) => expect(v).toBeCloseTo((a[i] - mean) / std, 12));
  });

  it('joins logins by client id, keeping survey order, with no login as missing', async () => {
    const { dr } = await run('ecommerce', [loadData, features, dataSets]);
    const inputs = runInputs(exampleById('ecommerce')!.workspace);
    const { time_since_last_login } = await dr.execute(['time_since_last_login'], { inputs });
    const lastLogin = new Map(
      (logins.toRecords() as { client_id: number; last_login: Date }[]).map((r) => [
        r.client_id,
        r.last_login.getTime(),
      ]),
    );
    const now = Date.parse(EXECUTION_TIME);
    const ids = numbers(survey.column('client_id'));
    const days = numbers(time_since_last_login);
    ids.forEach((id, i) => {
      const login = lastLogin.get(id);
      if (login === undefined) expect(days[i]).toBeNaN();
      else expect(days[i]).toBeCloseTo((now - login) / 86_400_000, 9);
    });
    expect(days.filter(Number.isNaN)).toHaveLength(5);
  });
});

describe('streaming / online', () => {
  const modules = [streamingLoad, streamingFeatures, streamingClient, dataSets];

  it('gives the batch example’s results in batch mode', async () => {
    const batch = (await run('ecommerce', [loadData, features, dataSets])).out.feature_set_v1 as DataFrame;
    const { out } = await run('streaming', modules, { mode: 'batch' });
    expect((out.feature_set_v1 as DataFrame).toColumns()).toEqual(batch.toColumns());
  });

  it('computes the same features for streamed records from the feature store', async () => {
    const { dr, out } = await run('streaming', modules, { mode: 'streaming' });
    const fs = out.feature_set_v1 as DataFrame;
    expect(fs.length).toBe(SURVEY_RECORDS.length);
    expect(fs.column('is_male').toArray()).toEqual([false, true, false]);
    expect(fs.column('is_high_roller').toArray()).toEqual([true, false, false]);
    const days = numbers(fs.column('time_since_last_login'));
    expect(days[0]).toBeCloseTo(11 + 16 / 24, 9);
    expect(days[1]).toBeCloseTo(0.5, 9);
    expect(days[2]).toBeNaN();
    // Normalized with the aggregations stored from training, not the three records' own.
    expect(numbers(fs.column('age_normalized'))).toEqual(SURVEY_RECORDS.map((r) => (r.age - 44.98) / 16.63));
    const ageMean = dr.listAvailableVariables().find((v) => v.name === 'age_mean')!;
    expect(ageMean.requiredDependencies).toEqual(['client']);
  });

  it('stores the aggregations the batch run computes (to two decimals)', async () => {
    const { dr } = await run('streaming', modules, { mode: 'batch' });
    const inputs = runInputs(exampleById('streaming')!.workspace);
    const { age_mean, age_stddev } = await dr.execute(['age_mean', 'age_stddev'], { inputs });
    expect(age_mean).toBeCloseTo(44.98, 2);
    expect(age_stddev).toBeCloseTo(16.63, 2);
  });
});

describe('lineage', () => {
  const modules = [lineageLoad, lineageFeatures, lineageDataSets];

  it('runs, and answers the catalog questions from tags', async () => {
    const { dr, out } = await run('lineage', modules);
    expect((out.feature_set_v1 as DataFrame).length).toBe(300);
    const byName = (vs: { name: string }[]) => vs.map((v) => v.name).sort();
    // Who owns age_normalized?
    expect(dr.listAvailableVariables().find((v) => v.name === 'age_normalized')!.tags.owner).toBe(
      'data-science',
    );
    // Where is age used?
    expect(byName(dr.whatIsDownstreamOf('age'))).toEqual([
      'age',
      'age_mean',
      'age_normalized',
      'age_stddev',
      'feature_set_v1',
    ]);
    // What sources does the feature set come from?
    const upstream = dr.whatIsUpstreamOf('feature_set_v1');
    expect([...new Set(upstream.map((v) => v.tags.source).filter(Boolean))].sort()).toEqual([
      'prod.logins',
      'prod.surveys',
    ]);
    // Which PII flows into it?
    expect(byName(upstream.filter((v) => v.tags.pii === 'true'))).toEqual(['age', 'client_id', 'gender']);
    expect(byName(dr.listAvailableVariables({ tagFilter: { pii: 'true' } }))).toEqual([
      'age',
      'client_id',
      'gender',
    ]);
  });
});

describe('data quality', () => {
  const modules = [loadData, qualityFeatures, dataSets];

  it('runs, warning about clients who never logged in', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const { out } = await run('quality', modules);
      expect((out.feature_set_v1 as DataFrame).length).toBe(300);
    } finally {
      console.warn = original;
    }
    expect(warnings.join('\n')).toMatch(/time_since_last_login:allow_nans_validator/);
  });

  it('makes the validators nodes of the graph', async () => {
    const { dr } = await run('quality', modules);
    const names = dr.listAvailableVariables().map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'age_normalized_raw',
        'age_normalized_range_validator',
        'is_high_roller_data_type_validator',
      ]),
    );
  });

  it('fails the run when a fail-level check fails', async () => {
    const { dr } = await run('quality', modules);
    const inputs = runInputs(exampleById('quality')!.workspace);
    await expect(dr.execute(['feature_set_v1'], { inputs, overrides: { age_stddev: 1 } })).rejects.toThrow(
      /age_normalized:range_validator/,
    );
  });
});

describe('decorators', () => {
  it('parameterizes, pipes and runs subdags', async () => {
    const { dr, out } = await run('decorators', [loadData, segments, budget, summaries]);
    const a = numbers(ages);
    expect((out.is_young as Series<boolean>).toArray()).toEqual(a.map((x) => x >= 18 && x < 30));
    expect((out.is_senior as Series<boolean>).toArray()).toEqual(a.map((x) => x >= 50 && x < 120));
    const clean = numbers(budgets).map((b) => Math.round(Math.min(b, 2000) / 50) * 50);
    expect(numbers(out.budget_clean)).toEqual(clean);
    expect(out.budget_summary).toEqual({
      mean: clean.reduce((s, x) => s + x, 0) / clean.length,
      spread: Math.max(...clean) - Math.min(...clean),
    });
    expect(out.age_summary).toEqual({ mean: ages.mean(), spread: Math.max(...a) - Math.min(...a) });
    const names = dr.listAvailableVariables().map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'budget_clean.with_cap',
        'budget_clean.with_round_to',
        'budget_summary.mean',
        'age_summary.values',
      ]),
    );
    expect(names).not.toContain('age_band');
    const doc = dr.listAvailableVariables().find((v) => v.name === 'is_young')!.documentation;
    expect(doc).toBe('Clients aged 18 to 30.');
  });
});

describe('load and save files', () => {
  it('reads survey_data.csv with loadFrom.csv and saves budget_by_gender.csv with saveTo.csv', async () => {
    const csv = readFileSync(new URL('../../public/data/survey_results.csv', import.meta.url), 'utf8');
    // The worker gives each table to loaders as the workspace file <table>.csv.
    const files = new MemoryFileSystem({ 'survey_data.csv': csv });
    useFileSystem(files);
    try {
      const workspace = exampleById('materialize')!.workspace;
      const dr = new Driver({}, report);
      const out = await dr.execute(workspace.outputs);
      const byGender = out.budget_by_gender as DataFrame;
      expect(byGender.columnNames).toEqual(['gender', 'clients', 'mean_budget', 'max_budget']);
      expect((byGender.column('clients') as Series<number>).sum()).toBe(survey.length);
      expect(files.savedFiles().map((f) => f.path)).toEqual(['budget_by_gender.csv']);
      expect(files.readText('budget_by_gender.csv').split('\n')[0]).toBe(
        'gender,clients,mean_budget,max_budget',
      );
      expect(out.save_budget_by_gender).toMatchObject({
        file_metadata: { path: 'budget_by_gender.csv' },
        dataframe_metadata: { rows: byGender.length, columns: 4 },
      });
      expect(dr.graph.nodes.has('survey.load_data.raw')).toBe(true);
    } finally {
      useFileSystem(undefined);
    }
  });
});
