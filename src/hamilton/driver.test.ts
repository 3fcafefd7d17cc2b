import { describe, expect, it, vi } from 'vitest';
import { Builder } from './builder';
import { Driver } from './driver';
import {
  ConfigInputOverlapError,
  CycleError,
  DuplicateDefinitionError,
  HamiltonErrors,
  MissingInputError,
  ModuleNotAnalysedError,
  NodeExecutionError,
  UnknownNodesError,
} from './errors';
import { analysedModule } from './fixtures/analysed';

// The talk's hello world, on plain arrays.
const num = { type: 'number[]' };
const helloWorld = analysedModule('hello_world', {
  a: [
    (input: number[]) => input.map((x) => x % 7),
    [{ name: 'input', ...num }],
    { returnType: 'number[]', doc: 'input mod 7' },
  ],
  b: [(a: number[]) => a.map((x) => x * 2), [{ name: 'a', ...num }], { returnType: 'number[]' }],
  c: [
    (a: number[], b: number[]) => a.map((x, i) => x * 3 + b[i] * 2),
    [
      { name: 'a', ...num },
      { name: 'b', ...num },
    ],
    { returnType: 'number[]' },
  ],
  d: [(c: number[]) => c.map((x) => x ** 3), [{ name: 'c', ...num }], { returnType: 'number[]' }],
});
const input = [1, 2, 3, 4, 5];

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('hello world', () => {
  it('computes c and d from the input 1..5', async () => {
    const dr = new Driver({}, helloWorld);
    const out = await dr.execute(['c', 'd'], { inputs: { input } });
    expect(out).toEqual({ c: [7, 14, 21, 28, 35], d: [343, 2744, 9261, 21952, 42875] });
    expect(Object.keys(out)).toEqual(['c', 'd']);
    expect(dr.executeSync(['d', 'c'], { inputs: { input } })).toEqual(out);
    expect(Object.keys(dr.executeSync(['d', 'c'], { inputs: { input } }))).toEqual(['d', 'c']);
  });

  it('accepts the functions themselves as final vars', () => {
    const dr = new Driver({}, helloWorld);
    expect(dr.executeSync([helloWorld.d as Function, 'a'], { inputs: { input } })).toEqual({
      d: [343, 2744, 9261, 21952, 42875],
      a: [1, 2, 3, 4, 5],
    });
  });

  it('refuses a function that defines no node', () => {
    function stranger() {
      return 1;
    }
    expect(() => new Driver({}, helloWorld).executeSync([stranger])).toThrow(
      'Unknown nodes [stranger] requested. Check for typos?',
    );
  });

  it('echoes a final var that is only an input', () => {
    const dr = new Driver({}, helloWorld);
    expect(dr.executeSync(['input', 'a', 'extra'], { inputs: { input, extra: 42 } })).toEqual({
      input,
      a: input,
      extra: 42,
    });
  });

  it('runs only the upstream of the final vars, each node once', () => {
    const calls: string[] = [];
    const m = analysedModule('m', {
      a: [(input: number) => (calls.push('a'), input + 1), ['input']],
      b: [(a: number) => (calls.push('b'), a * 2), ['a']],
      c: [(a: number, b: number) => (calls.push('c'), a + b), ['a', 'b']],
      unrelated: [(zzz: number) => (calls.push('unrelated'), zzz), ['zzz']],
    });
    expect(new Driver({}, m).executeSync(['c'], { inputs: { input: 1 } })).toEqual({ c: 6 });
    expect(calls).toEqual(['a', 'b', 'c']);
  });
});

