import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/node/${name}`, import.meta.url));

// Each test starts a fresh Node process: the way a user runs a Hamilton module outside the playground.
describe('running Hamilton modules in Node', () => {
  it('plain node with --import register.mjs: hamilton resolves, parameters keep their names', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', './src/compiler/register.mjs', fixture('run.mjs')],
      { cwd: root, timeout: 60_000 },
    );
    // doubled(client_id = input + 10, factor defaults to 2): a renamed parameter would be a missing input.
    expect(JSON.parse(stdout)).toEqual({ out: { doubled: 22 }, params: ['client_id', 'factor'] });
  });

  it('tsx with loadModules', async () => {
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const { stdout } = await run(process.execPath, [tsx, fixture('run.ts')], { cwd: root, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ doubled: 24 });
  });
});
