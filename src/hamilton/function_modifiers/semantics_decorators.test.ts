/**
 * docs/hamilton-semantics.md §4, claim by claim, through the public API (`hamilton`): the node names, edges, tags,
 * docs and errors each decorator generates, as Hamilton 1.88.0 generates them for the same shape
 * (function_modifiers/configuration.py, expanders.py, validation.py, metadata.py, recursive.py, macros.py).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkOutput,
  config,
  DataValidationError,
  Driver,
  extractColumns,
  extractFields,
  group,
  inject,
  MissingInputError,
  parameterize,
  parameterizedSubdag,
  parameterizeValues,
  pipeInput,
  pipeOutput,
  source,
  step,
  subdag,
  tag,
  unpackFields,
  value,
} from '../index';
import { analysed, edgesOf, nodesOf } from './testing';

afterEach(() => vi.restoreAllMocks());

const names = (dr: Driver) => [...nodesOf(dr).keys()];

describe('config.when and friends', () => {
  const variants = {
    aggregation_stats: analysed(() => ({ mean: 40 }), { returnType: 'Record<string, number>' }),
    age_mean__streaming: analysed(
      config.when({ mode: 'streaming' })(
        (aggregation_stats: Record<string, number>) => aggregation_stats.mean,
      ),
      { params: 'aggregation_stats: Record<string, number>', returnType: 'number' },
    ),
    age_mean__batch: analysed(
      config.when({ mode: 'batch' })((ages: number[]) => ages.reduce((a, b) => a + b, 0) / ages.length),
      { params: 'ages: number[]', returnType: 'number' },
    ),
    report: analysed((age_mean: number) => age_mean * 2, { params: 'age_mean: number' }),
  };

  it('names the node at the last __ and tags it hamilton.config', () => {
    const dr = new Driver({ mode: 'streaming' }, variants);
    expect(edgesOf(dr)).toContain('age_mean <- aggregation_stats');
    expect(nodesOf(dr).get('age_mean')?.tags).toEqual({ module: 'features', 'hamilton.config': 'mode' });
    expect(dr.executeSync(['report'])).toEqual({ report: 80 });
    expect(
      new Driver({ mode: 'batch' }, variants).executeSync(['report'], { inputs: { ages: [1, 3] } }),
    ).toEqual({
      report: 4,
    });
  });

  it('without a matching variant the node does not exist: its consumers ask for it as an input', () => {
    const dr = new Driver({ mode: 'other' }, variants);
    expect(nodesOf(dr).has('age_mean')).toBe(false);
    expect(() => dr.executeSync(['report'])).toThrow(
      "Required input age_mean not provided for nodes: ['report'].",
    );
    expect(() => dr.executeSync(['report'])).toThrow(MissingInputError);
    expect(dr.executeSync(['report'], { inputs: { age_mean: 1 } })).toEqual({ report: 2 });
  });

  it('a missing key reads as null (Python’s configuration.get(key) is None)', () => {
    const m = {
      a__x: analysed(config.when({ mode: null })(() => 1)),
      b__x: analysed(config.whenIn({ mode: [null, 'fast'] })(() => 2)),
      c__x: analysed(config.whenNot({ mode: null })(() => 3)),
    };
    expect(names(new Driver({}, m))).toEqual(['a', 'b']);
    expect(names(new Driver({ mode: 'fast' }, m))).toEqual(['b', 'c']);
  });

  it('when_not includes the function when the key is missing; when_in / when_not_in compare with lists', () => {
    const m = {
      a__x: analysed(config.whenNot({ mode: 'off' })(() => 1)),
      b__x: analysed(config.whenIn({ region: ['uk', 'us'] })(() => 2)),
      c__x: analysed(config.whenNotIn({ region: ['uk', 'us'] })(() => 3)),
    };
    expect(names(new Driver({}, m))).toEqual(['a', 'c']);
    expect(names(new Driver({ mode: 'off', region: 'us' }, m))).toEqual(['b']);
    expect(names(new Driver({ region: 'fr' }, m))).toEqual(['a', 'c']);
  });

  it('stacked conditions all have to hold; two matching variants are a duplicate definition', () => {
    const both = analysed(config.when({ a: 1 })(config.when({ b: 2 })(() => 'both')));
    expect(names(new Driver({ a: 1, b: 2 }, { x__both: both }))).toEqual(['x']);
    expect(names(new Driver({ a: 1 }, { x__both: both }))).toEqual([]);
    const twice = {
      x__one: analysed(config.when({ a: 1 })(() => 1)),
      x__two: analysed(config.whenNot({ a: 2 })(() => 2)),
    };
    expect(() => new Driver({ a: 1 }, twice)).toThrow('Cannot define function x more than once');
  });
});

describe('parameterize family', () => {
  const plus = analysed(
    parameterize({
      plus_ten: { n: value(10), x: source('base_val') },
      plus_one: [{ n: value(1) }, 'Adds one to x'],
    })((x: number, n: number) => x + n),
    { params: 'x: number, n: number', returnType: 'number', doc: 'Adds {n} to {x} to make {output_name}' },
  );

  it('one node per key, the original name gone; source renames, value bakes in, others stay', () => {
    const dr = new Driver({}, { plus });
    expect(edgesOf(dr)).toEqual(['plus_ten <- base_val', 'plus_one <- x']);
    expect(dr.executeSync(['plus_ten', 'plus_one'], { inputs: { base_val: 5, x: 100 } })).toEqual({
      plus_ten: 15,
      plus_one: 101,
    });
  });

  it('the doc comment is a template; [assignments, doc] gives a doc outright', () => {
    const nodes = nodesOf(new Driver({}, { plus }));
    expect(nodes.get('plus_ten')?.documentation).toBe('Adds 10 to base_val to make plus_ten');
    expect(nodes.get('plus_one')?.documentation).toBe('Adds one to x');
  });

  it('refuses parameters the function does not have, and values not wrapped in value()/source()', () => {
    const unknown = analysed(
      parameterize({ out: { zzz: value(1) } })((x: number) => x),
      { params: 'x: number' },
    );
    expect(() => new Driver({}, { unknown })).toThrow(
      "Parametrization is invalid: the following parameters don't appear in the function itself: zzz",
    );
    const bare = analysed(
      parameterize({ out: { x: 1 as unknown as ReturnType<typeof value> } })((x: number) => x),
      { params: 'x: number' },
    );
    expect(() => new Driver({}, { bare })).toThrow('@parameterize must specify a dependency type');
  });

  it('parameterizeValues takes Hamilton’s keywords as an options object too', () => {
    const assignedOutput = new Map([
      [['plus_two', 'x plus two'] as const, 2],
      [['plus_three', 'x plus three'] as const, 3],
    ]);
    const f = (x: number, n: number) => x + n;
    const params = { params: 'x: number, n: number' };
    for (const decorator of [
      parameterizeValues({ parameter: 'n', assignedOutput }),
      parameterizeValues('n', assignedOutput),
    ]) {
      const dr = new Driver({}, { plus: analysed(decorator(f), params) });
      expect(edgesOf(dr)).toEqual(['plus_two <- x', 'plus_three <- x']);
      expect(nodesOf(dr).get('plus_two')?.documentation).toBe('x plus two');
      expect(dr.executeSync(['plus_two', 'plus_three'], { inputs: { x: 1 } })).toEqual({
        plus_two: 3,
        plus_three: 4,
      });
    }
  });

  it('group passes a list of sources/values; inject keeps the function’s own name', () => {
    const total = analysed(
      inject({ nums: group(source('a'), value(10), source('b')) })((nums: number[]) =>
        nums.reduce((s, v) => s + v, 0),
      ),
      { params: 'nums: number[]', returnType: 'number' },
    );
    const dr = new Driver({}, { total });
    expect(edgesOf(dr)).toEqual(['total <- a, b']);
    expect(dr.executeSync(['total'], { inputs: { a: 1, b: 2 } })).toEqual({ total: 13 });
  });
});

describe('extractors', () => {
  const survey_results = analysed(
    extractColumns('client_id', 'budget')((survey_data: Record<string, number[]>) => survey_data),
    { params: 'survey_data: Record<string, number[]>', returnType: 'DataFrame<Survey>' },
  );

  it('extractColumns keeps the frame node under its name and adds one node per column', () => {
    const dr = new Driver({}, { survey_results });
    expect(edgesOf(dr)).toEqual([
      'survey_results <- survey_data',
      'client_id <- survey_results',
      'budget <- survey_results',
    ]);
    const data = { client_id: [1, 2], budget: [10, 20] };
    expect(dr.executeSync(['budget'], { inputs: { survey_data: data } })).toEqual({ budget: [10, 20] });
  });

  it('a missing column is an error naming the column and the columns that exist', () => {
    const dr = new Driver({}, { survey_results });
    expect(() =>
      dr.executeSync(['budget'], { inputs: { survey_data: { client_id: [1], age: [3] } } }),
    ).toThrow("No such column: budget produced by survey_results. It only produced ['client_id', 'age']");
  });

  it('extractFields makes a typed node per field; unpackFields one per tuple element', () => {
    const stats = analysed(
      extractFields({ total: 'number', label: 'string' })(() => ({ total: 3, label: 'x' })),
      {
        returnType: '{ total: number; label: string }',
      },
    );
    const pair = analysed(
      unpackFields('lo', 'hi')(() => [1, 9] as [number, number]),
      {
        returnType: '[number, number]',
      },
    );
    const dr = new Driver({}, { stats, pair });
    expect(edgesOf(dr)).toEqual([
      'pair <- ',
      'lo <- pair',
      'hi <- pair',
      'stats <- ',
      'total <- stats',
      'label <- stats',
    ]);
    expect(nodesOf(dr).get('total')?.type).toBe('number');
    expect(dr.executeSync(['total', 'label', 'lo', 'hi'])).toEqual({ total: 3, label: 'x', lo: 1, hi: 9 });
  });

  it('tags land on the extracted nodes, whatever order the decorators are stacked in', () => {
    const f = (x: Record<string, number[]>) => x;
    const a = analysed(tag({ owner: 'ds' })(extractColumns('c1')(f)), {
      params: 'x: Record<string, number[]>',
    });
    const b = analysed(extractColumns('c1')(tag({ owner: 'ds' })(f)), {
      params: 'x: Record<string, number[]>',
    });
    for (const decorated of [a, b]) {
      const nodes = nodesOf(new Driver({}, { frame: decorated }));
      expect(nodes.get('c1')?.tags).toEqual({ module: 'features', owner: 'ds' });
      expect(nodes.get('frame')?.tags).toEqual({ module: 'features' });
    }
  });
});

describe('checkOutput', () => {
  const score = (importance: 'warn' | 'fail') =>
    analysed(
      checkOutput({ range: [0, 10], importance })((x: number) => x),
      {
        params: 'x: number',
        returnType: 'number',
      },
    );

  it('makes X_raw, X_<validator>_validator and the final X, with Hamilton’s data-quality tags', () => {
    const dr = new Driver({}, { score: score('warn') });
    expect(names(dr).sort()).toEqual(['score', 'score_range_validator', 'score_raw']);
    expect(edgesOf(dr)).toContain('score <- score_raw, score_range_validator');
    expect(edgesOf(dr)).toContain('score_range_validator <- score_raw');
    expect(nodesOf(dr).get('score_range_validator')?.tags).toMatchObject({
      'hamilton.data_quality.contains_dq_results': 'true',
      'hamilton.data_quality.source_node': 'score',
    });
  });

  it('warn logs "[X:range_validator] validator failed. Message was: ..." and goes on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(new Driver({}, { score: score('warn') }).executeSync(['score'], { inputs: { x: 42 } })).toEqual({
      score: 42,
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^\[score:range_validator\] validator failed\. Message was: /),
    );
  });

  it('fail raises DataValidationError', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let caught: unknown;
    try {
      new Driver({}, { score: score('fail') }).executeSync(['score'], { inputs: { x: 42 } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DataValidationError);
    expect((caught as Error).message).toContain('[score:range_validator] validator failed');
    expect(new Driver({}, { score: score('fail') }).executeSync(['score'], { inputs: { x: 5 } })).toEqual({
      score: 5,
    });
  });
});

describe('tag', () => {
  it('accepts dotted identifier keys and string or string-list values', () => {
    const f = analysed(tag({ owner: 'ds', 'team.lead': 'ana', pii: ['name', 'email'] })(() => 1));
    expect(nodesOf(new Driver({}, { f })).get('f')?.tags).toEqual({
      module: 'features',
      owner: 'ds',
      'team.lead': 'ana',
      pii: ['name', 'email'],
    });
  });

  it('refuses the reserved prefixes and keys that are not dot-separated identifiers, at graph build', () => {
    for (const key of [
      'hamilton.x',
      'data_quality',
      'gdpr.a',
      'ccpa',
      'dag.b',
      'module',
      'bad-key',
      'a..b',
    ]) {
      const f = analysed(tag({ [key]: 'v' })(() => 1));
      expect(() => new Driver({}, { f }), key).toThrow('The following tags are invalid as tags');
    }
  });
});

describe('subdag', () => {
  const reuse = {
    load: analysed((path: string, sep: string) => `${path}${sep}`, {
      params: 'path: string, sep: string',
      module: 'reuse',
    }),
    shared: analysed((load: string, today: string) => `${load}@${today}`, {
      params: 'load: string, today: string',
      module: 'reuse',
    }),
  };

  it('copies nodes under ns.name; inputs and config become ns.k; other unmet dependencies stay global', () => {
    const features = analysed(
      subdag(reuse, { inputs: { path: source('raw_path') }, config: { sep: '/' }, namespace: 'ns' })(
        (shared: string) => shared.toUpperCase(),
      ),
      { params: 'shared: string', returnType: 'string' },
    );
    const dr = new Driver({}, { features });
    const nodes = names(dr);
    expect(nodes).toEqual(expect.arrayContaining(['ns.load', 'ns.shared', 'ns.path', 'ns.sep', 'features']));
    expect(edgesOf(dr)).toContain('ns.path <- raw_path');
    expect(edgesOf(dr)).toContain('ns.shared <- ns.load, today');
    expect(edgesOf(dr)).toContain('features <- ns.shared');
    expect(dr.executeSync(['features'], { inputs: { raw_path: 'p', today: 'mon' } })).toEqual({
      features: 'P/@MON',
    });
  });

  it('a value input always becomes ns.k; a source input only when something in the subdag reads it', () => {
    const features = analysed(
      subdag(reuse, {
        inputs: {
          path: source('raw_path'),
          sep: value('/'),
          unused_value: value(1),
          unused_source: source('zzz'),
        },
      })((shared: string) => shared),
      { params: 'shared: string' },
    );
    const nodes = names(new Driver({}, { features }));
    expect(nodes).toContain('features.unused_value');
    expect(nodes).not.toContain('features.unused_source');
  });

  it('the namespace defaults to the decorated function’s name', () => {
    const features = analysed(
      subdag(reuse, { inputs: { path: source('raw_path'), sep: value(':') } })((shared: string) => shared),
      { params: 'shared: string' },
    );
    expect(names(new Driver({}, { features }))).toEqual(
      expect.arrayContaining([
        'features.load',
        'features.shared',
        'features.path',
        'features.sep',
        'features',
      ]),
    );
  });
});

describe('the fixed application order', () => {
  it('config → expand → transform → tag, whatever order the decorators are stacked in', () => {
    const body = (x: number, n: number) => x + n;
    const cfg = config.when({ on: true });
    const expand = parameterize({ p1: { n: value(1) }, p2: { n: value(2) } });
    const check = checkOutput({ range: [0, 100] });
    const label = tag({ owner: 'ds' });
    const stacks = [
      cfg(expand(check(label(body)))),
      label(check(expand(cfg(body)))),
      check(cfg(label(expand(body)))),
    ];
    const expected = ['p1', 'p1_range_validator', 'p1_raw', 'p2', 'p2_range_validator', 'p2_raw'];
    for (const stacked of stacks) {
      const dr = new Driver({ on: true }, { f__v: analysed(stacked, { params: 'x: number, n: number' }) });
      expect(names(dr).sort()).toEqual(expected);
      expect(nodesOf(dr).get('p1')?.tags).toEqual({
        module: 'features',
        owner: 'ds',
        'hamilton.config': 'on',
      });
      expect(dr.executeSync(['p1', 'p2'], { inputs: { x: 5 } })).toEqual({ p1: 6, p2: 7 });
      expect(
        names(new Driver({ on: false }, { f__v: analysed(stacked, { params: 'x: number, n: number' }) })),
      ).toEqual([]);
    }
  });
});

describe('parameterizedSubdag', () => {
  const reuse = {
    scaled: analysed((a: number, b: number) => a * b, { params: 'a: number, b: number', module: 'reuse' }),
  };

  it('takes the shared keywords and one key per subdag in one object, as Python’s **kwargs', () => {
    const f = analysed(
      parameterizedSubdag(reuse, {
        inputs: { b: value(10) },
        v1: { inputs: { a: value(1) } },
        v2: { inputs: { a: value(2), b: value(100) } },
      })((scaled: number) => scaled),
      { params: 'scaled: number' },
    );
    const dr = new Driver({}, { f });
    expect(names(dr)).toEqual(expect.arrayContaining(['v1.scaled', 'v1.a', 'v1.b', 'v1', 'v2.scaled', 'v2']));
    expect(names(dr)).not.toContain('inputs');
    expect(dr.executeSync(['v1', 'v2'])).toEqual({ v1: 10, v2: 200 });
  });
});

describe('pipeInput / pipeOutput', () => {
  const _add_one = analysed((v: number) => v + 1, { name: '_add_one', params: 'v: number' });
  const _add_n = analysed((v: number, n: number) => v + n, {
    name: '_add_n',
    params: 'v: number, n: number',
  });

  it('pipeInput chains the first parameter through fn.with_<step> nodes; repeats are numbered; .when applies', () => {
    const fn = analysed(
      pipeInput(
        step(_add_one),
        step(_add_n, { n: value(3) }).when({ mode: 'x' }),
        step(_add_n, { n: value(5) }),
      )((v: number) => v * 10),
      { params: 'v: number' },
    );
    const on = new Driver({ mode: 'x' }, { fn });
    expect(names(on).sort()).toEqual(['fn', 'fn.with_add_n', 'fn.with_add_n_1', 'fn.with_add_one']);
    expect(on.executeSync(['fn'], { inputs: { v: 1 } })).toEqual({ fn: (1 + 1 + 3 + 5) * 10 });
    const off = new Driver({ mode: 'y' }, { fn });
    expect(names(off).sort()).toEqual(['fn', 'fn.with_add_n', 'fn.with_add_one']);
    expect(off.executeSync(['fn'], { inputs: { v: 1 } })).toEqual({ fn: (1 + 1 + 5) * 10 });
  });

  it('pipeOutput renames the function fn.raw and ends at fn', () => {
    const fn = analysed(
      pipeOutput(step(_add_one), step(_add_n, { n: value(5) }))((v: number) => v * 10),
      {
        params: 'v: number',
      },
    );
    const dr = new Driver({}, { fn });
    expect(edgesOf(dr)).toEqual([
      'fn.raw <- v',
      'fn.with_add_one <- fn.raw',
      'fn.with_add_n <- fn.with_add_one',
      'fn <- fn.with_add_n',
    ]);
    expect(dr.executeSync(['fn'], { inputs: { v: 1 } })).toEqual({ fn: 16 });
  });
});