describe('overrides', () => {
  it('skips the overridden node and the ancestors only it needed; no input required', () => {
    const calls: string[] = [];
    const m = analysedModule('m', {
      a: [(input: number) => (calls.push('a'), input), ['input']],
      b: [(a: number) => (calls.push('b'), a * 2), ['a']],
      c: [(b: number) => (calls.push('c'), b + 1), ['b']],
    });
    const dr = new Driver({}, m);
    expect(dr.executeSync(['c'], { overrides: { b: 10 } })).toEqual({ c: 11 });
    expect(calls).toEqual(['c']);
    expect(() => dr.validateExecution(['c'], { overrides: { b: 10 } })).not.toThrow();
    expect(() => dr.validateExecution(['c'])).toThrow(MissingInputError);
  });

  it('returns an overridden final var and accepts overrides of inputs', () => {
    const m = analysedModule('m', {
      a: [(input: number) => input + 1, ['input']],
      b: [(a: number) => a * 2, ['a']],
    });
    const dr = new Driver({}, m);
    expect(dr.executeSync(['a', 'b'], { overrides: { a: 5 } })).toEqual({ a: 5, b: 10 });
    expect(dr.executeSync(['b'], { overrides: { input: 1 } })).toEqual({ b: 4 });
  });

  it('still runs ancestors another node needs', () => {
    const m = analysedModule('m', {
      a: [(input: number) => input + 1, ['input']],
      b: [(a: number) => a * 2, ['a']],
      c: [(a: number, b: number) => a + b, ['a', 'b']],
    });
    expect(new Driver({}, m).executeSync(['c'], { inputs: { input: 1 }, overrides: { b: 100 } })).toEqual({
      c: 102,
    });
  });
});

describe('optional parameters', () => {
  const m = analysedModule('m', {
    total: [(base: number, bonus = 5) => base + bonus, ['base', { name: 'bonus', optional: true }]],
    scaled: [(total: number, factor = 2) => total * factor, ['total', { name: 'factor', optional: true }]],
  });

  it('uses the default when nothing provides the dependency', () => {
    expect(new Driver({}, m).executeSync(['scaled'], { inputs: { base: 1 } })).toEqual({ scaled: 12 });
  });

  it('uses the provided value when there is one', () => {
    expect(new Driver({}, m).executeSync(['scaled'], { inputs: { base: 1, bonus: 0, factor: 10 } })).toEqual({
      scaled: 10,
    });
  });

  it('lists optional dependencies separately', () => {
    const v = new Driver({}, m).listAvailableVariables().find((x) => x.name === 'total');
    expect(v?.requiredDependencies).toEqual(['base']);
    expect(v?.optionalDependencies).toEqual(['bonus']);
  });

  it('does not require an input read only optionally', () => {
    const dr = new Driver({}, m);
    expect(() => dr.validateExecution(['total'], { inputs: { base: 1 } })).not.toThrow();
  });
});

describe('config', () => {
  const m = analysedModule('m', {
    rate: [() => 0.1, []],
    price: [(cost: number, rate: number) => cost * (1 + rate), ['cost', 'rate']],
  });

  it('acts as an input and replaces a same-named function', () => {
    const dr = new Driver({ rate: 0.5 }, m);
    expect(dr.executeSync(['price', 'rate'], { inputs: { cost: 10 } })).toEqual({ price: 15, rate: 0.5 });
    const rate = dr.listAvailableVariables().find((v) => v.name === 'rate');
    expect(rate).toMatchObject({ kind: 'config', isExternalInput: true });
    expect(new Driver({}, m).executeSync(['price'], { inputs: { cost: 10 } }).price).toBeCloseTo(11);
  });

  it('may not overlap inputs', () => {
    const dr = new Driver({ rate: 0.5 }, m);
    expect(() => dr.executeSync(['price'], { inputs: { cost: 10, rate: 1 } })).toThrow(
      ConfigInputOverlapError,
    );
    expect(() => dr.executeSync(['price'], { inputs: { cost: 10, rate: 1 } })).toThrow(
      "The following inputs are present in both config and inputs. They must be mutually disjoint. ['rate']",
    );
  });

  it('Builder takes a result builder', async () => {
    const dr = new Builder()
      .withModules(m)
      .withResultBuilder({ build: (outputs) => Object.entries(outputs).map(([k, v]) => `${k}=${String(v)}`) })
      .build();
    const rows: string[] = await dr.execute(['rate', 'price'], { inputs: { cost: 10 } });
    expect(rows).toEqual(['rate=0.1', 'price=11']);
  });

  it('Builder merges config and builds the same graph', () => {
    const dr = new Builder().withConfig({ rate: 0.5 }).withModules(m).build();
    expect(dr.executeSync(['price'], { inputs: { cost: 2 } })).toEqual({ price: 3 });
  });
});

