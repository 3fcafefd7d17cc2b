import { describe, expect, it } from 'vitest';
import { DataFrame } from '../../frame/dataframe';
import type { Series } from '../../frame/series';
import { ENABLE_POWER_USER_MODE, resolve, ResolveAt, resolveFromConfig } from './delayed';
import { hamiltonExclude } from './exclude';
import { extractColumns } from './extract';
import { ParameterizedExtract, parameterizeExtractColumns } from './parameterize_extract';
import { pipeInput, step } from './pipe';
import { schema, INTERNAL_SCHEMA_OUTPUT_KEY } from './schema';
import { source, value } from './dependencies';
import { analysed, driverOf, edgesOf, nodesOf } from './testing';

const POWER = { [ENABLE_POWER_USER_MODE]: true };

const frame = () => DataFrame.fromColumns({ a: [1, 2], b: [3, 4], c: [5, 6] });

describe('resolve / resolveFromConfig', () => {
  const dynamic = (decorator: typeof resolve | typeof resolveFromConfig) =>
    analysed(
      decorator({
        when: ResolveAt.CONFIG_AVAILABLE,
        decorateWith: (cols_to_extract: string[]) => extractColumns(...cols_to_extract),
      })(function fn(): DataFrame {
        return frame();
      }),
      { name: 'fn', returnType: 'DataFrame' },
    );

  it('applies the decorator decorateWith returns for the config (Hamilton: columns a, b)', () => {
    const dr = driverOf({ fn: dynamic(resolve) }, { cols_to_extract: ['a', 'b'], ...POWER });
    expect([...nodesOf(dr).keys()]).toEqual(['fn', 'a', 'b']);
    const out = dr.executeSync(['a', 'b']);
    expect(Array.from((out.a as Series<number>).toArray())).toEqual([1, 2]);
    const other = driverOf({ fn: dynamic(resolveFromConfig) }, { cols_to_extract: ['c'], ...POWER });
    expect([...nodesOf(other).keys()]).toEqual(['fn', 'c']);
  });

  it('passes optional config only when given, so the parameter default applies', () => {
    const fn = analysed(
      resolveFromConfig({
        decorateWith: (cols_to_extract: string[], cols_to_append: string[] = ['c']) =>
          extractColumns(...cols_to_extract, ...cols_to_append),
      })(function fn(): DataFrame {
        return frame();
      }),
      { name: 'fn', returnType: 'DataFrame' },
    );
    expect([...nodesOf(driverOf({ fn }, { cols_to_extract: ['a', 'b'], ...POWER })).keys()]).toEqual([
      'fn',
      'a',
      'b',
      'c',
    ]);
    expect([
      ...nodesOf(driverOf({ fn }, { cols_to_extract: ['a'], cols_to_append: ['b'], ...POWER })).keys(),
    ]).toEqual(['fn', 'a', 'b']);
  });

  it('fails without power-user mode, and names missing config', () => {
    expect(() => driverOf({ fn: dynamic(resolve) }, { cols_to_extract: ['a'] })).toThrow(
      "Dynamic functions are only allowed in power user mode!Why? This is occasionally needed to enable highly flexible dataflows, but it can compromise readability if you're not careful! To enable power user mode, pass in the configuration parameter hamilton.enable_power_user_mode=True to your driver.",
    );
    expect(() => driverOf({ fn: dynamic(resolve) }, POWER)).toThrow(
      "Config items: ['cols_to_extract'] declared but not provided for decorator: resolve on fn: fn",
    );
    expect(() =>
      resolve({
        when: 'later' as typeof ResolveAt.CONFIG_AVAILABLE,
        decorateWith: () => extractColumns('a'),
      }),
    ).toThrow('Dynamic functions must be configured at config time!');
  });
});

describe('hamiltonExclude', () => {
  it('keeps an exported helper out of the graph, still usable as a pipe step', () => {
    const add_one = analysed(
      hamiltonExclude((x: number) => x + 1),
      { name: 'add_one', params: 'x: number', returnType: 'number' },
    );
    const result = analysed(
      pipeInput(step(add_one))(function result(x: number): number {
        return x * 10;
      }),
      { params: 'x: number', returnType: 'number' },
    );
    const dr = driverOf({ add_one, result });
    expect(edgesOf(dr)).toEqual(['result <- result.with_add_one', 'result.with_add_one <- x']);
    expect(dr.executeSync(['result'], { inputs: { x: 1 } })).toEqual({ result: 20 });
  });
});

