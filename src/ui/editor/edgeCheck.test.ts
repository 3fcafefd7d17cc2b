import { describe, expect, it } from 'vitest';
import type { DescribedNode, GraphDescription } from 'hamilton';
import { describedNode } from '../graph/testGraphs';
import { buildEdgeCheck } from './edgeCheck';

const fn = (
  name: string,
  file: string,
  line: number,
  column: number,
  extra: Partial<DescribedNode> = {},
): DescribedNode => describedNode(name, 'function', { location: { file, line, column }, ...extra });

const a = 'export function a(x: number): string {\n  return String(x);\n}\n';
const b = "import { a } from './a';\nexport function b(y: number, a: number): number {\n  return a + y;\n}\n";

describe('buildEdgeCheck', () => {
  const graph: GraphDescription = {
    nodes: [
      { ...fn('x', 'a.ts', 1, 1), kind: 'input' },
      fn('a', 'a.ts', 1, 8),
      fn('b', 'b.ts', 2, 8),
      fn('c', 'b.ts', 9, 1, { functionName: 'make_c' }),
    ],
    edges: [
      { from: 'x', to: 'a', optional: false },
      { from: 'a', to: 'b', optional: false },
      { from: 'a', to: 'c', optional: false },
    ],
    cycles: [],
  };
  const check = buildEdgeCheck(graph, [
    { name: 'a.ts', code: a },
    { name: 'b.ts', code: b },
  ]);
  it('declares each typable node’s value, an input by the parameter that takes it, to read its resolved type', () => {
    expect(check.types.map((t) => t.node)).toEqual(['a', 'b', 'x']);
    for (const [i, t] of check.types.entries())
      expect(check.code.slice(t.offset, t.offset + `__t${i}`.length)).toBe(`__t${i}`);
    expect(check.code).toContain('const __t2 = (null as unknown as Parameters<typeof __m1.a>[0]);');
  });
  it('wires each function-to-function edge to the consumer parameter that receives it', () => {
    expect(check.code).toContain("import type * as __m0 from './b';");
    expect(check.code).toContain("import type * as __m1 from './a';");
    expect(check.code).toContain(
      'Parameters<typeof __m0.b>[1] = (null as unknown as Awaited<ReturnType<typeof __m1.a>>)',
    );
    expect(check.probes).toEqual([
      expect.objectContaining({ from: 'a', to: 'b', file: 'b.ts', line: 2, column: 30 }),
    ]);
    const probe = check.probes[0];
    expect(check.code.slice(probe.start, probe.end)).toMatch(/^\{ const __v: .*\}$/);
  });
  it('skips inputs and nodes that are not their function (decorator-made)', () => {
    expect(check.probes.map((p) => p.to)).toEqual(['b']);
  });
});

describe('buildEdgeCheck with decorators', () => {
  // As the examples write them; the bundler renamed the inner literals (`survey_results2`).
  const load = [
    "import { extractColumns, tag } from 'hamilton';",
    "import type { DataFrame } from 'hamilton/frame';",
    'export type Survey = { age: number; gender: string };',
    "export const survey_results = extractColumns('age', 'gender')(",
    '  function survey_results(survey_data: DataFrame<Survey>): DataFrame<Survey> {',
    '    return survey_data;',
    '  },',
    ');',
    "export const age_mean = tag({ owner: 'ds' })(function age_mean(age: Series<number>): number {",
    '  return age.mean();',
    '});',
    "export const age_mean__streaming = config.when({ mode: 'streaming' })(",
    '  async function age_mean__streaming(client: Client): Promise<number> {',
    '    return client.mean();',
    '  },',
    ');',
    'export const is_young = parameterize({ is_young: { high: value(30) } })(function band(age: Series<number>, high: number) {',
    '  return age.lt(high);',
    '});',
    'export const checked = checkOutput({ range: [0, 1] })(function checked(age_mean: number): number {',
    '  return age_mean;',
    '});',
    'export function uses(is_young: Series<boolean>, checked: number, checked_range_validator: unknown) {',
    '  return checked;',
    '}',
    '',
  ].join('\n');
  // A node's location is its function literal's: the line and column of `function <literal>`.
  const at = (name: string, literal: string, extra: Partial<DescribedNode> = {}) => {
    const offset = load.indexOf(`function ${literal}(`);
    const before = load.slice(0, offset);
    const line = before.split('\n').length;
    return fn(name, 'load.ts', line, offset - before.lastIndexOf('\n'), extra);
  };
  const graph: GraphDescription = {
    nodes: [
      at('survey_results', 'survey_results', { functionName: 'survey_results2' }),
      at('age', 'survey_results', { functionName: 'survey_results2' }),
      at('gender', 'survey_results', { functionName: 'survey_results2' }),
      at('age_mean', 'age_mean__streaming', { functionName: 'age_mean__streaming2' }),
      at('is_young', 'band', { functionName: 'band' }),
      at('checked_raw', 'checked', { functionName: 'checked2' }),
      at('checked_range_validator', 'checked', { functionName: 'checked2', type: 'DataQualityResult' }),
      at('checked', 'checked', { functionName: 'checked2' }),
      at('uses', 'uses'),
    ],
    edges: [
      { from: 'survey_results', to: 'age', optional: false },
      { from: 'age', to: 'is_young', optional: false },
      { from: 'age_mean', to: 'checked_raw', optional: false },
      { from: 'checked_raw', to: 'checked', optional: false },
      { from: 'checked_range_validator', to: 'checked', optional: false },
      { from: 'is_young', to: 'uses', optional: false },
      { from: 'checked', to: 'uses', optional: false },
      { from: 'checked_range_validator', to: 'uses', optional: false },
    ],
    cycles: [],
  };
  const check = buildEdgeCheck(graph, [{ name: 'load.ts', code: load }]);
  const line = (to: string, from: string) => {
    const probe = check.probes.find((p) => p.to === to && p.from === from);
    return probe && check.code.slice(probe.start, probe.end);
  };

  it("traces nodes to their exports by location, whatever the function literal's name", () => {
    // An extracted column is the frame's column of that name.
    expect(line('is_young', 'age')).toBe(
      "{ const __v: Parameters<typeof __m0.is_young>[0] = (null as unknown as Awaited<ReturnType<typeof __m0.survey_results>>).column('age'); void __v; }",
    );
    // A config.when variant feeds its own result; checkOutput's x_raw calls the function.
    expect(line('checked_raw', 'age_mean')).toContain(
      'Parameters<typeof __m0.checked>[0] = (null as unknown as Awaited<ReturnType<typeof __m0.age_mean__streaming>>)',
    );
    // parameterize's and checkOutput's final nodes hold the function's result.
    expect(line('uses', 'is_young')).toContain(
      '= (null as unknown as Awaited<ReturnType<typeof __m0.is_young>>)',
    );
    expect(line('uses', 'checked')).toContain('Parameters<typeof __m0.uses>[1]');
  });
  it('skips what it cannot type: validators, and a frame consumed by its own columns', () => {
    expect(line('uses', 'checked_range_validator')).toBeUndefined();
    expect(line('checked', 'checked_raw')).toBeUndefined();
    expect(line('age', 'survey_results')).toBeUndefined();
    expect(check.probes).toHaveLength(4);
  });
});

