/**
 * docs/hamilton-semantics.md §1–§3 and §6, claim by claim, through the public API only (`hamilton`), written as a
 * Hamilton user would translate the Python examples. Expected names, orders and texts are Hamilton
 * 1.88.0's (read from apache/hamilton: driver.py, graph.py, graph_types.py, graph_utils.py).
 */
import { describe, expect, it, vi } from 'vitest';
import * as hamilton from './index';
import {
  AsyncInSyncError,
  Builder,
  ConfigInputOverlapError,
  DictResult,
  Driver,
  DuplicateDefinitionError,
  MissingInputError,
  NodeExecutionError,
  UnknownNodesError,
  toDot,
  type LifecycleAdapter,
  type ResultBuilder,
} from './index';
import { analysed } from './function_modifiers/testing';
import * as ordering from './fixtures/ordering';

const fn = <F extends Function>(f: F, params: string, returnType = 'number', doc = '') =>
  analysed(f, { params, returnType, doc, module: 'my_functions' });

// The talk's hello world: a = input % 7, b = a * 2, c = a * 3 + b * 2, d = c ** 3.
const helloWorld = {
  a: fn((input: number) => input % 7, 'input: number', 'number', 'input mod 7'),
  b: fn((a: number) => a * 2, 'a: number'),
  c: fn((a: number, b: number) => a * 3 + b * 2, 'a: number, b: number'),
  d: fn((c: number) => c ** 3, 'c: number'),
};

const names = (vs: readonly { name: string }[]) => vs.map((v) => v.name);

describe('§1 functions become nodes', () => {
  it('exports are nodes; _private helpers and non-functions are not', () => {
    const dr = new Driver({}, { ...helloWorld, _helper: fn(() => 1, ''), VERSION: '1.0', threshold: 3 });
    expect(names(dr.listAvailableVariables())).toEqual(['a', 'b', 'c', 'd', 'input']);
  });

  it('an analysed module: nodes by name as Hamilton lists them, docs and types from the source', () => {
    const dr = new Driver({}, ordering);
    expect(names(dr.listAvailableVariables())).toEqual(['alpha', 'middle', 'zeta', 'raw', 'scale']);
    expect(dr.listAvailableVariables()[2]).toMatchObject({
      name: 'zeta',
      type: 'number',
      documentation: 'Reads the raw value, scaled.',
      tags: { module: 'ordering' },
      requiredDependencies: ['raw'],
      optionalDependencies: ['scale'],
    });
    // a decorated export is analysed through its wrapper
    expect(dr.listAvailableVariables({ tagFilter: { owner: 'ds' } })).toMatchObject([
      { name: 'middle', documentation: 'Both together.', requiredDependencies: ['zeta', 'alpha'] },
    ]);
    expect(() => dr.executeSync(['middle'])).toThrow(
      "Required input raw not provided for nodes: ['alpha', 'zeta'].",
    );
    expect(dr.executeSync(['middle'], { inputs: { raw: 10 } })).toEqual({ middle: 20 + 11 });
  });

  it('a parameter nothing produces is an external input node', () => {
    const [input] = new Driver({}, helloWorld).listAvailableVariables().filter((v) => v.name === 'input');
    expect(input).toMatchObject({
      name: 'input',
      type: 'number',
      isExternalInput: true,
      tags: {},
      requiredDependencies: [],
      optionalDependencies: [],
    });
  });

  it('optional parameter: default applies without a producer; a producer or an input is used', () => {
    const scaled = fn((x: number, factor = 2) => x * factor, 'x: number, factor?: number');
    expect(new Driver({}, { scaled }).executeSync(['scaled'], { inputs: { x: 3 } })).toEqual({ scaled: 6 });
    expect(new Driver({}, { scaled }).executeSync(['scaled'], { inputs: { x: 3, factor: 10 } })).toEqual({
      scaled: 30,
    });
    const factor = fn(() => 5, '');
    expect(new Driver({}, { scaled, factor }).executeSync(['scaled'], { inputs: { x: 3 } })).toEqual({
      scaled: 15,
    });
    const [v] = new Driver({}, { scaled }).listAvailableVariables();
    expect(v.requiredDependencies).toEqual(['x']);
    expect(v.optionalDependencies).toEqual(['factor']);
  });

  it('config keys act as inputs and replace same-named functions; config and inputs must not overlap', () => {
    const dr = new Driver({ input: 10, b: 100 }, helloWorld);
    expect(dr.executeSync(['c'])).toEqual({ c: 3 * 3 + 100 * 2 });
    expect(dr.graph.nodes.get('b')?.kind).toBe('config');
    expect(() => dr.executeSync(['c'], { inputs: { input: 1 } })).toThrow(ConfigInputOverlapError);
    expect(() => dr.executeSync(['c'], { inputs: { input: 1 } })).toThrow(
      "The following inputs are present in both config and inputs. They must be mutually disjoint. ['input']",
    );
  });

  it('every node carries its module tag; documentation is the doc comment', () => {
    const a = new Driver({}, helloWorld).listAvailableVariables()[0];
    expect(a.tags).toEqual({ module: 'my_functions' });
    expect(a.documentation).toBe('input mod 7');
  });
});