describe('schema.output', () => {
  it('tags the output with its declared schema', () => {
    const foo = analysed(
      schema.output(
        ['foo', 'int'],
        ['bar', 'float'],
        ['baz', 'str'],
      )(function foo() {
        return DataFrame.fromRecords([{ foo: 1, bar: 2.0, baz: '3' }]);
      }),
      { returnType: 'DataFrame<{ foo: number; bar: number; baz: string }>' },
    );
    expect(nodesOf(driverOf({ foo })).get('foo')?.tags[INTERNAL_SCHEMA_OUTPUT_KEY]).toBe(
      'foo=int,bar=float,baz=str',
    );
  });

  it('refuses an output that is not a data frame', () => {
    const foo = analysed(
      schema.output(['foo', 'int'])(function foo() {
        return 10;
      }),
      { returnType: 'number' },
    );
    expect(() => driverOf({ foo })).toThrow(
      /^Node foo has type number which is not a registered type for a dataset\. Registered types are \{'hamilton\/frame': DataFrame\}/,
    );
  });

  it('annotates target_ instead of the final node', () => {
    const df = analysed(
      schema.output(['a', 'int'], { target_: 'df' })(
        extractColumns('a')(function df() {
          return frame();
        }),
      ),
      { returnType: 'DataFrame<{ a: number }>' },
    );
    const nodes = nodesOf(driverOf({ df }));
    expect(nodes.get('df')?.tags[INTERNAL_SCHEMA_OUTPUT_KEY]).toBe('a=int');
    expect(nodes.get('a')?.tags[INTERNAL_SCHEMA_OUTPUT_KEY]).toBeUndefined();
  });
});

describe('parameterizeExtractColumns', () => {
  const fn = analysed(
    parameterizeExtractColumns(
      new ParameterizedExtract(['outseries1a', 'outseries2a'], {
        input1: source('inseries1a'),
        input2: source('inseries1b'),
        input3: value(10),
      }),
      new ParameterizedExtract(['outseries1b', 'outseries2b'], {
        input1: source('inseries2a'),
        input2: source('inseries2b'),
        input3: value(100),
      }),
    )(function fn(input1: Series<number>, input2: Series<number>, input3: number): DataFrame {
      return DataFrame.fromColumns({
        product: input1.mul(input2).mul(input3),
        sum: input1.add(input2).add(input3),
      });
    }),
    { params: 'input1: Series<number>, input2: Series<number>, input3: number', returnType: 'DataFrame' },
  );

  it('makes fn__0 and fn__1 with their columns (Hamilton: six nodes), renamed to the outputs', () => {
    const dr = driverOf({ fn });
    expect(edgesOf(dr)).toEqual([
      'fn__0 <- inseries1a, inseries1b',
      'outseries1a <- fn__0',
      'outseries2a <- fn__0',
      'fn__1 <- inseries2a, inseries2b',
      'outseries1b <- fn__1',
      'outseries2b <- fn__1',
    ]);
    const one = DataFrame.fromColumns({ x: [1] }).column('x');
    const out = dr.executeSync(['fn__0', 'outseries2a', 'outseries1b', 'outseries2b'], {
      inputs: { inseries1a: one, inseries1b: one, inseries2a: one, inseries2b: one },
    });
    expect((out.fn__0 as DataFrame).toRecords()).toEqual([{ outseries1a: 10, outseries2a: 12 }]);
    expect((out.outseries2a as Series<number>).toArray()).toEqual([12]);
    expect((out.outseries1b as Series<number>).toArray()).toEqual([100]);
    expect((out.outseries2b as Series<number>).toArray()).toEqual([102]);
  });

  it("keeps the frame's own columns with reassignColumns: false", () => {
    const keep = analysed(
      parameterizeExtractColumns(new ParameterizedExtract(['a', 'b'], { n: value(1) }), {
        reassignColumns: false,
      })(function keep(n: number): DataFrame {
        return DataFrame.fromColumns({ a: [n], b: [n + 1] });
      }),
      { params: 'n: number', returnType: 'DataFrame' },
    );
    const out = driverOf({ keep }).executeSync(['keep__0', 'b']);
    expect((out.keep__0 as DataFrame).columnNames).toEqual(['a', 'b']);
    expect((out.b as Series<number>).toArray()).toEqual([2]);
  });
});