describe('buildEdgeCheck where the location is the export name', () => {
  const code = [
    'export function a(): number {',
    '  return 1;',
    '}',
    'export const e = (pad: string, a: string): number => a.length;',
    "export const f__batch = config.when({ mode: 'batch' })((a: string) => a.length);",
    '',
  ].join('\n');
  const graph: GraphDescription = {
    nodes: [fn('a', 'm.ts', 1, 8), fn('e', 'm.ts', 4, 14), fn('f', 'm.ts', 5, 14)],
    edges: [
      { from: 'a', to: 'e', optional: false },
      { from: 'a', to: 'f', optional: false },
    ],
    cycles: [],
  };
  it('finds the parameters of an arrow initialiser, decorated or not', () => {
    const check = buildEdgeCheck(graph, [{ name: 'm.ts', code }]);
    expect(check.probes).toEqual([
      expect.objectContaining({ to: 'e', line: 4, column: 32 }),
      expect.objectContaining({ to: 'f', line: 5, column: 57 }),
    ]);
    expect(check.code).toContain('Parameters<typeof __m0.e>[1]');
    expect(check.code).toContain('Parameters<typeof __m0.f__batch>[0]');
  });
});

describe('buildEdgeCheck on a parallel block', () => {
  const code = [
    "import type { Collect, Parallelizable } from 'hamilton';", // 1
    'export function* items(n: number): Parallelizable<string> {', // 2
    "  yield 'a';",
    '}',
    'export function size(items: string): number {', // 5
    '  return items.length;',
    '}',
    'export function total(size: Collect<number>): number {', // 8
    '  return size.length;',
    '}',
    'export function wrong(items: number): number {', // 11
    '  return items;',
    '}',
  ].join('\n');
  const graph: GraphDescription = {
    nodes: [
      fn('items', 'p.ts', 2, 8),
      fn('size', 'p.ts', 5, 8),
      fn('total', 'p.ts', 8, 8),
      fn('wrong', 'p.ts', 11, 8),
    ],
    edges: [
      { from: 'items', to: 'size', optional: false, parallel: 'expand' },
      { from: 'size', to: 'total', optional: false, parallel: 'collect' },
      { from: 'items', to: 'wrong', optional: false, parallel: 'expand' },
    ],
    cycles: [],
  };

  it('checks one item against the consumer of a Parallelizable, and an array of values against a Collect', async () => {
    const check = buildEdgeCheck(graph, [{ name: 'p.ts', code }]);
    expect(check.code).toContain(
      'declare function __hamilton_item<T>(items: Iterable<T> | AsyncIterable<T>): T;',
    );
    // The TypeScript checker accepts the block's edges and rejects the item read as the wrong type.
    const ts = await import('typescript');
    const files: Record<string, string> = {
      '/p/p.ts': code,
      '/p/hamilton.ts':
        'export type Parallelizable<T> = Iterable<T> | AsyncIterable<T>;\nexport type Collect<T> = T[];\n',
      '/p/edges.ts': check.code,
    };
    const host = ts.createCompilerHost({});
    const program = ts.createProgram(
      ['/p/edges.ts'],
      {
        strict: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        noEmit: true,
        lib: ['lib.es2022.d.ts'],
        paths: { hamilton: ['/p/hamilton.ts'] },
        baseUrl: '/p',
      },
      {
        ...host,
        fileExists: (f) => f in files || host.fileExists(f),
        directoryExists: (d) => d === '/p' || (host.directoryExists?.(d) ?? false),
        realpath: (f) => f,
        readFile: (f) => files[f] ?? host.readFile(f),
        getSourceFile: (f, v) =>
          f in files ? ts.createSourceFile(f, files[f], v) : host.getSourceFile(f, v),
      },
    );
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === '/p/edges.ts');
    const failed = errors.map((d) => check.probes.find((p) => d.start! >= p.start && d.start! < p.end)?.to);
    expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([
      "Type 'string' is not assignable to type 'number'.",
    ]);
    expect(failed).toEqual(['wrong']);
  }, 60_000); // building a TypeScript program loads its lib files: seconds on a loaded machine
});
