import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { sourceOf } from '../hamilton/source';
import { analyse } from './analyse';
import { annotate, annotation } from './annotate';

/** Compiles annotated TypeScript as a bundler would and imports it. */
async function load(code: string): Promise<Record<string, unknown>> {
  const js = transformSync(code, { loader: 'ts', format: 'esm' }).code;
  return import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

const module = `const decorate = (meta: object) => <F extends Function>(f: F): F => Object.assign((...a: unknown[]) => f(...a), { meta }) as unknown as F;

export function client_id(): number { return 1; }
export const f = decorate({})(function f(client_id: number, scale = 2) { return client_id * scale; });
function _private(x: number) { return x; }
export const g = decorate({})(_private);
export class Features {
  static age(client_id: number) { return client_id; }
}
export const n = 3;
export { _private as alias }`;

describe('annotate', () => {
  it('attaches each function’s analysis, to the exported wrapper for decorated functions', async () => {
    const m = await load(annotate(module, 'features.ts').code);
    expect(m.__hamilton).toEqual({ module: 'features', file: 'features.ts' });
    expect(sourceOf(m.f as Function)?.params.map((p) => [p.name, p.optional])).toEqual([
      ['client_id', false],
      ['scale', true],
    ]);
    expect(sourceOf(m.g as Function)?.name).toBe('_private');
    expect(sourceOf(m.alias as Function)?.params[0].name).toBe('x');
    expect(sourceOf((m.Features as { age: Function }).age)?.params[0].name).toBe('client_id');
    expect(sourceOf(m.client_id as Function)?.params).toEqual([]);
  });

  it('appends only: every original line and column stays where it was', () => {
    const { code } = annotate(module, 'features.ts');
    expect(code.startsWith(module)).toBe(true);
  });

  it('picks helper names the module does not use', async () => {
    const source = 'export const __hamilton_attach = 1;\nexport function a(x: number) { return x; }\n';
    const code = annotation(analyse(source, 'a.ts'));
    expect(code).toContain('function __hamilton_attach2(');
    const m = await load(source + code);
    expect(sourceOf(m.a as Function)?.params[0].name).toBe('x');
  });

  it('refuses a module that defines __hamilton itself, and adds nothing to one that does not parse', async () => {
    const analysis = analyse('export const __hamilton = 1;\nexport const a = (x: number) => x;\n', 'r.ts');
    expect(analysis.diagnostics).toMatchObject([
      { severity: 'error', message: expect.stringContaining('reserved') },
    ]);
    const m = await load(
      'export const __hamilton = 1;\nexport const a = (x: number) => x;\n' + annotation(analysis),
    );
    expect(m.__hamilton).toBe(1);
    expect(annotation(analyse('export function (', 'b.ts'))).toBe('');
  });
});
