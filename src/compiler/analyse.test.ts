import { describe, expect, it } from 'vitest';
import { analyse, moduleName } from './analyse';

const features = `import { tag, extractColumns, config } from 'hamilton';
import type { DataFrame } from 'hamilton/frame';
import * as fs from 'node:fs';

/**
 * The raw input, modulo 7.
 * @param input the number to reduce
 */
export function a(input: number): number {
  return input % 7;
}

/** Twice a. */
export const b = (a: number, scale = 2, label?: string): number => a * scale;

function _helper(x: number) {
  return x;
}

const privateArrow = async function (x: Map<string,
  number>): Promise<number> { return 1; };

/** Survey columns. */
export const survey_results = extractColumns('a', 'b')(function survey_results(df: DataFrame<S>): DataFrame<S> {
  return df;
});

export const mode_x = config.when({ mode: 'x' })((a: number): number => a + 1);

export const tagged = tag({ owner: 'ds' })(_helper);

export const nested = tag({ owner: 'ds' })(config.when({ mode: 'y' })(
  /** Inner doc. */
  function inner(q: string = 'z'): string { return q; }
));

export class Features {
  /** Normalised age. */
  static age_normalized(age: number, age_mean: number): number { return age - age_mean; }
  static decorated = tag({ pii: 'true' })((email: string): string => email);
  instance(x: number) { return x; }
  static get g() { return 1; }
}

export { a as alias_of_a };
export default _helper;
export const notAFunction = 42;
`;

