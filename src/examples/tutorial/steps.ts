/**
 * The tutorial: eleven steps from "one function is one node" through decorators, lineage and portability,
 * along the talk's e-commerce story, then parallel blocks. Each step starts from real files (often the previous step's
 * solution), has a solution (often one of the examples), and checks itself against the compiled graph
 * and the last run's results. Prose marks code with backticks; the panel renders those as code.
 */
import { WORKSPACE_VERSION, type Workspace } from '../../share/workspace';
import { ECOMMERCE_TABLES, EXECUTION_TIME, exampleById } from '..';
import type { ValuePreview } from '../../worker/protocol';
import {
  close,
  hasEdge,
  hasFunction,
  nodeOf,
  resultIs,
  scalarNumber,
  seriesValues,
  type CheckContext,
  type CheckItem,
} from './check';
import oneStart from './files/one_start.ts?raw';
import oneSolution from './files/one_solution.ts?raw';
import mapStart from './files/map_start.ts?raw';
import mapSolution from './files/map_solution.ts?raw';
import aggregateSolution from './files/aggregate_solution.ts?raw';
import streamingStart from './streaming_start/features.ts?raw';
import segmentsStart from './files/segments_start.ts?raw';
import parallelStart from './files/parallel_start.ts?raw';
import parallelSolution from './files/parallel_solution.ts?raw';

/** One step of the tutorial. */
export interface TutorialStep {
  /** Stable id (progress is saved by id). */
  readonly id: string;
  readonly title: string;
  /** Paragraphs of explanation. */
  readonly prose: readonly string[];
  /** What to do, in one sentence. */
  readonly goal: string;
  /** The files and run settings the step starts with (Reset). */
  readonly start: Workspace;
  /** A finished version (Show solution). */
  readonly solution: Workspace;
  /** What must hold for the step to be done. */
  check(ctx: CheckContext): CheckItem[];
}

const example = (id: string) => exampleById(id)!.workspace;
const file = (ws: Workspace, name: string) => ws.files.find((f) => f.name === name)!.code;

/** A workspace like `base`, with some files replaced or added (in base's order, new ones last). */
function withFiles(
  base: Workspace,
  files: Record<string, string>,
  fields: Partial<Workspace> = {},
): Workspace {
  const names = new Set(base.files.map((f) => f.name));
  const replaced = base.files.map((f) => ({ name: f.name, code: files[f.name] ?? f.code }));
  const added = Object.entries(files)
    .filter(([name]) => !names.has(name))
    .map(([name, code]) => ({ name, code }));
  return { ...base, files: [...replaced, ...added], ...fields };
}

const hello = example('hello');
const ecommerce = example('ecommerce');
const HIGH_ROLLERS = 98;

const one: Workspace = { ...hello, files: [{ name: 'functions.ts', code: oneStart }], outputs: [] };
const oneDone = withFiles(one, { 'functions.ts': oneSolution });
const dependenciesDone = withFiles(one, { 'functions.ts': file(hello, 'functions.ts') });
const surveyOnly = { survey_data: ECOMMERCE_TABLES.survey_data };
const mapBegin: Workspace = {
  version: WORKSPACE_VERSION,
  files: [
    { name: 'load_data.ts', code: file(ecommerce, 'load_data.ts') },
    { name: 'features.ts', code: mapStart },
  ],
  activeFile: 'features.ts',
  inputs: {},
  config: {},
  outputs: [],
  tables: surveyOnly,
};
const mapDone = withFiles(mapBegin, { 'features.ts': mapSolution });
const aggregateDone = withFiles(mapBegin, { 'features.ts': aggregateSolution });
/** Step 5 starts from step 4's solution, importing what a join needs. */
const joinStart = aggregateSolution.replace(
  "import type { Series } from 'hamilton/frame';",
  "import { DataFrame, Series } from 'hamilton/frame';\nimport type { Login } from './load_data';",
);
const joinBegin = {
  ...withFiles(aggregateDone, { 'features.ts': joinStart }),
  inputs: { execution_time: EXECUTION_TIME },
  tables: ECOMMERCE_TABLES,
};
const joinDone = withFiles(joinBegin, { 'features.ts': file(ecommerce, 'features.ts') });
const streaming = example('streaming');
const decorators = example('decorators');

