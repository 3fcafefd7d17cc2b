/**
 * The export's promise: unzip a downloaded project, `npm install && npm start`, and get the playground's
 * results. Builds the zip from examples, runs it with plain Node in a temp dir (offline: the project has
 * no dependencies), and compares its JSON output with the same modules run in-process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Driver, type HamiltonModule } from 'hamilton';
import { exampleById } from '../../examples';
import { runInputs } from '../../examples/testing';
import { tutorialSteps } from '../../examples/tutorial/steps';
import * as hello from '../../examples/hello/functions';
import * as loadData from '../../examples/ecommerce/load_data';
import * as features from '../../examples/ecommerce/features';
import * as dataSets from '../../examples/ecommerce/data_sets';
import * as streamingLoad from '../../examples/streaming/load_data';
import * as streamingFeatures from '../../examples/streaming/features';
import * as streamingClient from '../../examples/streaming/client';
import type { Workspace } from '../workspace';
import { exportProject } from './project';
import { toJson } from './report';
import { buildExportRuntime } from '../../../build/exportRuntime';

const readTable = async (path: string) =>
  readFileSync(new URL(`../../../public/${path}`, import.meta.url), 'utf8');
const dirs: string[] = [];
let runtime: Record<string, string>;

// Bundling the runtime and running npm take seconds on a busy machine: generous timeouts, not speed checks.
beforeAll(async () => {
  runtime = await buildExportRuntime();
}, 120_000);
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function unpack(workspace: Workspace): Promise<string> {
  const zip = await exportProject(workspace, { runtime, readTable });
  const dir = mkdtempSync(join(tmpdir(), 'hamilton-export-'));
  dirs.push(dir);
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

function npm(dir: string, ...args: string[]): string {
  return execFileSync('npm', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

async function inProcess(workspace: Workspace, modules: HamiltonModule[]) {
  const dr = new Driver(workspace.config, ...modules);
  return toJson(await dr.execute(workspace.outputs, { inputs: runInputs(workspace) }));
}

/** What the exported driver prints as JSON when plain Node runs it (no npm install: the loader is in the project). */
function runWithPlainNode(dir: string): unknown {
  return JSON.parse(
    execFileSync('node', ['--import', './hamilton/register.mjs', 'driver.ts', '--json'], {
      cwd: dir,
      encoding: 'utf8',
    }),
  );
}

describe('exported project', { timeout: 120_000 }, () => {
  it('holds package.json without dependencies, the modules, data, a driver and the library', async () => {
    const workspace = exampleById('ecommerce')!.workspace;
    const files = unzipSync(await exportProject(workspace, { runtime, readTable }));
    const pkg = JSON.parse(strFromU8(files['package.json']));
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.devDependencies).toBeUndefined();
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'driver.ts',
        'load_data.ts',
        'features.ts',
        'data_sets.ts',
        'data/survey_results.csv',
        'hamilton/index.mjs',
        'hamilton/hooks.mjs',
      ]),
    );
    expect(strFromU8(files['features.ts'])).toBe(workspace.files.find((f) => f.name === 'features.ts')!.code);
  });

  it.each([
    ['hello', [hello]],
    ['ecommerce', [loadData, features, dataSets]],
    ['streaming', [streamingLoad, streamingFeatures, streamingClient, dataSets]],
  ] as const)(
    '%s: npm install && npm start gives the playground’s results',
    async (id, modules) => {
      const workspace = exampleById(id)!.workspace;
      const dir = await unpack(workspace);
      npm(dir, 'install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts');
      const printed = npm(dir, 'start', '--silent', '--', '--json');
      expect(JSON.parse(printed)).toEqual(await inProcess(workspace, [...modules]));
      expect(npm(dir, 'start', '--silent')).toMatch(new RegExp(`── ${workspace.outputs[0]}`));
    },
    60_000,
  );

  it('runs every sink when the workspace names no outputs, and inline CSV tables', async () => {
    const workspace: Workspace = {
      ...exampleById('hello')!.workspace,
      outputs: [],
      files: [
        {
          name: 'sum.ts',
          code: "import { DataFrame } from 'hamilton/frame';\nexport function total(t: DataFrame<{ x: number }>): number {\n  return t.column('x').sum();\n}\n",
        },
      ],
      activeFile: 'sum.ts',
      tables: { t: 'x\n1\n2\n3\n' },
    };
    const dir = await unpack(workspace);
    expect(runWithPlainNode(dir)).toEqual({ total: 6 });
  });

  it('runs Parallelizable blocks, with dynamic execution enabled as in the playground', async () => {
    const step = tutorialSteps.find((s) => s.id === 'parallel')!;
    const dir = await unpack(step.solution);
    expect(readFileSync(join(dir, 'driver.ts'), 'utf8')).toContain(
      '.enableDynamicExecution({ allowExperimentalMode: true })',
    );
    expect(runWithPlainNode(dir)).toEqual({ total_words: 28 });
  });
});