describe('errors before anything runs', () => {
  const m = analysedModule('features', {
    a: [(x: number) => x, ['x'], { line: 3 }],
    b: [(x: number, y: number) => x + y, ['x', 'y'], { line: 7 }],
  });

  it('names every consumer of a missing input in the message, and the first one’s module and line beside it', () => {
    const dr = new Driver({}, m);
    const error = catchError(() => dr.executeSync(['a', 'b'], { inputs: { y: 1 } }));
    expect(error).toBeInstanceOf(MissingInputError);
    expect((error as MissingInputError).message).toBe(
      "1 errors encountered: \n  Error: Required input x not provided for nodes: ['a', 'b'].",
    );
    expect((error as MissingInputError).module).toBe('features');
    expect((error as MissingInputError).location?.line).toBe(3);
  });

  it('reports unknown outputs alone, then every input problem at once, as Hamilton does', async () => {
    let ran = false;
    const n = analysedModule('n', { c: [(x: number) => ((ran = true), x), ['x']] });
    const dr = new Driver({}, m, n);
    const unknown = await dr.execute(['zzz', 'b', 'c', 'qqq']).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnknownNodesError);
    expect((unknown as Error).message).toBe('Unknown nodes [zzz,\nqqq] requested. Check for typos?');
    const error = await dr.execute(['b', 'c']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HamiltonErrors);
    const errors = (error as HamiltonErrors).errors;
    expect(errors.map((e) => e.constructor)).toEqual([MissingInputError, MissingInputError]);
    expect((error as Error).message).toBe(
      "2 errors encountered: \n  Error: Required input x not provided for nodes: ['a', 'b', 'c'].\n" +
        "  Error: Required input y not provided for nodes: ['b'].",
    );
    expect(ran).toBe(false);
  });

  it('refuses duplicate definitions unless module overrides are allowed', () => {
    const other = analysedModule('other', { a: [(x: number) => x * 100, ['x']] });
    expect(() => new Driver({}, m, other)).toThrow(DuplicateDefinitionError);
    expect(() => new Driver({}, m, other)).toThrow(
      /^Cannot define function a more than once\. Already defined \(module features, features\.ts:3:1\); defined again \(module other, other\.ts:1:1\)/,
    );
    const dr = new Builder().withModules(m, other).allowModuleOverrides().build();
    expect(dr.executeSync(['a'], { inputs: { x: 2 } })).toEqual({ a: 200 });
  });

  it('builds a graph with a cycle, but refuses to run or validate it', () => {
    const cyc = analysedModule('cyc', {
      a: [(c: number) => c, ['c']],
      b: [(a: number) => a, ['a']],
      c: [(b: number) => b, ['b']],
      free: [(x: number) => x, ['x']],
    });
    const dr = new Driver({}, cyc);
    expect(dr.graph.cycles).toEqual([['a', 'b', 'c']]);
    expect(dr.displayAllFunctions().cycles).toEqual([['a', 'b', 'c']]);
    expect(() => dr.validateExecution(['c'])).toThrow(CycleError);
    expect(() => dr.validateExecution(['c'])).toThrow(
      'The graph has a cycle, so it cannot run: a -> b -> c -> a',
    );
    expect(dr.executeSync(['free'], { inputs: { x: 1 } })).toEqual({ free: 1 });
  });

  it('lets a node error propagate unchanged and logs a report with the node and its inputs', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const boom = new RangeError('negative');
    const f = analysedModule('f', {
      ok: [(x: number) => x, ['x']],
      bad: [
        (ok: number, label: string) => {
          if (ok < 0) throw boom;
          return `${label}${ok}`;
        },
        ['ok', 'label'],
        { line: 12 },
      ],
    });
    const dr = new Driver({}, f);
    const inputs = { x: -1, label: 'a'.repeat(80) };
    const error = (() => {
      try {
        dr.executeSync(['bad'], { inputs });
      } catch (e) {
        return e;
      }
    })();
    // As in Hamilton: the node's own error, unchanged; the report is logged.
    expect(error).toBe(boom);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(
      /^Node bad \[f\.bad\(\)\] encountered an error \(module f, f\.ts:12:1\): negative\n> Node inputs:\n {2}ok: -1\n {2}label: "a{49}\.\.\./,
    );
    expect(await dr.execute(['bad'], { inputs }).catch((e: unknown) => e)).toBe(boom);
    logged.mockRestore();
  });

  it('surfaces non-Error throws and rejections with the node name', async () => {
    const f = analysedModule('f', {
      s: [
        () => {
          throw 'plain string';
        },
        [],
      ],
      o: [async () => Promise.reject({ code: 7 }), []],
    });
    const dr = new Driver({}, f);
    expect(() => dr.executeSync(['s'])).toThrow(
      'Node s [f.s()] encountered an error (module f, f.ts:1:1): plain string',
    );
    const e = (await dr.execute(['o']).catch((x: unknown) => x)) as NodeExecutionError;
    expect(e).toBeInstanceOf(NodeExecutionError);
    expect(e.nodeName).toBe('o');
    expect(e.message).toMatch(/^Node o .*non-Error value thrown: \{"code":7\}/);
    expect(e.cause).toEqual({ code: 7 });
  });

  it('executeSync refuses a node that returns a Promise', () => {
    const f = analysedModule('f', { p: [async () => 1, []] });
    expect(() => new Driver({}, f).executeSync(['p'])).toThrow(
      'Node p returned a Promise, which executeSync cannot wait for. Use await driver.execute(...) instead.',
    );
  });
});

