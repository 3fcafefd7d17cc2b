import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as source from '../hamilton/source';
import { bundleProject } from './bundle';
import type { SourceFile } from './diagnostics';
import { mapError } from './errors';

type Namespaces = Record<string, Record<string, unknown>>;

/** The URL an ESM bundle is imported from, as the worker does (Node cannot import blob: URLs). */
const urlOf = (code: string) => `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;

async function evaluate(code: string): Promise<Namespaces> {
  return ((await import(/* @vite-ignore */ urlOf(code))) as { default: Namespaces }).default;
}

const features = `import { sourceOf } from 'hamilton';
import { helper } from './lib/util';
export { sourceOf };

/** The client's id. */
export function client_id(): number {
  return 1;
}

export function f(client_id: number, scale = 2): number {
  return helper(client_id) * scale;
}
`;
const util = `export function helper(x: number): number {
  if (x > 100) throw new Error('too big: ' + x);
  return x + 1;
}
`;
const project: SourceFile[] = [
  { name: 'features.ts', code: features },
  { name: 'lib/util.ts', code: util },
];

describe('bundleProject', () => {
  beforeAll(() => {
    (globalThis as Record<string, unknown>).__hamilton_runtime = { hamilton: source, 'hamilton/frame': {} };
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).__hamilton_runtime;
  });

  it('bundles virtual files into one module exposing each file’s namespace, analysed', async () => {
    const r = await bundleProject(esbuild, project);
    expect(r.diagnostics).toEqual([]);
    const modules = await evaluate(r.code!);
    expect(Object.keys(modules).sort()).toEqual(['features.ts', 'lib/util.ts']);
    const m = modules['features.ts'];
    expect(m.__hamilton).toEqual({ module: 'features', file: 'features.ts' });
    expect(modules['lib/util.ts'].__hamilton).toEqual({ module: 'util', file: 'lib/util.ts' });
    // One library instance: user code sees the host's own functions.
    expect(m.sourceOf).toBe(source.sourceOf);
    const f = m.f as (x: number) => number;
    expect(f(3)).toBe(8);
    expect(source.sourceOf(f)?.params.map((p) => [p.name, p.optional])).toEqual([
      ['client_id', false],
      ['scale', true],
    ]);
    expect(source.sourceOf(m.client_id as () => number)?.doc).toBe("The client's id.");
    expect(JSON.parse(r.map!).sources).toEqual(expect.arrayContaining(['features.ts', 'lib/util.ts']));
    expect(r.timings.total).toBeGreaterThanOrEqual(r.timings.bundle);
  });

  it('resolves relative imports with or without extension, and ../ paths', async () => {
    const r = await bundleProject(esbuild, [
      {
        name: 'a/main.ts',
        code: "import { b } from '../b.ts';\nimport { c } from './c';\nexport const out = b + c;\n",
      },
      { name: 'b.ts', code: 'export const b = 1;\n' },
      { name: 'a/c.ts', code: 'export const c = 2;\n' },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect((await evaluate(r.code!))['a/main.ts'].out).toBe(3);
  });

  it('lets TypeScript files import JSON and text files of the project; an empty project builds', async () => {
    const r = await bundleProject(esbuild, [
      {
        name: 'a.ts',
        code: "import data from './data.json';\nimport text from './notes.txt';\nexport const n = data.n + text.length;\n",
      },
      { name: 'data.json', code: '{ "n": 40 }' },
      { name: 'notes.txt', code: 'hi' },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect((await evaluate(r.code!))['a.ts'].n).toBe(42);
    expect(await evaluate((await bundleProject(esbuild, [])).code!)).toEqual({});
  });

  it('reports an unknown import at its place, listing what is available', async () => {
    const r = await bundleProject(esbuild, [
      {
        name: 'features.ts',
        code: "import { Driver } from 'hamilton';\nimport _ from 'lodash';\nexport const d = Driver;\n",
      },
      { name: 'other.ts', code: 'export async function g() {\n  return import("./missing");\n}\n' },
    ]);
    expect(r.code).toBeUndefined();
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        source: 'bundle',
        message:
          "Unknown import 'lodash'. Available: 'hamilton', 'hamilton/frame', './features.ts', './other.ts'.",
        file: 'features.ts',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 23,
      },
      {
        severity: 'error',
        source: 'bundle',
        message:
          "Cannot find './missing' in the project. Available: 'hamilton', 'hamilton/frame', './features.ts', './other.ts'.",
        file: 'other.ts',
        line: 2,
        column: 17,
        endLine: 2,
        endColumn: 28,
      },
    ]);
    const dynamic = await bundleProject(esbuild, [
      { name: 'other.ts', code: 'export async function g() {\n  return import("./missing");\n}\n' },
    ]);
    expect(dynamic.diagnostics).toMatchObject([
      {
        severity: 'error',
        message: expect.stringContaining("Cannot find './missing'"),
        file: 'other.ts',
        line: 2,
        column: 17,
      },
    ]);
  });

  it('reports syntax errors with file, line and column and builds nothing', async () => {
    const r = await bundleProject(esbuild, [
      { name: 'ok.ts', code: 'export const a = 1;\n' },
      { name: 'bad.ts', code: 'export const a = 1;\nexport function b(x: number {\n}\n' },
    ]);
    expect(r.code).toBeUndefined();
    expect(r.diagnostics).toMatchObject([
      { severity: 'error', source: 'syntax', file: 'bad.ts', line: 2, column: 29 },
    ]);
  });

  it('reports esbuild’s own errors at their place', async () => {
    const r = await bundleProject(esbuild, [
      { name: 'a.ts', code: "import { nope } from './b';\nexport const a = nope;\n" },
      { name: 'b.ts', code: 'export const b = 1;\n' },
    ]);
    expect(r.code).toBeUndefined();
    expect(r.diagnostics).toMatchObject([
      { severity: 'error', source: 'bundle', file: 'a.ts', line: 1, column: 10, endColumn: 14 },
    ]);
    expect(r.diagnostics[0].message).toMatch(/^No matching export in "b.ts" for import "nope"/);
  });

  it('checks imported names against what the module exports, types and re-exports included', async () => {
    const lib = [
      'export interface Shape { n: number }',
      'export type Id = number;',
      'export enum Kind { A }',
      'export default function main(): number { return 1; }',
      "export * from './more';",
      "export { twice as double } from './more';",
    ].join('\n');
    const ok = await bundleProject(esbuild, [
      {
        name: 'a.ts',
        code: "import main, { Kind, double, twice, type Shape, Id } from './lib';\nconst s: Shape = { n: 1 }; const id: Id = 2;\nexport const v = main() + Kind.A + double(1) + twice(s.n) + id;\n",
      },
      { name: 'lib.ts', code: lib },
      { name: 'more.ts', code: 'export function twice(x: number): number { return 2 * x; }\n' },
    ]);
    expect(ok.diagnostics).toEqual([]);
    expect((await evaluate(ok.code!))['a.ts'].v).toBe(7);

    const bad = await bundleProject(esbuild, [
      {
        name: 'a.ts',
        code: "import main from './more';\nimport { thrice } from './lib';\nexport const v = main() + thrice(1);\n",
      },
      { name: 'lib.ts', code: "export * from './more';\n" },
      { name: 'more.ts', code: 'export function twice(x: number): number { return 2 * x; }\n' },
    ]);
    expect(bad.code).toBeUndefined();
    expect(bad.diagnostics).toMatchObject([
      { message: 'No matching export in "more.ts" for import "default"', file: 'a.ts', line: 1, column: 8 },
      { message: 'No matching export in "lib.ts" for import "thrice"', file: 'a.ts', line: 2, column: 10 },
    ]);
  });

  it('runs modules once each, in import order, with cycles seeing what is defined so far, in strict mode', async () => {
    (globalThis as Record<string, unknown>).__order = [];
    const r = await bundleProject(esbuild, [
      {
        name: 'a.ts',
        code: "import { b } from './b';\n(globalThis as any).__order.push('a');\nexport function a(): string { return 'a' + b(); }\n",
      },
      {
        name: 'b.ts',
        code: "import { a } from './a';\n(globalThis as any).__order.push('b');\nexport function b(): string { return 'b'; }\nexport const viaCycle = typeof a;\n",
      },
      {
        name: 'c.ts',
        code: "const module = 1, require = 2, exports = 3;\nexport const sum = module + require + exports;\nexport function sloppy() { undeclared_global = 1; }\nexport const later = () => import('./b');\n",
      },
    ]);
    expect(r.diagnostics).toEqual([]);
    const modules = await evaluate(r.code!);
    expect((globalThis as Record<string, unknown>).__order).toEqual(['b', 'a']);
    expect((modules['a.ts'].a as () => string)()).toBe('ab');
    expect(modules['b.ts'].viaCycle).toBe('function');
    expect(modules['c.ts'].sum).toBe(6);
    expect(modules['c.ts'].sloppy).toThrow(ReferenceError);
    expect((await (modules['c.ts'].later as () => Promise<{ b: unknown }>)()).b).toBe(modules['b.ts'].b);
    delete (globalThis as Record<string, unknown>).__order;
  });

  it('compiles what needs more than type stripping with esbuild, with the same module semantics', async () => {
    const r = await bundleProject(esbuild, [
      {
        name: 'a.ts',
        code: [
          "import { C } from './decorated';",
          "import { N } from './space';",
          "import * as star from './star';",
          "import main, { count, bump } from './plain';",
          'bump();',
          'export const values = [C.f(1), N.x, star.x, star.y, main(), count];',
        ].join('\n'),
      },
      {
        name: 'decorated.ts',
        code: 'function twice(f: any, _: unknown) { return (x: number) => 2 * f(x); }\nexport class C { @twice static f(x: number) { return x + 1; } }\n',
      },
      { name: 'space.ts', code: 'export namespace N { export const x = 3; }\n' },
      // A module's own export wins over the same name from `export *`, whatever the order.
      { name: 'star.ts', code: "export * from './b';\nexport const x = 'own';\n" },
      { name: 'b.ts', code: "export const x = 'b';\nexport const y = 'y';\n" },
      {
        name: 'plain.ts',
        code: 'export let count = 0;\nexport function bump() { count += 1; }\nexport default function main() { return count; }\n',
      },
    ]);
    expect(r.diagnostics).toEqual([]);
    const modules = await evaluate(r.code!);
    expect(modules['a.ts'].values).toEqual([4, 3, 'own', 'y', 1, 1]);
    expect(Object.keys(modules['plain.ts']).sort()).toEqual(['__hamilton', 'bump', 'count', 'default']);
  });

  it('builds a classic script with iife format', async () => {
    const r = await bundleProject(esbuild, project, { format: 'iife', globalName: '__test_modules' });
    (0, eval)(r.code!);
    const modules = (globalThis as Record<string, unknown>).__test_modules as Namespaces;
    expect((modules['features.ts'].f as (x: number) => number)(1)).toBe(4);
    delete (globalThis as Record<string, unknown>).__test_modules;
  });

  it('keeps concurrent builds apart and recovers after a failed one', async () => {
    const one = (n: number) => [{ name: 'a.ts', code: `export const n = ${n};\n` }];
    const broken = [
      { name: 'a.ts', code: "import { x } from './b';\nexport const y = x;\n" },
      { name: 'b.ts', code: '' },
    ];
    const results = await Promise.all([
      bundleProject(esbuild, one(1)),
      bundleProject(esbuild, broken),
      bundleProject(esbuild, one(2)),
    ]);
    expect(results[1].code).toBeUndefined();
    expect((await evaluate(results[0].code!))['a.ts'].n).toBe(1);
    expect((await evaluate(results[2].code!))['a.ts'].n).toBe(2);
    expect((await evaluate((await bundleProject(esbuild, one(3))).code!))['a.ts'].n).toBe(3);
  });

  it('appends an inline map with the sources’ text for devtools when asked', async () => {
    const r = await bundleProject(esbuild, project, { inlineSourceMap: true });
    const inline = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\n$/.exec(r.code!);
    const map = JSON.parse(Buffer.from(inline![1], 'base64').toString()) as {
      sources: string[];
      sourcesContent: string[];
    };
    expect(map.sourcesContent[map.sources.indexOf('lib/util.ts')]).toContain(util);
    expect(JSON.parse(r.map!).sourcesContent).toBeDefined();
    expect(JSON.parse((await bundleProject(esbuild, project)).map!).sourcesContent).toBeUndefined();
  });

  it('returns the same result for the same project', async () => {
    expect(bundleProject(esbuild, project)).toBe(bundleProject(esbuild, project));
  });
});

describe('the playground’s path: bundle, evaluate, build the graph with the real library', () => {
  it('gives the driver the dependencies as written for the lineage example', async () => {
    (globalThis as Record<string, unknown>).__hamilton_runtime = { hamilton, 'hamilton/frame': frame };
    const files = ['load_data.ts', 'features.ts', 'data_sets.ts'].map((name) => ({
      name,
      code: readFileSync(new URL(`../examples/lineage/${name}`, import.meta.url), 'utf8'),
    }));
    const r = await bundleProject(esbuild, files);
    expect(r.diagnostics).toEqual([]);
    const modules = await evaluate(r.code!);
    const dr = new hamilton.Driver({}, ...(Object.values(modules) as hamilton.HamiltonModule[]));
    const since = dr.listAvailableVariables().find((v) => v.name === 'time_since_last_login');
    expect(since?.requiredDependencies).toEqual(['execution_time', 'client_id', 'login_data']);
    expect(since?.tags.module).toBe('features');
  });
});

describe('mapError', () => {
  beforeAll(() => {
    (globalThis as Record<string, unknown>).__hamilton_runtime = { hamilton: source, 'hamilton/frame': {} };
  });

  it('maps a runtime error’s stack to the user’s TypeScript line', async () => {
    const r = await bundleProject(esbuild, project);
    const modules = await evaluate(r.code!);
    let thrown: unknown;
    try {
      (modules['features.ts'].f as (x: number) => number)(500);
    } catch (e) {
      thrown = e;
    }
    // Node prints the bundle's sourceURL; vitest rewrites stacks with the URL: either name maps.
    const names = [urlOf(r.code!), 'hamilton-bundle.js'];
    const mapped = mapError(thrown, r.map, names);
    expect(mapped).toMatchObject({
      name: 'Error',
      message: 'too big: 500',
      file: 'lib/util.ts',
      line: 2,
      column: 22,
    });
    expect(mapped.stack).toContain('lib/util.ts:2:22');
    expect(mapped.stack).toContain('features.ts:11:10');
    const wrapped = mapError(new Error('node f failed', { cause: thrown }), r.map, names);
    expect(wrapped).toMatchObject({ message: 'node f failed', file: 'lib/util.ts', line: 2 });
    expect(wrapped.stack).toContain('Caused by: Error: too big: 500');
  });

  it('describes thrown non-Error values', () => {
    expect(mapError('plain', undefined, 'x')).toEqual({ name: 'string', message: 'plain' });
    expect(mapError({ code: 3 }, undefined, 'x')).toEqual({ name: 'object', message: '{"code":3}' });
  });
});