const PAGES = ['docs/dataflows', 'docs/decorators', 'docs/lineage'];
const parallelBegin: Workspace = {
  version: WORKSPACE_VERSION,
  files: [{ name: 'pages.ts', code: parallelStart }],
  activeFile: 'pages.ts',
  inputs: { urls: PAGES },
  config: {},
  outputs: [],
  tables: {},
};
const parallelDone = withFiles(parallelBegin, { 'pages.ts': parallelSolution });
/** Words on the three pages: 12 + 5 + 11. */
const TOTAL_WORDS = 28;

const count = (values: unknown[] | undefined, value: unknown) => values?.filter((v) => v === value).length;
const isSeriesOf = (length: number) => (p: ValuePreview) => p.kind === 'series' && p.length === length;

/** The steps, in order. */
export const tutorialSteps: readonly TutorialStep[] = [
  {
    id: 'one-function',
    title: '1. One function is one node',
    prose: [
      'In Hamilton, every feature is exactly one function. The function’s name is the name of what it computes, and its parameters say what it needs.',
      'A parameter that no function produces is an input: here `input`, the list 1..5 (see Inputs & config).',
    ],
    goal: 'Write `a(input)`, returning the input modulo 7, and run it.',
    start: one,
    solution: oneDone,
    check: (ctx) => [
      hasFunction(ctx, 'a'),
      hasEdge(ctx, 'input', 'a'),
      resultIs(ctx, 'a', 'is [1, 2, 3, 4, 5]', (p) => JSON.stringify(seriesValues(p)) === '[1,2,3,4,5]'),
    ],
  },
  {
    id: 'dependencies',
    title: '2. Parameters are dependencies',
    prose: [
      'To use `a`, a function names a parameter `a`. Hamilton wires the graph from names alone: no registration, no order to keep.',
      'The talk’s hello world: `b = a * 2`, `c = a * 3 + b * 2`, `d = c ** 3`.',
    ],
    goal: 'Add `b`, `c` and `d`, then run: `d` is the sink, so it is what runs.',
    start: oneDone,
    solution: dependenciesDone,
    check: (ctx) => [
      hasEdge(ctx, 'a', 'b'),
      hasEdge(ctx, 'b', 'c'),
      hasEdge(ctx, 'c', 'd'),
      resultIs(
        ctx,
        'd',
        'is [343, 2744, 9261, 21952, 42875]',
        (p) => JSON.stringify(seriesValues(p)) === '[343,2744,9261,21952,42875]',
      ),
    ],
  },
  {
    id: 'map-features',
    title: '3. Map features',
    prose: [
      'Now the talk’s e-commerce scenario. `load_data.ts` reads the survey table and, with `extractColumns`, makes one node per column: `client_id`, `budget`, `age`, `gender`.',
      'Most features are map functions: column in, column out. Written once, they run in batch, streaming and online alike.',
    ],
    goal: 'Add `is_female` and `is_high_roller` (budget above 1000) beside `is_male`.',
    start: mapBegin,
    solution: mapDone,
    check: (ctx) => [
      hasEdge(ctx, 'gender', 'is_female'),
      hasEdge(ctx, 'budget', 'is_high_roller'),
      resultIs(
        ctx,
        'is_high_roller',
        `marks ${HIGH_ROLLERS} high rollers`,
        (p) => count(seriesValues(p), true) === HIGH_ROLLERS,
      ),
    ],
  },
  {
    id: 'aggregations',
    title: '4. Aggregations',
    prose: [
      'An aggregation reduces a column to a value: `age_mean`, `age_stddev`. A feature can then use both the column and the aggregates.',
      'Series methods follow pandas: `mean()`, `std()` (the sample standard deviation), `sub`, `div`.',
    ],
    goal: 'Add `age_mean`, `age_stddev` and `age_normalized = (age - age_mean) / age_stddev`.',
    start: mapDone,
    solution: aggregateDone,
    check: (ctx) => [
      hasEdge(ctx, 'age_mean', 'age_normalized'),
      hasEdge(ctx, 'age_stddev', 'age_normalized'),
      resultIs(ctx, 'age_normalized', 'has mean 0 and standard deviation 1', (p) => {
        const values = seriesValues(p) as number[] | undefined;
        if (!values || values.length !== 300) return false;
        const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
        const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
        return close(mean, 0) && close(variance, 1);
      }),
    ],
  },
  {
    id: 'join',
    title: '5. Joins',
    prose: [
      'Logins live in another table, keyed by `client_id`. A left join keeps every survey row in order; clients who never logged in get a missing value.',
      "Make a frame of the survey’s ids and join the logins to it: `DataFrame.fromColumns({ client_id }).leftJoin(login_data, { on: 'client_id' })`, then take `.column('last_login')`. Type `login_data` as `DataFrame<Login>` (imported from `./load_data`).",
      '`execution_time` is an input, so the same code computes "days since" for any moment: `last_logged_in.rsub(new Date(execution_time))` is now minus the last login, in milliseconds, and `.div(86_400_000)` makes it days.',
    ],
    goal: 'Add `last_logged_in` (a `leftJoin` of `login_data` on `client_id`) and `time_since_last_login` in days.',
    start: joinBegin,
    solution: joinDone,
    check: (ctx) => [
      hasEdge(ctx, 'login_data', 'last_logged_in'),
      hasFunction(ctx, 'time_since_last_login'),
      resultIs(
        ctx,
        'time_since_last_login',
        'has 5 clients who never logged in',
        (p) =>
          p.kind === 'series' &&
          p.length === 300 &&
          (seriesValues(p) ?? []).filter((v) => Number.isNaN(v)).length === 5,
      ),
    ],
  },
  {
    id: 'feature-set',
    title: '6. A feature set',
    prose: [
      'A model trains on a table of features. That table is one more function: `feature_set_v1` takes the features it needs as parameters.',
      'Modules are just files: put it in `data_sets.ts`, and the graph spans all files.',
    ],
    goal: 'Add `data_sets.ts` with `feature_set_v1`, a DataFrame of five features.',
    start: joinDone,
    solution: ecommerce,
    check: (ctx) => [
      hasEdge(ctx, 'time_since_last_login', 'feature_set_v1'),
      hasEdge(ctx, 'age_normalized', 'feature_set_v1'),
      resultIs(
        ctx,
        'feature_set_v1',
        'is a table of 300 rows and 5 columns',
        (p) => p.kind === 'frame' && p.rows === 300 && p.columns.length === 5,
      ),
    ],
  },
  {
    id: 'streaming',
    title: '7. Portability: streaming with config.when',
    prose: [
      "Online, a survey arrives as an event: there is no table to aggregate. Keep the map features; swap only what changes, with `config.when({ mode: 'streaming' })`.",
      'A function named `age_mean__streaming` is the node `age_mean` when the config says so. Try the mode toggle in Inputs & config: the graph changes at once.',
    ],
    goal: 'Add `age_mean__streaming` and `age_stddev__streaming`, reading the stored values with `await client.query(...)`.',
    start: withFiles(streaming, { 'features.ts': streamingStart }),
    solution: streaming,
    check: (ctx) => [
      { label: 'config mode is streaming', ok: ctx.config.mode === 'streaming' },
      hasEdge(ctx, 'client', 'age_mean'),
      hasEdge(ctx, 'client', 'age_stddev'),
      resultIs(
        ctx,
        'feature_set_v1',
        'has the 3 streamed records',
        (p) => p.kind === 'frame' && p.rows === 3,
      ),
    ],
  },
  {
    id: 'lineage',
    title: '8. Lineage as code',
    prose: [
      "Code already says how things connect. Tags add who owns what and what is sensitive: `tag({ owner: 'data-science', pii: 'false' })`.",
      'With `tagOutputs` you can tag the columns `extractColumns` makes. The Catalog tab then answers: who owns this, where is `age` used, which PII feeds the model?',
    ],
    goal: "Tag `age` and `gender` with `pii: 'true'`, the survey columns with a `source`, and `age_normalized` with an `owner`.",
    start: ecommerce,
    solution: example('lineage'),
    check: (ctx) => [
      { label: 'age is tagged pii=true', ok: nodeOf(ctx, 'age')?.tags.pii === 'true' },
      { label: 'gender is tagged pii=true', ok: nodeOf(ctx, 'gender')?.tags.pii === 'true' },
      { label: 'age has a source tag', ok: typeof nodeOf(ctx, 'age')?.tags.source === 'string' },
      {
        label: 'age_normalized has an owner',
        ok: typeof nodeOf(ctx, 'age_normalized')?.tags.owner === 'string',
      },
    ],
  },
  {
    id: 'data-quality',
    title: '9. Data quality',
    prose: [
      "`checkOutput` validates a feature every time it runs. A `warn` check logs and goes on; `importance: 'fail'` stops the run.",
      'Each check is a node too (`age_normalized_range_validator`), so its result shows in the graph and the results.',
    ],
    goal: 'Check that `age_normalized` stays within [-3, 3] with `checkOutput`, and run.',
    start: ecommerce,
    solution: example('quality'),
    check: (ctx) => [
      hasFunction(ctx, 'age_normalized_range_validator'),
      hasFunction(ctx, 'age_normalized_raw'),
      resultIs(ctx, 'feature_set_v1', 'was computed', (p) => p.kind === 'frame'),
    ],
  },
  {
    id: 'parameterize',
    title: '10. Decorators that write nodes for you',
    prose: [
      '`parameterize` makes several nodes from one function: each key is a node, `value(...)` bakes in a constant, `source(...)` wires another node.',
      'Also here: `pipeInput` chains cleaning steps, `subdag` reuses a group of nodes under a namespace. And everything you wrote runs outside the browser too: Download project gives a Node project (`npm install && npm start`) with the same results.',
    ],
    goal: 'Add `is_middle_aged` (30 to 50) and `is_senior` (50 to 120) to the parameterization.',
    start: withFiles(decorators, { 'segments.ts': segmentsStart }),
    solution: decorators,
    check: (ctx) => [
      hasFunction(ctx, 'is_middle_aged'),
      hasFunction(ctx, 'is_senior'),
      { label: 'age_band is no node of its own', ok: !nodeOf(ctx, 'age_band') },
      resultIs(ctx, 'is_senior', 'has 300 values', isSeriesOf(300)),
    ],
  },
  {
    id: 'parallel',
    title: '11. Parallel blocks: Parallelizable and Collect',
    prose: [
      'A function that returns `Parallelizable<T>` yields items (write it as a generator, `function*`). Every node between it and a `Collect<T>` parameter runs once per item, the items side by side; the graph marks the block with crow’s feet.',
      'The node with the `Collect<T>` parameter receives every item’s result as an array, in the items’ order. Watch `url_loaded` in the graph count its items as they finish.',
    ],
    goal: 'Import the type `Collect` beside `Parallelizable`, add `total_words(counts: Collect<number>)`, the sum of every page’s count, and run.',
    start: parallelBegin,
    solution: parallelDone,
    check: (ctx) => [
      hasEdge(ctx, 'counts', 'total_words'),
      {
        label: 'total_words collects counts',
        ok: !!ctx.graph?.edges.some(
          (e) => e.from === 'counts' && e.to === 'total_words' && e.parallel === 'collect',
        ),
      },
      resultIs(ctx, 'total_words', `is ${TOTAL_WORDS}`, (p) => scalarNumber(p) === TOTAL_WORDS),
    ],
  },
];

/** Whether every check of a step holds. */
export function stepDone(step: TutorialStep, ctx: CheckContext): boolean {
  return step.check(ctx).every((c) => c.ok);
}
