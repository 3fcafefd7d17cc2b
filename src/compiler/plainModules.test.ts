import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Driver, sourceOf } from '../hamilton';
import * as hello from './fixtures/plain/hello_world';
import * as shadowing from './fixtures/plain/shadowing';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

const spend = [10, 10, 20, 40, 40, 50];
const signups = [1, 10, 50, 100, 200, 400];
// Hamilton's hello world printed these (pandas, rounded to 6 places).
const avg3wk = [NaN, NaN, 13.333333, 23.333333, 33.333333, 43.333333];
const perSignup = [10, 1, 0.4, 0.4, 0.2, 0.125];
const unitVariance = [-1.064405, -1.064405, -0.483821, 0.677349, 0.677349, 1.257934];
const HELLO_NODES = [
  'avg_3wk_spend',
  'spend_mean',
  'spend_per_signup',
  'spend_std_dev',
  'spend_zero_mean',
  'spend_zero_mean_unit_variance',
  'spend',
  'signups',
];

function expectClose(actual: unknown, expected: number[]): void {
  const values = actual as number[];
  expect(values).toHaveLength(expected.length);
  values.forEach((v, i) => (Number.isNaN(expected[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(expected[i], 5)));
}

describe('plain modules (no import of hamilton) under vitest, analysed by default', () => {
  it('are analysed: parameters keep the names a bundler renames', () => {
    expect((hello as Record<string, unknown>).__hamilton).toMatchObject({ module: 'hello_world' });
    expect(sourceOf(shadowing.doubled)?.params.map((p) => [p.name, p.optional])).toEqual([
      ['client_id', false],
      ['factor', true],
    ]);
    expect(sourceOf(shadowing.report)?.params.map((p) => p.name)).toEqual(['doubled', 'client_id']);
  });

  it("build Hamilton's hello world: node names and order, dependencies, values", async () => {
    const dr = new Driver({}, hello);
    expect(dr.listAvailableVariables().map((v) => v.name)).toEqual(HELLO_NODES);
    expect(dr.whatIsUpstreamOf('spend_zero_mean_unit_variance').map((v) => v.name).sort()).toEqual(
      ['spend', 'spend_mean', 'spend_std_dev', 'spend_zero_mean', 'spend_zero_mean_unit_variance'],
    );
    const out = await dr.execute(
      ['spend', 'signups', 'avg_3wk_spend', 'spend_per_signup', 'spend_zero_mean_unit_variance'],
      { inputs: { spend, signups } },
    );
    expect(Object.keys(out)).toEqual([
      'spend',
      'signups',
      'avg_3wk_spend',
      'spend_per_signup',
      'spend_zero_mean_unit_variance',
    ]);
    expectClose(out.avg_3wk_spend, avg3wk);
    expectClose(out.spend_per_signup, perSignup);
    expectClose(out.spend_zero_mean_unit_variance, unitVariance);
  });

  it("report Hamilton's errors in Hamilton's words", async () => {
    const dr = new Driver({}, hello);
    await expect(dr.execute(['spend_per_signup', 'nope'])).rejects.toThrow(
      'Unknown nodes [nope] requested. Check for typos?',
    );
    expect(() => dr.validateExecution(['spend_zero_mean_unit_variance'])).toThrow(
      "1 errors encountered: \n  Error: Required input spend not provided for nodes: ['avg_3wk_spend', 'spend_mean', 'spend_per_signup', 'spend_std_dev', 'spend_zero_mean'].",
    );
  });

  it('keep shadowing parameters as dependencies', async () => {
    expect(await new Driver({}, shadowing).execute(['report'])).toEqual({ report: '7:14' });
    expect(await new Driver({}, shadowing).execute(['doubled'], { inputs: { factor: 3 } })).toEqual({ doubled: 21 });
  });
});

describe('plain modules under plain Node with the loader (default settings)', () => {
  it('node --import register.mjs runs them with the same names and values', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', './src/compiler/register.mjs', fileURLToPath(new URL('./fixtures/plain/run.mjs', import.meta.url))],
      { cwd: root, timeout: 60_000 },
    );
    const result = JSON.parse(stdout) as { nodes: string[]; out: Record<string, unknown>; shadow: unknown };
    expect(result.nodes).toEqual(HELLO_NODES);
    expect(result.shadow).toEqual({ report: '7:14' });
    // JSON has no NaN: it prints null.
    expectClose((result.out.avg_3wk_spend as (number | null)[]).map((v) => v ?? NaN), avg3wk);
    expectClose(result.out.spend_per_signup, perSignup);
    expectClose(result.out.spend_zero_mean_unit_variance, unitVariance);
  });
});