describe('§2 the driver', () => {
  it('Driver(config, *modules) and the Builder build the same graph', async () => {
    const built = new Builder().withConfig({}).withModules(helloWorld).build();
    const out = await built.execute(['c', 'd'], { inputs: { input: 4 } });
    expect(out).toEqual(await new Driver({}, helloWorld).execute(['c', 'd'], { inputs: { input: 4 } }));
    expect(out).toEqual({ c: 4 * 3 + 8 * 2, d: (4 * 3 + 8 * 2) ** 3 });
  });

  it('the Builder has Hamilton’s methods in camelCase and merges config', () => {
    const b = new Builder();
    for (const m of [
      'withConfig',
      'withModules',
      'withAdapters',
      'withResultBuilder',
      'allowModuleOverrides',
      'build',
    ])
      expect(typeof (b as unknown as Record<string, unknown>)[m]).toBe('function');
    const dr = new Builder().withConfig({ input: 1 }).withConfig({ b: 2 }).withModules(helloWorld).build();
    expect(dr.executeSync(['c'])).toEqual({ c: 3 + 4 });
  });

  it('a name defined twice is an error unless module overrides are allowed (the later module wins)', () => {
    const other = { b: fn((a: number) => a * 100, 'a: number') };
    expect(() => new Driver({}, helloWorld, other)).toThrow(DuplicateDefinitionError);
    expect(() => new Driver({}, helloWorld, other)).toThrow('Cannot define function b more than once');
    const dr = new Builder().withModules(helloWorld, other).allowModuleOverrides().build();
    expect(dr.executeSync(['b'], { inputs: { input: 2 } })).toEqual({ b: 200 });
  });

  it('final vars: names or functions, order kept, each node once, only the upstream runs', () => {
    const calls: string[] = [];
    const counted = {
      a: fn((input: number) => (calls.push('a'), input), 'input: number'),
      b: fn((a: number) => (calls.push('b'), a + 1), 'a: number'),
      c: fn((a: number, b: number) => (calls.push('c'), a + b), 'a: number, b: number'),
      unrelated: fn((other: number) => (calls.push('unrelated'), other), 'other: number'),
    };
    const dr = new Driver({}, counted);
    const out = dr.executeSync(['c', counted.a], { inputs: { input: 1 } });
    expect(Object.keys(out)).toEqual(['c', 'a']);
    expect(out).toEqual({ c: 3, a: 1 });
    // dependencies in parameter order, each once; `unrelated` (and its input) not needed
    expect(calls).toEqual(['a', 'b', 'c']);
  });

  it('final vars may be variables (from a listing or lineage query) and config keys', () => {
    const dr = new Driver({ mode: 'fast' }, helloWorld);
    const wanted = dr.listAvailableVariables().filter((v) => ['b', 'd'].includes(v.name));
    expect(dr.executeSync(wanted, { inputs: { input: 1 } })).toEqual({ b: 2, d: 7 ** 3 });
    expect(dr.executeSync(['mode'])).toEqual({ mode: 'fast' });
  });

  it('a result builder passed with the adapters (Hamilton’s with_adapters(base.DictResult())) builds the result', () => {
    const count: ResultBuilder<number> = { build: (outputs) => Object.keys(outputs).length };
    const seen: string[] = [];
    const dr = new Builder()
      .withModules(helloWorld)
      .withAdapters(count, { runBeforeNodeExecution: (c) => void seen.push(c.nodeName) })
      .build();
    expect(dr.executeSync(['a', 'b'], { inputs: { input: 1 } })).toBe(2);
    expect(seen).toEqual(['a', 'b']);
  });

  it('an override replaces a node: it does not run and its ancestors are neither required nor run', () => {
    const dr = new Driver({}, helloWorld);
    expect(dr.executeSync(['d'], { overrides: { c: 2 } })).toEqual({ d: 8 });
    expect(dr.executeSync(['c', 'd'], { inputs: { input: 1 }, overrides: { b: 10 } })).toEqual({
      c: 3 + 20,
      d: 23 ** 3,
    });
  });

  it('a final var that is only an input is echoed back', () => {
    const dr = new Driver({}, helloWorld);
    expect(dr.executeSync(['input', 'a'], { inputs: { input: 9 } })).toEqual({ input: 9, a: 2 });
    expect(dr.executeSync(['not_a_node'], { inputs: { not_a_node: 'x' } })).toEqual({ not_a_node: 'x' });
    // Requested but not given, and read by nothing that runs: not required; Hamilton returns None.
    expect(dr.executeSync(['input'])).toEqual({ input: undefined });
    expect(() => dr.executeSync(['input', 'a'])).toThrow("Required input input not provided for nodes: ['a'].");
  });

  it('the default result is a plain object; result builders are pluggable', () => {
    expect(
      new Builder()
        .withModules(helloWorld)
        .build()
        .executeSync(['a'], { inputs: { input: 8 } }),
    ).toEqual({
      a: 1,
    });
    const sum: ResultBuilder<number> = {
      build: (outputs) => Object.values(outputs).reduce((s: number, v) => s + (v as number), 0),
    };
    const dr = new Builder().withModules(helloWorld).withResultBuilder(sum).build();
    expect(dr.executeSync(['a', 'b'], { inputs: { input: 8 } })).toBe(3);
    expect(new DictResult().build({ x: 1 })).toEqual({ x: 1 });
  });

  it('missing input: every consumer named, in Hamilton’s order (by name, as inspect.getmembers lists them)', () => {
    // defined b before a: Hamilton still lists the consumers as ['a', 'b']
    const m = { b: fn((x: number) => x, 'x: number'), a: fn((x: number) => x, 'x: number') };
    const dr = new Driver({}, m);
    expect(() => dr.executeSync(['a', 'b'])).toThrow("Required input x not provided for nodes: ['a', 'b'].");
    expect(() => dr.executeSync(['b'])).toThrow(MissingInputError);
  });

  it('an input only an optional parameter or an unrequested node needs is not required', () => {
    const m = {
      a: fn((x: number, y = 1) => x + y, 'x: number, y?: number'),
      other: fn((z: number) => z, 'z: number'),
    };
    expect(new Driver({}, m).executeSync(['a'], { inputs: { x: 1 } })).toEqual({ a: 2 });
  });

  it('unknown final vars are named together and reported before any input problem; nothing runs', () => {
    const ran: string[] = [];
    const m = { a: fn((x: number) => (ran.push('a'), x), 'x: number') };
    const dr = new Driver({}, m);
    expect(() => dr.executeSync(['zzz', 'qqq'])).toThrow(
      'Unknown nodes [zzz,\nqqq] requested. Check for typos?',
    );
    expect(() => dr.executeSync(['zzz'])).toThrow(UnknownNodesError);
    try {
      dr.executeSync(['a', 'zzz'], { inputs: {} });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('Unknown nodes [zzz] requested. Check for typos?');
    }
    expect(() => dr.executeSync(['a'])).toThrow(
      "1 errors encountered: \n  Error: Required input x not provided for nodes: ['a'].",
    );
    expect(ran).toEqual([]);
  });

  it('validateExecution throws every problem at once and runs nothing', () => {
    const ran: string[] = [];
    const m = {
      a: fn((x: number) => (ran.push('a'), x), 'x: number'),
      b: fn((a: number, y: number) => (ran.push('b'), a + y), 'a: number, y: number'),
    };
    const dr = new Driver({}, m);
    expect(() => dr.validateExecution(['b'], { inputs: { x: 1, y: 2 } })).not.toThrow();
    expect(() => dr.validateExecution(['b'])).toThrow(
      "2 errors encountered: \n  Error: Required input x not provided for nodes: ['a'].\n  Error: Required input y not provided for nodes: ['b'].",
    );
    expect(() => dr.validateExecution(['b'], { overrides: { a: 1 }, inputs: { y: 1 } })).not.toThrow();
    expect(ran).toEqual([]);
  });

  it('a node’s own exception propagates unchanged; the logged report names the node and its inputs', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const boom = new RangeError('negative');
    const m = {
      a: fn((x: number) => {
        if (x < 0) throw boom;
        return x;
      }, 'x: number'),
    };
    const dr = new Driver({}, m);
    let caught: unknown;
    try {
      dr.executeSync(['a'], { inputs: { x: -1 } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    expect(logged).toHaveBeenCalledTimes(1);
    const report = String(logged.mock.calls[0][0]);
    expect(report).toMatch(/^Node a \[.*\] encountered an error/);
    expect(report).toContain('negative');
    expect(report).toContain('x: -1');
    await expect(dr.execute(['a'], { inputs: { x: -1 } })).rejects.toBe(boom);
    expect(logged).toHaveBeenCalledTimes(2);
    // JavaScript can throw what Python cannot: a value that is not an Error still names its node.
    const text = new Driver(
      {},
      {
        t: fn(() => {
          throw 'text';
        }, ''),
      },
    );
    expect(() => text.executeSync(['t'])).toThrow(NodeExecutionError);
    expect(() => text.executeSync(['t'])).toThrow(/^Node t .*: text/);
    logged.mockRestore();
  });

  it('a cycle is reported with the nodes on it before anything runs', () => {
    const m = { p: fn((q: number) => q, 'q: number'), q: fn((p: number) => p, 'p: number') };
    const dr = new Driver({}, m);
    expect(dr.graph.cycles).toEqual([['p', 'q']]);
    expect(() => dr.executeSync(['p'])).toThrow(hamilton.CycleError);
    expect(() => dr.executeSync(['p'])).toThrow('p -> q -> p');
  });

  it('async: independent branches run concurrently', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const m = {
      left: fn(async () => (await sleep(150), 1), ''),
      right: fn(async () => (await sleep(150), 2), ''),
      both: fn((left: number, right: number) => left + right, 'left: number, right: number'),
    };
    const started = performance.now();
    expect(await new Driver({}, m).execute(['both'])).toEqual({ both: 3 });
    // sequential would take 300 ms; concurrent about 150
    expect(performance.now() - started).toBeLessThan(290);
  });

  it('executeSync refuses a node that returns a Promise', () => {
    const m = { a: fn(async () => 1, '') };
    expect(() => new Driver({}, m).executeSync(['a'])).toThrow(AsyncInSyncError);
  });

  it('lifecycle hooks in Hamilton’s order; a failing node gets its after-hook; after-graph always runs', async () => {
    const log: string[] = [];
    const adapter: LifecycleAdapter = {
      runBeforeGraphExecution: (c) =>
        void log.push(`before graph ${c.finalVars.join(',')} ${c.executionPath.join(',')}`),
      runBeforeNodeExecution: (c) => void log.push(`before ${c.nodeName} ${JSON.stringify(c.nodeKwargs)}`),
      runAfterNodeExecution: (c) => void log.push(`after ${c.nodeName} ${c.success} ${String(c.result)}`),
      runAfterGraphExecution: (c) => void log.push(`after graph ${c.success}`),
    };
    const m = {
      a: fn((x: number) => x + 1, 'x: number'),
      b: fn((a: number) => {
        if (a > 5) throw new Error('too big');
        return a;
      }, 'a: number'),
    };
    const dr = new Builder().withModules(m).withAdapters(adapter).build();
    expect(dr.executeSync(['b'], { inputs: { x: 1 } })).toEqual({ b: 2 });
    expect(log).toEqual([
      'before graph b a,b',
      'before a {"x":1}',
      'after a true 2',
      'before b {"a":2}',
      'after b true 2',
      'after graph true',
    ]);
    log.length = 0;
    await expect(dr.execute(['b'], { inputs: { x: 9 } })).rejects.toThrow('too big');
    expect(log).toEqual([
      'before graph b a,b',
      'before a {"x":9}',
      'after a true 10',
      'before b {"a":10}',
      'after b false undefined',
      'after graph false',
    ]);
  });
});

describe('§3 lineage and visualization', () => {
  const m = {
    age: fn((raw: number) => raw, 'raw: number'),
    age_normalized: analysed((age: number) => age, {
      params: 'age: number',
      module: 'features',
    }),
    feature_set_v1: fn(
      (age_normalized: number, income: number) => age_normalized + income,
      'age_normalized: number, income: number',
    ),
    income: fn((salary: number) => salary, 'salary: number'),
  };
  const dr = new Driver({ region: 'uk' }, m);

  it('listAvailableVariables: functions by name, then inputs as first read, then config; all fields', () => {
    const vars = dr.listAvailableVariables();
    expect(names(vars)).toEqual([
      'age',
      'age_normalized',
      'feature_set_v1',
      'income',
      'raw',
      'salary',
      'region',
    ]);
    const region = vars.find((v) => v.name === 'region');
    expect(region?.isExternalInput).toBe(true);
    expect(vars.find((v) => v.name === 'feature_set_v1')).toMatchObject({
      isExternalInput: false,
      requiredDependencies: ['age_normalized', 'income'],
      optionalDependencies: [],
      type: 'number',
    });
  });

  it('tag filter: all keys match; null means "has the tag"; a list means any of the values', () => {
    const tagged = {
      x: analysed(
        hamilton.tag({ owner: 'ds', pii: 'true' })((a: number) => a),
        { params: 'a: number' },
      ),
      y: analysed(
        hamilton.tag({ owner: 'finance' })((a: number) => a),
        { params: 'a: number' },
      ),
      z: analysed(
        hamilton.tag({ owner: ['ds', 'ops'] })((a: number) => a),
        { params: 'a: number' },
      ),
    };
    const d = new Driver({}, tagged);
    const list = (tagFilter: hamilton.TagFilter) => names(d.listAvailableVariables({ tagFilter }));
    expect(list({ owner: 'ds' })).toEqual(['x', 'z']);
    expect(list({ owner: ['finance', 'ops'] })).toEqual(['y', 'z']);
    expect(list({ pii: null })).toEqual(['x']);
    expect(list({ owner: 'ds', pii: 'true' })).toEqual(['x']);
    expect(list({ module: 'features' })).toEqual(['x', 'y', 'z']);
    expect(() => list({ owner: [] })).toThrow('All tag query values must be a string or list of strings');
  });

  it('upstream / downstream include the named nodes; path between = downstream(a) ∩ upstream(b)', () => {
    expect(names(dr.whatIsUpstreamOf('age_normalized'))).toEqual(['age', 'age_normalized', 'raw']);
    expect(names(dr.whatIsDownstreamOf('age'))).toEqual(['age', 'age_normalized', 'feature_set_v1']);
    expect(names(dr.whatIsThePathBetween('raw', 'feature_set_v1'))).toEqual([
      'age',
      'age_normalized',
      'feature_set_v1',
      'raw',
    ]);
    expect(dr.whatIsThePathBetween('income', 'age')).toEqual([]);
  });

  it('unknown names are errors, in Hamilton’s words', () => {
    expect(() => dr.whatIsUpstreamOf('zzz')).toThrow('Unknown nodes [zzz] requested. Check for typos?');
    expect(() => dr.whatIsDownstreamOf('zzz')).toThrow('Unknown nodes [zzz] requested. Check for typos?');
    expect(() => dr.whatIsThePathBetween('zzz', 'age')).toThrow('Upstream node zzz not found in graph.');
    expect(() => dr.whatIsThePathBetween('age', 'zzz')).toThrow('Downstream node zzz not found in graph.');
  });

  it('visualizeExecution flags outputs, overrides and the path; config carries its value', () => {
    const g = dr.visualizeExecution(['feature_set_v1'], {
      inputs: { raw: 1 },
      overrides: { income: 5 },
      bypassValidation: true,
    });
    const byName = new Map(g.nodes.map((n) => [n.name, n]));
    expect(byName.get('feature_set_v1')).toMatchObject({ isOutput: true, onPath: true });
    expect(byName.get('income')).toMatchObject({ isOverride: true });
    expect(byName.has('salary')).toBe(false); // only the nodes the execution touches are drawn
    expect(byName.get('region')).toMatchObject({ kind: 'config', value: expect.stringContaining('uk') });
    expect(g.edges).toContainEqual({ from: 'age', to: 'age_normalized', optional: false });
    expect(() => dr.visualizeExecution(['nope'])).toThrow('Unknown nodes [nope] requested');
  });

  it('toDot draws Hamilton’s look: #b4d8e4 rounded functions, dashed inputs, #FFC857 outputs, a legend', () => {
    const dot = toDot(dr.visualizeExecution(['feature_set_v1'], { inputs: { raw: 1, salary: 2 } }));
    expect(dot).toMatch(/^digraph \{/);
    expect(dot).toContain('#b4d8e4');
    expect(dot).toContain('#FFC857');
    expect(dot).toContain('dashed');
    expect(dot).toContain('rounded');
    expect(dot.toLowerCase()).toContain('legend');
    expect(toDot(dr.displayAllFunctions())).toContain('region');
  });
});

describe('§6 the public names, spelt by the Python-to-TypeScript rule', () => {
  it('exports every name from `hamilton`', () => {
    const expected = [
      'Driver',
      'Builder',
      'DictResult',
      'toDot',
      'AdapterSet',
      'AsyncInSyncError',
      'ConfigInputOverlapError',
      'CycleError',
      'DuplicateDefinitionError',
      'HamiltonError',
      'MissingInputError',
      'ModuleNotAnalysedError',
      'NodeExecutionError',
      'UnknownNodesError',
      'config',
      'parameterize',
      'parameterizeValues',
      'parameterizeSources',
      'inject',
      'value',
      'source',
      'group',
      'extractColumns',
      'extractFields',
      'unpackFields',
      'checkOutput',
      'checkOutputCustom',
      'DataValidationError',
      'tag',
      'tagOutputs',
      'subdag',
      'parameterizedSubdag',
      'pipeInput',
      'pipeOutput',
      'step',
      'mutate',
      'does',
      'InvalidDecoratorException',
    ];
    const exported = hamilton as unknown as Record<string, unknown>;
    expect(expected.filter((n) => exported[n] === undefined)).toEqual([]);
    for (const k of ['when', 'whenNot', 'whenIn', 'whenNotIn'] as const)
      expect(typeof hamilton.config[k]).toBe('function');
    const s = hamilton.step(helloWorld.a);
    for (const k of ['when', 'named', 'onOutput'] as const) expect(typeof s[k]).toBe('function');
    const driverMethods = [
      'execute',
      'executeSync',
      'validateExecution',
      'listAvailableVariables',
      'whatIsUpstreamOf',
      'whatIsDownstreamOf',
      'whatIsThePathBetween',
      'visualizeExecution',
      'displayAllFunctions',
    ];
    const dr = new Driver({}, helloWorld) as unknown as Record<string, unknown>;
    expect(driverMethods.filter((m) => typeof dr[m] !== 'function')).toEqual([]);
  });
});
