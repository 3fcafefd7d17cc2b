/**
 * The Examples menu: each example is a real project of TypeScript modules in this folder (type-checked
 * and unit-tested like any code), offered to the playground as a {@link Workspace} of their texts.
 * Examples that tell the talk's e-commerce story in another light reuse its files, so the map features
 * really are written once.
 */
import { WORKSPACE_VERSION, type Workspace } from '../share/workspace';
import type { Json } from '../worker/protocol';
import helloFunctions from './hello/functions.ts?raw';
import ecommerceLoadData from './ecommerce/load_data.ts?raw';
import ecommerceFeatures from './ecommerce/features.ts?raw';
import ecommerceDataSets from './ecommerce/data_sets.ts?raw';
import streamingLoadData from './streaming/load_data.ts?raw';
import streamingClient from './streaming/client.ts?raw';
import streamingFeatures from './streaming/features.ts?raw';
import lineageLoadData from './lineage/load_data.ts?raw';
import lineageFeatures from './lineage/features.ts?raw';
import lineageDataSets from './lineage/data_sets.ts?raw';
import qualityFeatures from './quality/features.ts?raw';
import decoratorsSegments from './decorators/segments.ts?raw';
import decoratorsBudget from './decorators/budget.ts?raw';
import decoratorsSummaries from './decorators/summaries.ts?raw';
import materializeReport from './materialize/report.ts?raw';

/** An entry of the Examples menu. */
export interface Example {
  /** Stable id, used in URLs (`?example=ecommerce`) and tests. */
  readonly id: string;
  readonly title: string;
  /** One sentence: what it shows. */
  readonly summary: string;
  readonly workspace: Workspace;
}

/** The talk's e-commerce data sets, served from public/data (made by scripts/make-example-data.ts). */
export const ECOMMERCE_TABLES = {
  survey_data: 'data/survey_results.csv',
  login_data: 'data/login_data.csv',
} as const;

/** The "now" the e-commerce examples run at, so their results never change. */
export const EXECUTION_TIME = '2024-06-01T00:00:00.000Z';

/** Three survey events, as a stream would deliver them (client 7 never logged in). */
export const SURVEY_RECORDS = [
  { client_id: 2, budget: 2043, age: 56, gender: 'female' },
  { client_id: 5, budget: 233, age: 33, gender: 'male' },
  { client_id: 7, budget: 315, age: 65, gender: 'female' },
] as const satisfies Json;

function workspace(
  files: Record<string, string>,
  fields: Partial<Pick<Workspace, 'activeFile' | 'inputs' | 'config' | 'outputs' | 'tables'>>,
): Workspace {
  const list = Object.entries(files).map(([name, code]) => ({ name, code }));
  return {
    version: WORKSPACE_VERSION,
    files: list,
    activeFile: fields.activeFile ?? list[0].name,
    inputs: fields.inputs ?? {},
    config: fields.config ?? {},
    outputs: fields.outputs ?? [],
    tables: fields.tables ?? {},
  };
}

const ecommerceRun = {
  inputs: { execution_time: EXECUTION_TIME },
  outputs: ['feature_set_v1'],
  tables: ECOMMERCE_TABLES,
};

/** Every example, in menu order; the first is the playground's default. */
export const examples: readonly Example[] = [
  {
    id: 'hello',
    title: 'Hello world',
    summary: 'One function is one node; its parameters are its dependencies.',
    workspace: workspace(
      { 'functions.ts': helloFunctions },
      { inputs: { input: [1, 2, 3, 4, 5] }, outputs: ['a', 'b', 'c', 'd'] },
    ),
  },
  {
    id: 'ecommerce',
    title: 'E-commerce features (batch)',
    summary: 'The talk’s features: map functions, a join and aggregations into feature_set_v1.',
    workspace: workspace(
      {
        'load_data.ts': ecommerceLoadData,
        'features.ts': ecommerceFeatures,
        'data_sets.ts': ecommerceDataSets,
      },
      { ...ecommerceRun, activeFile: 'features.ts' },
    ),
  },
  {
    id: 'streaming',
    title: 'Batch, streaming and online',
    summary: 'config.when swaps the loaders, the join and the aggregations; the map features stay the same.',
    workspace: workspace(
      {
        'load_data.ts': streamingLoadData,
        'features.ts': streamingFeatures,
        'client.ts': streamingClient,
        'data_sets.ts': ecommerceDataSets,
      },
      {
        ...ecommerceRun,
        activeFile: 'features.ts',
        inputs: { execution_time: EXECUTION_TIME, survey_records: SURVEY_RECORDS },
        config: { mode: 'streaming' },
      },
    ),
  },
  {
    id: 'lineage',
    title: 'Lineage as code',
    summary: 'tag owners, PII and sources, then ask the catalog who owns what and where age is used.',
    workspace: workspace(
      { 'load_data.ts': lineageLoadData, 'features.ts': lineageFeatures, 'data_sets.ts': lineageDataSets },
      {
        ...ecommerceRun,
        tables: { survey_data: ECOMMERCE_TABLES.survey_data, login_table: ECOMMERCE_TABLES.login_data },
      },
    ),
  },
  {
    id: 'quality',
    title: 'Data quality',
    summary: 'checkOutput validates features at run time: one warns, the others would fail the run.',
    workspace: workspace(
      {
        'load_data.ts': ecommerceLoadData,
        'features.ts': qualityFeatures,
        'data_sets.ts': ecommerceDataSets,
      },
      { ...ecommerceRun, activeFile: 'features.ts' },
    ),
  },
  {
    id: 'decorators',
    title: 'Decorators at work',
    summary: 'parameterize, extractColumns, pipeInput and subdag in small, realistic uses.',
    workspace: workspace(
      {
        'load_data.ts': ecommerceLoadData,
        'segments.ts': decoratorsSegments,
        'budget.ts': decoratorsBudget,
        'summaries.ts': decoratorsSummaries,
      },
      {
        activeFile: 'segments.ts',
        outputs: ['is_young', 'is_middle_aged', 'is_senior', 'budget_clean', 'budget_summary', 'age_summary'],
        tables: { survey_data: ECOMMERCE_TABLES.survey_data },
      },
    ),
  },
  {
    id: 'materialize',
    title: 'Load and save files',
    summary: 'loadFrom.csv reads a workspace file, saveTo.csv writes one: download it from Results.',
    workspace: workspace(
      { 'report.ts': materializeReport },
      {
        outputs: ['budget_by_gender', 'save_budget_by_gender', 'budget_per_year'],
        tables: { survey_data: ECOMMERCE_TABLES.survey_data },
      },
    ),
  },
];

/** The example with this id, if any. */
export function exampleById(id: string): Example | undefined {
  return examples.find((e) => e.id === id);
}

/** The playground's default workspace: the hello world. */
export const defaultExample: Example = examples[0];