describe('modules', () => {
  it('reads parameter names of unanalysed plain objects from the function text, with a warning', () => {
    const dr = new Driver(
      {},
      {
        a: (input: number) => input + 1,
        b: function (a: number, bonus = 2) {
          return a * bonus;
        },
        _private: () => 0,
        notAFunction: 42,
      },
    );
    expect(dr.executeSync(['b'], { inputs: { input: 1 } })).toEqual({ b: 4 });
    expect(dr.listAvailableVariables().map((v) => v.name)).toEqual(['a', 'b', 'input', 'bonus']);
    expect(dr.warnings[0]).toMatch(
      /^module module: the parameter names of 2 function\(s\) were read from the function text/,
    );
  });

  it('refuses an ES module namespace that was not analysed', async () => {
    const ns = await import('./fixtures/unanalysed');
    expect(() => new Driver({}, ns)).toThrow(ModuleNotAnalysedError);
    expect(() => new Driver({}, ns)).toThrow(
      /^module with exports one, two was not analysed: .*hamiltonAnalysis\(\)/,
    );
  });

  it('reads static methods of exported classes as nodes', () => {
    class Features {
      static base = 10;
      static scaled(x: number) {
        return x * this.base;
      }
      static _hidden() {
        return 0;
      }
    }
    const dr = new Driver({}, { Features });
    expect(dr.executeSync(['scaled'], { inputs: { x: 2 } })).toEqual({ scaled: 20 });
  });

  it('tags every node with its module and keeps types and docs', () => {
    const v = new Driver({}, helloWorld).listAvailableVariables();
    expect(v.find((x) => x.name === 'a')).toMatchObject({
      type: 'number[]',
      tags: { module: 'hello_world' },
      documentation: 'input mod 7',
      isExternalInput: false,
      location: { file: 'hello_world.ts', line: 1, column: 1 },
    });
    expect(v.find((x) => x.name === 'input')).toMatchObject({
      type: 'number[]',
      isExternalInput: true,
      kind: 'input',
    });
  });
});
