/**
 * A fresh user-code worker runs the library cold: V8 compiles each of its functions on first call and
 * optimises them only after many. So that an edit does not pay for that, the spare worker (see
 * supervisor.ts) loads and runs this project of ours while the playground is idle, before any user code
 * reaches it: the realm each compile gets is still fresh of user code, and already warm. It exercises
 * what a typical project does: a table read as a frame, `extractColumns`, `tag`, column arithmetic and
 * comparisons, a join, an aggregate, the cache (cold, then reused) and the previews.
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
  files: [{ name: 'warm_up.ts', code: CODE }],
  config: {},
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
