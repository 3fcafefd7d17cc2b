import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { sourceOf } from '../src/hamilton/source';
import * as m from '../src/compiler/fixtures/shadowing';
import { hamiltonAnalysis } from './hamiltonAnalysis';

const fixture = fileURLToPath(new URL('../src/compiler/fixtures/shadowing.ts', import.meta.url));

describe('hamiltonAnalysis (the Vite plugin, applied to this very test run)', () => {
  it('keeps the parameter name as written, which a bundler would rename', () => {
    expect(sourceOf(m.f)?.params).toEqual([
      { ...m.expected, location: { file: 'src/compiler/fixtures/shadowing.ts', line: 11, column: 19 } },
    ]);
    expect(m.f(m.client_id())).toBe(14);
    expect((m as Record<string, unknown>).__hamilton).toEqual({
      module: 'shadowing',
      file: 'src/compiler/fixtures/shadowing.ts',
    });
    // Without analysis, the name would come from a renamed parameter.
    const transformed = transformSync(readFileSync(fixture, 'utf8'), { loader: 'ts', format: 'esm' }).code;
    expect(transformed).toContain('function f(client_id2)');
  });

  type Transform = (code: string, id: string) => Promise<{ code: string; map: unknown } | null>;
  const handlerOf = (plugin: ReturnType<typeof hamiltonAnalysis>) =>
    (plugin.transform as unknown as { handler: Transform }).handler;
  const transform = handlerOf(hamiltonAnalysis());
  const warnings: unknown[] = [];
  const run = (code: string, id: string) =>
    transform.call({ warn: (w: unknown) => warnings.push(w) } as never, code, id);
  const module = "import { Driver } from 'hamilton';\nexport const a = (x: number) => x;\n";

  it('analyses modules that export a function, outside the app’s own folders', async () => {
    expect((await run(module, '/p/src/features.ts'))?.code).toContain('__hamilton_attach(a, {"name":"a"');
    expect(await run(module, '/p/src/features.ts?import')).not.toBeNull();
    expect(await run(module, '/p/src/features.ts?raw')).toBeNull();
    // Hamilton modules need not import hamilton.
    expect((await run('export const a = (x: number) => x;\n', '/p/src/plain.ts'))?.code).toContain(
      '__hamilton_attach(a,',
    );
    expect(
      await run("import { Driver } from 'hamilton';\nexport const a = 1;\n", '/p/src/values.ts'),
    ).toBeNull();
    expect(await run('const a = (x: number) => x;\nexport const b = 2;\n', '/p/src/private.ts')).toBeNull();
    expect(await run(module, '/p/src/share/links.ts')).toBeNull();
    expect(await run(module, '/p/src/hamilton/driver.ts')).toBeNull();
    expect(await run(module, '/p/src/ui/App.tsx')).toBeNull();
    expect(await run(module, '/p/src/compiler/analyse.ts')).toBeNull();
    expect(await run(module, '/p/src/features.test.ts')).toBeNull();
    expect(await run(module, '/p/src/hamilton/fixtures/x.ts')).not.toBeNull();
    expect(await run(module, '/p/src/styles.css')).toBeNull();
  });

  it('honours include/exclude/imports options and reports analysis problems as warnings', async () => {
    const all = handlerOf(hamiltonAnalysis({ exclude: /skip/ }));
    expect((await all.call({} as never, 'export function a() {}\n', '/p/src/x.ts'))?.code).toContain(
      'export const __hamilton',
    );
    expect(await all.call({} as never, 'export function a() {}\n', '/p/src/skip.ts')).toBeNull();
    const importing = handlerOf(hamiltonAnalysis({ imports: ['hamilton'] }));
    expect(await importing.call({} as never, 'export function a() {}\n', '/p/src/x.ts')).toBeNull();
    expect(await run("import 'hamilton';\nexport function g({ a }: Q) {}\n", '/p/src/d.ts')).not.toBeNull();
    expect(warnings).toMatchObject([{ loc: { line: 2, column: 18 } }]);
  });

  it('leaves files that do not parse to Vite', async () => {
    expect(await run("import 'hamilton';\nexport function (", '/p/src/broken.ts')).toBeNull();
  });
});