describe('analyse', () => {
  const result = analyse(features, 'features.ts');
  const byBinding = new Map(result.functions.map((f) => [f.binding, f.source]));

  it('finds every top-level function, exported or private, and static methods', () => {
    expect([...byBinding.keys()].sort()).toEqual(
      [
        'a',
        'b',
        '_helper',
        'privateArrow',
        'survey_results',
        'mode_x',
        'tagged',
        'nested',
        'Features.age_normalized',
        'Features.decorated',
      ].sort(),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.parsed).toBe(true);
    expect(result.module).toBe('features');
  });

  it('reads names, types, optionality, docs, locations and async', () => {
    expect(byBinding.get('a')).toEqual({
      name: 'a',
      module: 'features',
      params: [
        {
          name: 'input',
          type: 'number',
          optional: false,
          location: { file: 'features.ts', line: 9, column: 19 },
        },
      ],
      returnType: 'number',
      doc: 'The raw input, modulo 7.\n@param input the number to reduce',
      location: { file: 'features.ts', line: 9, column: 17 },
      async: false,
    });
    const b = byBinding.get('b')!;
    expect(b.params.map((p) => [p.name, p.type, p.optional])).toEqual([
      ['a', 'number', false],
      ['scale', 'number', true], // inferred from its default, as TypeScript does
      ['label', 'string', true],
    ]);
    expect(b.doc).toBe('Twice a.');
    expect(b.location).toEqual({ file: 'features.ts', line: 14, column: 14 });
    const p = byBinding.get('privateArrow')!;
    expect(p.async).toBe(true);
    expect(p.params[0].type).toBe('Map<string,\n  number>');
    expect(p.returnType).toBe('Promise<number>');
    expect(byBinding.get('_helper')!.returnType).toBe('unknown');
  });

  it('digs through decorator call chains to the innermost function literal', () => {
    const s = byBinding.get('survey_results')!;
    expect(s.name).toBe('survey_results');
    expect(s.params).toMatchObject([{ name: 'df', type: 'DataFrame<S>' }]);
    expect(s.returnType).toBe('DataFrame<S>');
    expect(s.doc).toBe('Survey columns.');
    const m = byBinding.get('mode_x')!;
    expect(m.name).toBe('mode_x');
    expect(m.params.map((x) => x.name)).toEqual(['a']);
    const n = byBinding.get('nested')!;
    expect(n.name).toBe('inner');
    expect(n.params).toMatchObject([{ name: 'q', type: 'string', optional: true }]);
    expect(n.doc).toBe('Inner doc.');
  });

  it('reuses a local function’s description when a decorator is applied to it by name', () => {
    expect(byBinding.get('tagged')).toEqual(byBinding.get('_helper'));
  });

  it('describes static methods of exported classes, decorated or not', () => {
    const s = byBinding.get('Features.age_normalized')!;
    expect(s.name).toBe('age_normalized');
    expect(s.params.map((x) => x.name)).toEqual(['age', 'age_mean']);
    expect(s.doc).toBe('Normalised age.');
    expect(byBinding.get('Features.decorated')!.params).toMatchObject([{ name: 'email', type: 'string' }]);
  });

  it('maps export names and lists imports with their places', () => {
    expect(result.exports).toMatchObject({
      a: 'a',
      alias_of_a: 'a',
      default: '_helper',
      Features: 'Features',
    });
    expect(result.imports.map((i) => [i.specifier, i.typeOnly, i.location.line, i.location.column])).toEqual([
      ['hamilton', false, 1, 45],
      ['hamilton/frame', true, 2, 32],
      ['node:fs', false, 3, 21],
    ]);
    expect(result.bindings.has('fs')).toBe(true);
  });

  it('reports destructured and rest parameters at their place', () => {
    const r = analyse(
      'export function f({ a, b }: Q, ...rest: number[]) {}\nfunction _g([x]: number[]) {}\n',
      'd.ts',
    );
    expect(
      r.diagnostics.map((d) => [d.severity, d.line, d.column, d.message.slice(0, d.message.indexOf(' is '))]),
    ).toEqual([
      ['error', 1, 19, 'Parameter `{ a, b }` of f'],
      ['error', 1, 32, 'Parameter `...rest` of f'],
      ['warning', 2, 13, 'Parameter `[x]` of _g'],
    ]);
  });

  it('reports syntax errors with file, line and column instead of throwing', () => {
    const r = analyse('export function a(x: number {\n  return x;\n}\n', 'broken.ts');
    expect(r.parsed).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'error',
      source: 'syntax',
      file: 'broken.ts',
      line: 1,
      column: 29,
    });
    expect(r.diagnostics[0].message).not.toMatch(/\(\d+:\d+\)/);
    const fatal = analyse('export function (a', 'fatal.ts');
    expect(fatal.parsed).toBe(false);
    expect(fatal.functions).toEqual([]);
    expect(fatal.diagnostics[0]).toMatchObject({ file: 'fatal.ts', line: 1, column: 17 });
  });

  it('skips ambient declarations and overload signatures', () => {
    const r = analyse(
      'declare function d(x: number): number;\nexport function o(x: string): string;\nexport function o(x: unknown) { return x; }\n',
      'o.ts',
    );
    expect(r.functions.map((f) => [f.binding, f.source.params[0].type])).toEqual([['o', 'unknown']]);
  });

  it('parses JSX in .tsx files', () => {
    const r = analyse('export const view = (label: string) => <b>{label}</b>;\n', 'view.tsx');
    expect(r.diagnostics).toEqual([]);
    expect(r.functions[0].source.params[0].name).toBe('label');
  });

  it('tells which files need no more than stripping types and rewriting imports', () => {
    const strippable = (code: string) => analyse(code, 's.ts').strippable;
    // Names a CommonJS body may shadow harmlessly, `await` inside functions, types that vanish.
    expect(
      strippable(
        "import { tag } from 'hamilton';\nexport async function f(module: string) { await 1; return tag; }\n" +
          'declare namespace N { const x: number }\nexport const later = () => import("./x");\n',
      ),
    ).toBe(true);
    const needsMore = [
      'class C { @dec static f() {} }',
      'function g() { class C { @dec m() {} } }',
      'class C { accessor x = 1; }',
      'export namespace N { export const x = 1; }',
      "import fs = require('fs');",
      'export const x = await Promise.resolve(1);',
      'for await (const x of []) {}',
      'export const u = import.meta.url;',
      "export * from './b';",
      'export const r = typeof require;',
      'function h(exports: object) { return exports; }',
      'const module = 1;',
    ];
    for (const code of needsMore) expect([code, strippable(code)]).toEqual([code, false]);
    expect(analyse('function g() { class C { @dec m() {} } }', 'd.ts').hasDecorators).toBe(true);
  });

  it('lists top-level function declarations, and exports a default function as `default` only', () => {
    const r = analyse(
      'export default function main() {}\nfunction helper() {}\nexport const arrow = () => 1;\n',
      'm.ts',
    );
    expect([...r.functionDeclarations]).toEqual(['main', 'helper']);
    expect(r.exports).toEqual({ default: 'main', arrow: 'arrow' });
  });

  it('caches by content', () => {
    expect(analyse(features, 'features.ts')).toBe(result);
    expect(analyse(features + '\n', 'features.ts')).not.toBe(result);
  });

  it('names modules after the file without folder and extension', () => {
    expect(moduleName('src/features.ts')).toBe('features');
    expect(moduleName('my_functions.test.ts')).toBe('my_functions');
  });
});
