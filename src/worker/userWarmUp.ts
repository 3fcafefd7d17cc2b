/**
 * A fresh user-code worker runs the library cold: V8 compiles each of its functions on first call and
 * optimises them only after many. So that an edit does not pay for that, the spare worker (see
 * supervisor.ts) loads and runs this project of ours while the playground is idle, before any user code
 * reaches it: the realm each compile gets is still fresh of user code, and already warm. It exercises
 * what a typical project does: a table read as a frame, `extractColumns`, `tag`, column arithmetic and
 * comparisons, a join, an aggregate, the cache (cold, then reused) and the previews; and in a second
 * module the other decorators the examples and tutorial use (`config.when`, `parameterize`,
 * `checkOutput`, `pipeInput`, `subdag`, `tagOutputs`), an async node and an import between files.
 */
import type { Bundle } from './build';
import type { CompileRequest, RunRequest } from './protocol';
import type { UserSession } from './userSession';

const CODE = `import { extractColumns, tag } from 'hamilton';
import { DataFrame, Series } from 'hamilton/frame';

export const rows = extractColumns('id', 'budget', 'group')(function rows(table: DataFrame): DataFrame {
  return table;
});
export function high(budget: Series<number>): Series<boolean> {
  return budget.gt(500);
}
export function in_a(group: Series<string>): Series<boolean> {
  return group.eq('a');
}
export function budget_mean(budget: Series<number>): number {
  return budget.mean();
}
export function scaled(budget: Series<number>, budget_mean: number, factor: number): Series<number> {
  return budget.sub(budget_mean).div(factor);
}
export function last_seen(id: Series<number>, table: DataFrame): Series<Date> {
  return DataFrame.fromColumns({ id }).leftJoin(table, { on: 'id' }).column('seen');
}
export function days(last_seen: Series<Date>): Series<number> {
  return last_seen.rsub(new Date('2024-06-01')).div(86_400_000);
}
export const features = tag({ owner: 'warm-up' })(function features(
  high: Series<boolean>,
  in_a: Series<boolean>,
  scaled: Series<number>,
  days: Series<number>,
): DataFrame {
  return DataFrame.fromColumns({ high, in_a, scaled, days });
});
`;

const DECORATED = `import { checkOutput, config, extractColumns, parameterize, pipeInput, source, step, subdag, tagOutputs, value } from 'hamilton';
import type { Series } from 'hamilton/frame';
import { budget_mean } from './warm_up';

export const band = parameterize({
  low_band: { low: value(0), high: value(300) },
  high_band: { low: value(300), high: value(1000) },
})(function band(budget: Series<number>, low: number, high: number): Series<boolean> {
  return budget.ge(low).and(budget.lt(high));
});
export const centre__a = config.when({ mode: 'a' })(function centre__a(budget: Series<number>): number {
  return budget.median();
});
export const centre__b = config.when({ mode: 'b' })(async function centre__b(): Promise<number> {
  return 0;
});
export const checked = checkOutput({ range: [-100, 100], allowNans: false })(function checked(
  scaled: Series<number>,
): Series<number> {
  return scaled.map((v) => Math.max(-100, Math.min(100, v)));
});
function cap(budget: Series<number>, upper: number): Series<number> {
  return budget.map((v) => Math.min(v, upper));
}
export const capped = pipeInput(step(cap, { upper: 900 }))(function capped(budget: Series<number>): Series<number> {
  return budget;
});
function spread(values: Series<number>): number {
  return values.max() - values.min();
}
export const summary = subdag({ spread }, { inputs: { values: source('capped') } })(function summary(
  spread: number,
): number {
  return spread;
});
export function ratio(summary: number, centre: number): number {
  return summary / centre;
}
export async function shifted(budget_mean: number): Promise<number> {
  return budget_mean + 1;
}
export const pair = tagOutputs({ left: { side: 'l' } })(
  extractColumns('left', 'right')(function pair(high: Series<boolean>, in_a: Series<boolean>) {
    return { left: high, right: in_a };
  }),
);
`;

const ROWS = 200;
/** How many times the warm-up compiles and runs the project. */
const WARM_UP_ROUNDS = 3;

/** The table the project reads, made up (no data file reaches a worker). */
function table(): string {
  const lines = ['id,budget,group,seen'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`${i},${(i * 7919) % 1000},${'abc'[i % 3]},2024-0${1 + (i % 5)}-1${i % 10}`);
  return lines.join('\n');
}

/** The project: its one file, compiled with this request (ids are the warm-up session's own). */
export const WARM_UP_COMPILE: CompileRequest = {
  type: 'compile',
  id: 1,
  files: [
    { name: 'warm_up.ts', code: CODE },
    { name: 'decorated.ts', code: DECORATED },
  ],
  config: { mode: 'a' },
};

/** A run of it: every sink, its input and table. */
function warmUpRun(id: number, csv: string): RunRequest {
  return { type: 'run', id, outputs: [], inputs: { factor: 2 }, overrides: {}, tables: { table: csv } };
}

/**
 * Runs the warm-up project (bundled by the runtime worker) in `session`, a session of its own: compiled,
 * run cold, run from the cache, a few times. Between steps it lets the worker's pending messages through
 * (`yieldToMessages`) and stops once `interrupted()` says a request came: the user never waits for more
 * than the step in progress.
 */
export async function warmUpSession(
  session: Pick<UserSession, 'useCache' | 'compileBundled' | 'receive'>,
  bundled: Bundle,
  yieldToMessages: () => Promise<void>,
  interrupted: () => boolean,
): Promise<void> {
  const csv = table();
  session.useCache({ entries: [], versions: [] });
  let id = 0;
  // V8 optimises a function after many calls: a few rounds, each a compile, a cold run and a cached one.
  const round = [
    () => session.compileBundled({ ...WARM_UP_COMPILE, id: ++id }, bundled, 0),
    () => session.receive(warmUpRun(++id, csv)),
    () => session.receive(warmUpRun(++id, csv)),
  ];
  const steps = Array.from({ length: WARM_UP_ROUNDS }, () => round).flat();
  for (const step of steps) {
    await yieldToMessages();
    if (interrupted()) return;
    await step();
  }
}
