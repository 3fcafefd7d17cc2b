/**
 * Parity with Hamilton 1.88: plain modules as Hamilton users write them (fixtures/parity), translated
 * from Python by the rule of docs/hamilton-semantics.md §6, give the node names, orders, docs, tags,
 * results and error texts the Python library gives for the same module. Each expectation is what
 * Python produced; where Python's order is a set's (lineage queries), the comparison is as a set.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Builder,
  config,
  extractFields,
  parameterize,
  tagOutputs,
  unpackFields,
  value,
  ConfigInputOverlapError,
  DataValidationError,
  Driver,
  DuplicateDefinitionError,
  MissingInputError,
  UnknownNodesError,
  tag,
  toDot,
  type LifecycleAdapter,
} from 'hamilton';
import { DataFrame, Series } from 'hamilton/frame';
import { analysed } from './function_modifiers/testing';
import * as core from './fixtures/parity/core';
import * as deco from './fixtures/parity/deco';
import * as deco2 from './fixtures/parity/deco2';
import * as diamond from './fixtures/parity/diamond';
import * as dq from './fixtures/parity/dq';
import * as misc from './fixtures/parity/misc';
import * as order2 from './fixtures/parity/order2';
import * as other from './fixtures/parity/other';

afterEach(() => vi.restoreAllMocks());

/** Python's `[name, is_external_input, sorted(required_dependencies), sorted(optional_dependencies)]`. */
const rows = (dr: Driver) =>
  dr
    .listAvailableVariables()
    .map((v) => [
      v.name,
      v.isExternalInput,
      [...v.requiredDependencies].sort(),
      [...v.optionalDependencies].sort(),
    ]);
/** Python's `{name: tags}` for the nodes that have tags. */
const tagsOf = (dr: Driver) =>
  Object.fromEntries(
    dr
      .listAvailableVariables()
      .filter((v) => Object.keys(v.tags).length > 0)
      .map((v) => [v.name, v.tags]),
  );
/** Python's `{name: documentation}` for the nodes that have a docstring. */
const docsOf = (dr: Driver) =>
  Object.fromEntries(
    dr
      .listAvailableVariables()
      .filter((v) => v.documentation)
      .map((v) => [v.name, v.documentation]),
  );
const sortedNames = (vs: readonly { name: string }[]) => vs.map((v) => v.name).sort();
const build = (config: Record<string, unknown>, ...modules: object[]) =>
  new Builder()
    .withConfig(config)
    .withModules(...modules)
    .build();

describe('driver: execute', () => {
  const dr = build({}, core);

  it('computes the final vars in the order asked, with inputs and overrides', () => {
    // {'d': 21952, 'c': 28}
    expect(dr.executeSync(['d', 'c'], { inputs: { input: 4 } })).toEqual({ d: 21952, c: 28 });
    // {'d': 8}
    expect(dr.executeSync(['d'], { overrides: { c: 2 } })).toEqual({ d: 8 });
    // {'c': 23, 'd': 12167}
    expect(dr.executeSync(['c', 'd'], { inputs: { input: 1 }, overrides: { b: 10 } })).toEqual({
      c: 23,
      d: 12167,
    });
    // {'c': 7, 'a': 1}: a function is a final var too
    expect(Object.entries(dr.executeSync([core.c, 'a'], { inputs: { input: 1 } }))).toEqual([
      ['c', 7],
      ['a', 1],
    ]);
    // {'a': 1}: a final var asked twice comes once
    expect(dr.executeSync(['a', 'a'], { inputs: { input: 1 } })).toEqual({ a: 1 });
  });

  it('echoes inputs asked for; ignores unused inputs and overrides of unknown names', () => {
    // {'input': 9, 'a': 2}
    expect(dr.executeSync(['input', 'a'], { inputs: { input: 9 } })).toEqual({ input: 9, a: 2 });
    // {'not_a_node': 'x'}
    expect(dr.executeSync(['not_a_node'], { inputs: { not_a_node: 'x' } })).toEqual({ not_a_node: 'x' });
    // {'a': 1}
    expect(dr.executeSync(['a'], { inputs: { input: 1, unused: 2 } })).toEqual({ a: 1 });
    // {'a': 1}
    expect(dr.executeSync(['a'], { inputs: { input: 1 }, overrides: { nope: 2 } })).toEqual({ a: 1 });
  });

  it('an optional parameter takes its default unless an input gives it', () => {
    // {'scaled': 6}, then {'scaled': 30}
    expect(dr.executeSync(['scaled'], { inputs: { x: 3 } })).toEqual({ scaled: 6 });
    expect(dr.executeSync(['scaled'], { inputs: { x: 3, factor: 10 } })).toEqual({ scaled: 30 });
  });

  it('names unknown final vars joined by a comma and a line break', () => {
    // ValueError 'Unknown nodes [zzz,\nqqq] requested. Check for typos?'
    expect(() => dr.executeSync(['zzz', 'qqq'])).toThrow(
      'Unknown nodes [zzz,\nqqq] requested. Check for typos?',
    );
    // ValueError 'Unknown nodes [zzz] requested. Check for typos?'
    expect(() => dr.executeSync(['zzz'])).toThrow(UnknownNodesError);
    expect(() => dr.executeSync(['zzz'])).toThrow('Unknown nodes [zzz] requested. Check for typos?');
  });

  it('names every missing input with its consumers, inputs by first use and consumers by name', () => {
    // "3 errors encountered: \n  Error: Required input input not provided for nodes: ['a'].\n  Error: Required
    // input y not provided for nodes: ['total'].\n  Error: Required input z not provided for nodes: ['total']."
    for (const run of [() => dr.executeSync(['total']), () => dr.validateExecution(['total'])]) {
      expect(run).toThrow(/^3 errors encountered: \n/);
      expect(run).toThrow("Required input input not provided for nodes: ['a'].");
      expect(run).toThrow("Required input y not provided for nodes: ['total'].");
      expect(run).toThrow("Required input z not provided for nodes: ['total'].");
    }
    // "... Required input x not provided for nodes: ['a', 'b']." (b is written before a)
    const m = build({ w: 2 }, misc);
    expect(() => m.executeSync(['c'])).toThrow(MissingInputError);
    expect(() => m.executeSync(['c'])).toThrow("Required input x not provided for nodes: ['a', 'b'].");
  });

  it('reports missing inputs by input name, each with its consumers by name, whatever the final vars’ order', () => {
    const dr2 = build({}, order2);
    // "4 errors encountered: \n  Error: Required input aa not provided for nodes: ['f'].\n  Error: Required input bb
    // not provided for nodes: ['e'].\n  Error: Required input mm not provided for nodes: ['e', 'f'].\n  Error:
    // Required input zz not provided for nodes: ['f']."
    const sequence =
      /^4 errors encountered: \n[^]*Required input aa not provided for nodes: \['f'\]\.[^]*Required input bb not provided for nodes: \['e'\]\.[^]*Required input mm not provided for nodes: \['e', 'f'\]\.[^]*Required input zz not provided for nodes: \['f'\]\./;
    expect(() => dr2.executeSync(['f', 'e'])).toThrow(sequence);
    expect(() => dr2.executeSync(['e', 'f'])).toThrow(sequence);
    // ['e', 'f', 'mm', 'bb', 'zz', 'aa']
    expect(dr2.listAvailableVariables().map((v) => v.name)).toEqual(['e', 'f', 'mm', 'bb', 'zz', 'aa']);
  });

  it('a node’s own exception propagates unchanged', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // ValueError 'too big' (RangeError here)
    expect(() => build({ w: 2 }, misc).executeSync(['c'], { inputs: { x: 200 } })).toThrow(RangeError);
    expect(() => build({ w: 2 }, misc).executeSync(['c'], { inputs: { x: 200 } })).toThrow('too big');
  });
});

describe('driver: execution order', () => {
  it('runs dependencies depth first in parameter order, each node once', () => {
    const seen: string[] = [];
    const dr = new Builder()
      .withModules(diamond)
      .withAdapters({ runBeforeNodeExecution: (c) => void seen.push(c.nodeName) })
      .build();
    // {'zeta': 16, 'left': 3}; nodes run ['top', 'right', 'left', 'bottom', 'alpha', 'zeta']
    expect(dr.executeSync(['zeta', 'left'], { inputs: { seed: 1 } })).toEqual({ zeta: 16, left: 3 });
    expect(seen.splice(0)).toEqual(['top', 'right', 'left', 'bottom', 'alpha', 'zeta']);
    // {'bottom': 6}; nodes run ['top', 'right', 'left', 'bottom']
    expect(dr.executeSync(['bottom'], { inputs: { seed: 1 } })).toEqual({ bottom: 6 });
    expect(seen).toEqual(['top', 'right', 'left', 'bottom']);
    // "… Required input seed not provided for nodes: ['alpha', 'top']."
    expect(() => dr.executeSync(['zeta'])).toThrow(
      "Required input seed not provided for nodes: ['alpha', 'top'].",
    );
  });

  it('an input named like a function does not replace it', () => {
    // {'c': 7}: the input b=100 is ignored, b is computed
    expect(build({}, core).executeSync(['c'], { inputs: { input: 1, b: 100 } })).toEqual({ c: 7 });
  });
});

describe('driver: config and modules', () => {
  const dr = build({ input: 10, b: 100 }, core);

  it('a config key replaces a function of its name and is echoed like an input', () => {
    // {'c': 209}
    expect(dr.executeSync(['c'])).toEqual({ c: 209 });
    // {'b': 100, 'input': 10}
    expect(dr.executeSync(['b', 'input'])).toEqual({ b: 100, input: 10 });
  });

  it('config keys are listed among the inputs, in order of first use, as external inputs', () => {
    expect(rows(dr)).toEqual([
      ['a', false, ['input'], []],
      ['c', false, ['a', 'b'], []],
      ['d', false, ['c'], []],
      ['scaled', false, ['x'], ['factor']],
      ['total', false, ['d', 'y', 'z'], []],
      ['input', true, [], []],
      ['b', true, [], []],
      ['x', true, [], []],
      ['factor', true, [], []],
      ['y', true, [], []],
      ['z', true, [], []],
    ]);
  });

  it('config keys nothing reads come last', () => {
    expect(rows(build({ unused: 1, w: 2 }, misc))).toEqual([
      ['a', false, ['w', 'x'], []],
      ['b', false, ['x'], []],
      ['c', false, ['a', 'b'], []],
      ['x', true, [], []],
      ['w', true, [], []],
      ['unused', true, [], []],
    ]);
  });

  it('config and inputs that overlap are refused, naming the keys in input order', () => {
    expect(() => dr.executeSync(['c'], { inputs: { input: 1, b: 2 } })).toThrow(ConfigInputOverlapError);
    // "The following inputs are present in both config and inputs. They must be mutually disjoint. ['input', 'b'] "
    expect(() => dr.executeSync(['c'], { inputs: { input: 1, b: 2 } })).toThrow(
      "The following inputs are present in both config and inputs. They must be mutually disjoint. ['input', 'b'] ",
    );
  });

  it('a name defined in two modules is refused unless overrides are allowed, when the later module wins', () => {
    // 'Cannot define function b more than once. Already defined by function <function b at 0x…> In case …'
    expect(() => build({}, core, other)).toThrow(DuplicateDefinitionError);
    expect(() => new Driver({}, core, other)).toThrow(
      'Cannot define function b more than once. Already defined',
    );
    const overridden = new Builder().withModules(core, other).allowModuleOverrides().build();
    // {'b': 200, 'c': 406}
    expect(overridden.executeSync(['b', 'c'], { inputs: { input: 2 } })).toEqual({ b: 200, c: 406 });
    // b carries the tag {'module': 'other'}
    expect(overridden.listAvailableVariables().find((v) => v.name === 'b')?.tags).toEqual({
      module: 'other',
    });
    // {'b': 4} with the modules the other way round
    expect(
      new Builder()
        .withModules(other, core)
        .allowModuleOverrides()
        .build()
        .executeSync(['b'], { inputs: { input: 2 } }),
    ).toEqual({ b: 4 });
  });
});

describe('lineage', () => {
  const dr = build({}, core);

  it('lists functions by name, then inputs by first use, with docs, module tags and dependencies', () => {
    expect(rows(dr)).toEqual([
      ['a', false, ['input'], []],
      ['b', false, ['a'], []],
      ['c', false, ['a', 'b'], []],
      ['d', false, ['c'], []],
      ['scaled', false, ['x'], ['factor']],
      ['total', false, ['d', 'y', 'z'], []],
      ['input', true, [], []],
      ['x', true, [], []],
      ['factor', true, [], []],
      ['y', true, [], []],
      ['z', true, [], []],
    ]);
    expect(docsOf(dr)).toEqual({ a: 'input mod 7', c: 'Combines a and b.', scaled: 'Scales x.' });
    expect(tagsOf(dr)).toEqual({
      a: { module: 'core' },
      b: { module: 'core' },
      c: { module: 'core' },
      d: { module: 'core' },
      scaled: { module: 'core' },
      total: { module: 'core' },
    });
  });

  it('upstream and downstream include the named nodes and the inputs (as sets)', () => {
    expect(sortedNames(dr.whatIsUpstreamOf('d'))).toEqual(['a', 'b', 'c', 'd', 'input']);
    expect(sortedNames(dr.whatIsUpstreamOf('total', 'scaled'))).toEqual(
      ['factor', 'a', 'b', 'z', 'input', 'x', 'c', 'scaled', 'total', 'd', 'y'].sort(),
    );
    expect(sortedNames(dr.whatIsDownstreamOf('input'))).toEqual(['a', 'b', 'c', 'd', 'input', 'total']);
    expect(sortedNames(dr.whatIsDownstreamOf('y', 'a'))).toEqual(['a', 'b', 'c', 'd', 'total', 'y']);
  });

  it('path between is downstream ∩ upstream; empty without a path', () => {
    expect(sortedNames(dr.whatIsThePathBetween('input', 'total'))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'input',
      'total',
    ]);
    expect(sortedNames(dr.whatIsThePathBetween('a', 'd'))).toEqual(['a', 'b', 'c', 'd']);
    expect(dr.whatIsThePathBetween('scaled', 'd')).toEqual([]);
  });

  it('unknown names are refused in Hamilton’s words', () => {
    expect(() => dr.whatIsThePathBetween('zzz', 'd')).toThrow('Upstream node zzz not found in graph.');
    expect(() => dr.whatIsThePathBetween('a', 'zzz')).toThrow('Downstream node zzz not found in graph.');
    expect(() => dr.whatIsUpstreamOf('zzz')).toThrow('Unknown nodes [zzz] requested. Check for typos?');
    expect(() => dr.whatIsUpstreamOf('zzz', 'qqq')).toThrow(
      'Unknown nodes [zzz,\nqqq] requested. Check for typos?',
    );
    expect(() => dr.whatIsDownstreamOf('zzz')).toThrow('Unknown nodes [zzz] requested. Check for typos?');
  });
});

describe('decorators: config, parameterize, inject, extract, tag', () => {
  const dr = build({ mode: 'streaming', region: 'us' }, deco);

  it('lists nodes by function name, each decorator’s nodes in its order, then inputs, then unread config', () => {
    expect(rows(dr)).toEqual([
      ['a1', false, [], []],
      ['a2', false, [], []],
      ['plus_five', false, ['a1'], []],
      ['plus_six', false, ['a1'], []],
      ['plus_two', false, ['x'], []],
      ['plus_three', false, ['x'], []],
      ['plus_ten', false, ['base_val'], []],
      ['plus_one', false, ['x'], []],
      ['age_mean', false, ['aggregation_stats'], []],
      ['aggregation_stats', false, [], []],
      ['bounds', false, [], []],
      ['lo', false, ['bounds'], []],
      ['hi', false, ['bounds'], []],
      ['combined', false, ['a1'], []],
      ['x_from_base', false, ['base_val'], []],
      ['report', false, ['age_mean', 'tax'], []],
      ['summary', false, ['a1'], []],
      ['total', false, ['summary'], []],
      ['label', false, ['summary'], []],
      ['summed', false, ['a1', 'a2'], ['bonus']],
      ['survey', false, ['survey_data'], []],
      ['client_id', false, ['survey'], []],
      ['budget', false, ['survey'], []],
      ['tagged', false, ['a1'], []],
      ['tax', false, ['age_mean'], []],
      ['doubled', false, ['base_val'], []],
      ['x', true, [], []],
      ['base_val', true, [], []],
      ['bonus', true, [], []],
      ['survey_data', true, [], []],
      ['mode', true, [], []],
      ['region', true, [], []],
    ]);
    expect(rows(build({ region: 'fr' }, deco)).map((r) => r[0])).toEqual([
      'a1',
      'a2',
      'plus_five',
      'plus_six',
      'plus_two',
      'plus_three',
      'plus_ten',
      'plus_one',
      'age_mean',
      'aggregation_stats',
      'bounds',
      'lo',
      'hi',
      'combined',
      'x_from_base',
      'report',
      'summary',
      'total',
      'label',
      'summed',
      'survey',
      'client_id',
      'budget',
      'tagged',
      'tax',
      'doubled',
      'x',
      'base_val',
      'ages',
      'bonus',
      'survey_data',
      'region',
    ]);
  });

  it('tags: module, hamilton.config, tag and tagOutputs, tags on the extracted fields only', () => {
    expect(tagsOf(dr)).toEqual({
      a1: { module: 'deco' },
      a2: { module: 'deco' },
      plus_five: { module: 'deco', kind: 'five' },
      plus_six: { module: 'deco', kind: 'six' },
      plus_two: { module: 'deco' },
      plus_three: { module: 'deco' },
      plus_ten: { module: 'deco' },
      plus_one: { module: 'deco' },
      age_mean: { module: 'deco', 'hamilton.config': 'mode' },
      aggregation_stats: { module: 'deco' },
      bounds: { module: 'deco' },
      lo: { module: 'deco' },
      hi: { module: 'deco' },
      combined: { module: 'deco' },
      x_from_base: { module: 'deco' },
      report: { module: 'deco' },
      summary: { module: 'deco' },
      total: { module: 'deco', owner: 'ds' },
      label: { module: 'deco', owner: 'ds' },
      summed: { module: 'deco' },
      survey: { module: 'deco' },
      client_id: { module: 'deco' },
      budget: { module: 'deco' },
      tagged: { module: 'deco', owner: 'ds', pii: 'true', 'team.name': ['a', 'b'] },
      tax: { module: 'deco', 'hamilton.config': 'region' },
      doubled: { module: 'deco' },
    });
  });

  it('docs: templates filled, [assignments, doc] and parameterizeValues docs, extractors share the doc', () => {
    expect(docsOf(dr)).toEqual({
      plus_two: 'two more',
      plus_three: 'three more',
      plus_ten: 'Adds 10 to base_val to make plus_ten',
      plus_one: 'Adds 1 to x to make plus_one',
      age_mean: 'Streaming mean.',
      x_from_base: 'Echo base_val.',
      summary: 'A summary.',
      total: 'A summary.',
      label: 'A summary.',
      summed: 'Sums the parts.',
      survey: 'The survey.',
      client_id: 'The survey.',
      budget: 'The survey.',
      doubled: 'Twice the base.',
    });
  });

  it('config variants pick the node by config', () => {
    // 44.0 with mode=streaming, region=us; 2.4 with region=fr; 2.2 with mode=x, region=ca
    expect(dr.executeSync(['report'], { inputs: { ages: [1, 3] } })).toEqual({ report: 44 });
    expect(
      build({ region: 'fr' }, deco).executeSync(['report'], { inputs: { ages: [1, 3] } }).report,
    ).toBeCloseTo(2.4);
    expect(
      build({ mode: 'x', region: 'ca' }, deco).executeSync(['report'], { inputs: { ages: [1, 3] } }).report,
    ).toBeCloseTo(2.2);
  });

  it('parameterize, parameterizeValues, parameterizeSources and inject compute as Hamilton does', () => {
    const finals = ['plus_ten', 'plus_one', 'doubled', 'plus_two', 'plus_three', 'x_from_base'];
    // {'plus_ten': 15, 'plus_one': 101, 'doubled': 10, 'plus_two': 102, 'plus_three': 103, 'x_from_base': 5}
    expect(dr.executeSync(finals, { inputs: { base_val: 5, x: 100 } })).toEqual({
      plus_ten: 15,
      plus_one: 101,
      doubled: 10,
      plus_two: 102,
      plus_three: 103,
      x_from_base: 5,
    });
    // {'summed': 3, 'combined': 105}
    expect(dr.executeSync(['summed', 'combined'])).toEqual({ summed: 3, combined: 105 });
    // {'plus_five': 6, 'plus_six': 7, 'tagged': 1}
    expect(dr.executeSync(['plus_five', 'plus_six', 'tagged'])).toEqual({
      plus_five: 6,
      plus_six: 7,
      tagged: 1,
    });
  });

  it('extractColumns, extractFields and unpackFields', () => {
    const out = dr.executeSync(['budget', 'client_id'], {
      inputs: { survey_data: DataFrame.fromColumns({ client_id: [1, 2], budget: [10, 20] }) },
    });
    // {'budget': [10, 20], 'client_id': [1, 2]}
    expect(Object.keys(out)).toEqual(['budget', 'client_id']);
    expect((out.budget as Series<number>).toArray()).toEqual([10, 20]);
    expect((out.client_id as Series<number>).toArray()).toEqual([1, 2]);
    // {'total': 3, 'label': 'x', 'lo': 1, 'hi': 9, 'summary': {'total': 3, 'label': 'x'}, 'bounds': (1, 9)}
    expect(dr.executeSync(['total', 'label', 'lo', 'hi', 'summary', 'bounds'])).toEqual({
      total: 3,
      label: 'x',
      lo: 1,
      hi: 9,
      summary: { total: 3, label: 'x' },
      bounds: [1, 9],
    });
  });

  it('tag filters: exact value, null for "has the tag", a list for any of, dotted keys', () => {
    const list = (tagFilter: Record<string, string | string[] | null>) =>
      dr.listAvailableVariables({ tagFilter }).map((v) => v.name);
    expect(list({ owner: 'ds' })).toEqual(['total', 'label', 'tagged']);
    expect(list({ kind: null })).toEqual(['plus_five', 'plus_six']);
    expect(list({ 'team.name': ['b', 'z'] })).toEqual(['tagged']);
    expect(list({ 'hamilton.config': null })).toEqual(['age_mean', 'tax']);
    // ValueError 'All tag query values must be a string or list of strings'
    expect(() => list({ owner: [] })).toThrow('All tag query values must be a string or list of strings');
  });

  it('tags with reserved prefixes or bad keys are refused in Hamilton’s words', () => {
    const reserved =
      'Tag keys can be split by ., to represent a hierarchy, but each element of the hierarchy must be a valid ' +
      'python identifier. Paths components also cannot be empty. The value can only be a string, or a list of ' +
      "strings. Note that the following top-level prefixes are reserved as well: ['hamilton', 'data_quality', " +
      "'gdpr', 'ccpa', 'dag', 'module', 'ray_remote']";
    for (const [key, value] of [
      ['hamilton.x', 'y'],
      ['module', 'm'],
      ['data_quality', 'y'],
      ['gdpr.pii', 'y'],
      ['dag', 'y'],
      ['ccpa', 'y'],
      ['bad key', 'y'],
      ['.x', 'y'],
      ['a..b', 'y'],
    ]) {
      const f = analysed(
        tag({ [key]: value })((x: number) => x),
        { params: 'x: number' },
      );
      // InvalidDecoratorException "The following tags are invalid as tags: hamilton.x=y Tag keys can be …"
      expect(() => new Driver({}, { f }), key).toThrow(
        `The following tags are invalid as tags: ${key}=${value} ${reserved}`,
      );
    }
  });
});

describe('decorators: misuse', () => {
  it('two matching config variants are a duplicate definition', () => {
    const twice = {
      x__one: analysed(config.when({ a: 1 })(() => 1)),
      x__two: analysed(config.when({ b: 2 })(() => 2)),
    };
    // 'Cannot define function x more than once. Already defined by function <function x__two at 0x…> …'
    expect(() => new Driver({ a: 1, b: 2 }, twice)).toThrow(DuplicateDefinitionError);
    expect(() => new Driver({ a: 1, b: 2 }, twice)).toThrow('Cannot define function x more than once.');
  });

  it('parameterize refuses unknown parameters and unwrapped values in Hamilton’s words', () => {
    const unknown = analysed(
      parameterize({ out: { nope: value(1) } })((x: number) => x),
      { params: 'x: number' },
    );
    // InvalidDecoratorException "Parametrization is invalid: the following parameters don't appear in the function itself: nope"
    expect(() => new Driver({}, { f: unknown })).toThrow(
      "Parametrization is invalid: the following parameters don't appear in the function itself: nope",
    );
    const bare = analysed(
      parameterize({ out: { x: 1 as never } })((x: number) => x),
      { params: 'x: number' },
    );
    // InvalidDecoratorException '@parameterize must specify a dependency type -- either source() or value().The following are not allowed: [1].'
    expect(() => new Driver({}, { f: bare })).toThrow(
      '@parameterize must specify a dependency type -- either source() or value().The following are not allowed: [1].',
    );
  });

  it('extractFields names a missing field; unpackFields and tagOutputs ignore what they do not make', () => {
    const summary = analysed(extractFields({ total: 'number', label: 'string' })(() => ({ total: 1 })));
    // InvalidDecoratorException "No such field: label produced by summary. It only produced ['total']"
    expect(() => new Driver({}, { summary }).executeSync(['label'])).toThrow(
      "No such field: label produced by summary. It only produced ['total']",
    );
    const bounds = analysed(
      unpackFields('lo', 'hi')(() => [1, 2, 3]),
      { returnType: '[number, number]' },
    );
    // {'lo': 1}
    expect(new Driver({}, { bounds }).executeSync(['lo'])).toEqual({ lo: 1 });
    const f = analysed(
      tagOutputs({ nope: { k: 'v' } })((x: number) => x),
      { params: 'x: number' },
    );
    // {'module': …} only
    expect(new Driver({}, { f }).listAvailableVariables()[0].tags).toEqual({ module: 'features' });
  });
});

describe('decorators: checkOutput, subdag, pipes, does', () => {
  const dr = build({ mode: 'on' }, deco2);

  it('lists each decorator’s nodes in Hamilton’s order with Hamilton’s dependencies', () => {
    expect(rows(dr)).toEqual([
      ['both', false, ['a', 'b'], []],
      ['evens_is_even', false, ['evens_raw'], []],
      ['evens', false, ['evens_is_even', 'evens_raw'], []],
      ['evens_raw', false, ['x'], []],
      ['features.final_feature', false, ['features.load', 'features.shared'], []],
      ['features.load', false, ['features.raw', 'features.sep'], []],
      ['features.shared', false, ['today'], []],
      ['features.raw', false, ['raw_path'], []],
      ['features.sep', false, [], []],
      ['features.flag', false, [], []],
      ['features', false, ['features.final_feature'], []],
      ['out_piped.raw', false, ['v'], []],
      ['out_piped.with_add_one', false, ['out_piped.raw'], []],
      ['out_piped.with_mul', false, ['out_piped.with_add_one'], []],
      ['out_piped', false, ['out_piped.with_mul'], []],
      ['piped', false, ['piped.with_add_n_1'], []],
      ['piped.with_add_one', false, ['v'], []],
      ['piped.with_add_n', false, ['piped.with_add_one'], []],
      ['piped.with_add_n_1', false, ['bump', 'piped.with_add_n'], []],
      ['score_range_validator', false, ['score_raw'], []],
      ['score', false, ['score_range_validator', 'score_raw'], []],
      ['score_raw', false, ['x'], []],
      ['strict_range_validator', false, ['strict_raw'], []],
      ['strict_data_type_validator', false, ['strict_raw'], []],
      ['strict', false, ['strict_data_type_validator', 'strict_range_validator', 'strict_raw'], []],
      ['strict_raw', false, ['x'], []],
      ['target.raw', false, ['v'], []],
      ['target.with_bump_target', false, ['target.raw'], []],
      ['target', false, ['target.with_bump_target'], []],
      ['v1.final_feature', false, ['v1.load'], []],
      ['v1.load', false, ['v1.raw', 'v1.sep'], []],
      ['v1.shared', false, ['today'], []],
      ['v1.sep', false, [], []],
      ['v1.raw', false, [], []],
      ['v1', false, ['v1.final_feature'], []],
      ['v2.final_feature', false, ['v2.load'], []],
      ['v2.load', false, ['v2.raw', 'v2.sep'], []],
      ['v2.shared', false, ['today'], []],
      ['v2.sep', false, [], []],
      ['v2.raw', false, [], []],
      ['v2.flag', false, [], []],
      ['v2', false, ['v2.final_feature'], []],
      ['a', true, [], []],
      ['b', true, [], []],
      ['x', true, [], []],
      ['today', true, [], []],
      ['raw_path', true, [], []],
      ['v', true, [], []],
      ['bump', true, [], []],
      ['mode', true, [], []],
    ]);
  });

  it('docs of validators, raw nodes and finals', () => {
    const docs = docsOf(dr);
    // the data type validator names the type: "<class 'int'>" in Python
    expect(docs.strict_data_type_validator).toMatch(
      /^Validates that the datatype of the pandas series is a subclass of: /,
    );
    delete docs.strict_data_type_validator;
    expect(docs).toEqual({
      evens_is_even: 'is even',
      piped: 'Piped.',
      score_range_validator: 'Validates that the datapoint falls within the range (0, 10)',
      score: 'The score.',
      score_raw: 'The score.',
      strict_range_validator: 'Validates that the datapoint falls within the range (0, 10)',
    });
  });

  it('tags: validators name their source node; subdag nodes keep their module and hamilton.config', () => {
    const tags = tagsOf(dr);
    expect(tags.score_range_validator).toMatchObject({
      module: 'deco2',
      'hamilton.data_quality.source_node': 'score',
    });
    expect(tags['features.final_feature']).toMatchObject({ module: 'sub', 'hamilton.config': 'flag' });
    expect(tags['features.load']).toMatchObject({ module: 'sub' });
    expect(tags.features).toEqual({ module: 'deco2' });
    expect(tags['piped.with_add_n_1']).toEqual({ module: 'deco2' });
    expect(tags['out_piped.raw']).toEqual({ module: 'deco2' });
  });

  it('checkOutput warn logs Hamilton’s message and goes on; fail raises DataValidationError', () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // {'score': 5}, then {'score': 42} after the warning
    expect(dr.executeSync(['score'], { inputs: { x: 5 } })).toEqual({ score: 5 });
    expect(warned).not.toHaveBeenCalled();
    expect(dr.executeSync(['score'], { inputs: { x: 42 } })).toEqual({ score: 42 });
    // WARNING [score:range_validator] validator failed. Message was: Data point 42 does not fall within
    // acceptable range: (0, 10). Diagnostic information is: {'range': (0, 10), 'value': 42}.
    expect(String(warned.mock.calls[0][0])).toMatch(
      /^\[score:range_validator\] validator failed\. Message was: Data point 42 does not fall within acceptable range: \(0, 10\)\. Diagnostic information is: \{'range': /,
    );
    // DataValidationError ["[strict:range_validator] validator failed. Message was: Data point 42 does not …"]
    expect(() => dr.executeSync(['strict'], { inputs: { x: 42 } })).toThrow(DataValidationError);
    expect(() => dr.executeSync(['strict'], { inputs: { x: 42 } })).toThrow(
      '["[strict:range_validator] validator failed. Message was: Data point 42 does not fall within acceptable range: (0, 10). ' +
        "Diagnostic information is: {'range': (0, 10), 'value': 42}.\\n\"]",
    );
    // WARNING [evens:is_even] validator failed. Message was: 3 is odd. Diagnostic information is: {}.
    warned.mockClear();
    expect(dr.executeSync(['evens'], { inputs: { x: 3 } })).toEqual({ evens: 3 });
    expect(warned).toHaveBeenCalledWith(
      '[evens:is_even] validator failed. Message was: 3 is odd. Diagnostic information is: {}.',
    );
  });

  it('subdag and parameterizedSubdag compute with their inputs, config and shared globals', () => {
    // {'features': 6}
    expect(dr.executeSync(['features'], { inputs: { raw_path: 7, today: 'mon' } })).toEqual({ features: 6 });
    // {'v1': 2, 'v2': 2}
    expect(dr.executeSync(['v1', 'v2'], { inputs: { today: 'mon' } })).toEqual({ v1: 2, v2: 2 });
  });

  it('pipeInput with step.when, pipeOutput, mutate and does compute as Hamilton does', () => {
    // {'piped': 100}
    expect(dr.executeSync(['piped'], { inputs: { v: 1, bump: 5 } })).toEqual({ piped: 100 });
    // {'out_piped': 4}, {'target': 101}, {'both': 3}
    expect(dr.executeSync(['out_piped'], { inputs: { v: 1 } })).toEqual({ out_piped: 4 });
    expect(dr.executeSync(['target'], { inputs: { v: 1 } })).toEqual({ target: 101 });
    expect(dr.executeSync(['both'], { inputs: { a: 1, b: 2 } })).toEqual({ both: 3 });
    const off = build({ mode: 'off' }, deco2);
    // {'piped': 70}; nodes ['piped', 'piped.with_add_one', 'piped.with_add_n']
    expect(off.executeSync(['piped'], { inputs: { v: 1, bump: 5 } })).toEqual({ piped: 70 });
    expect(
      off
        .listAvailableVariables()
        .map((v) => v.name)
        .filter((n) => n.startsWith('piped')),
    ).toEqual(['piped', 'piped.with_add_one', 'piped.with_add_n']);
  });
});

describe('data quality on series (Hamilton’s documentation example)', () => {
  const dr = build({ a: 1, b: 'x', c: 2 }, dq);

  it('makes one validator per argument, in the order given, before the final node and the raw one', () => {
    expect(rows(dr).map((r) => r[0])).toEqual([
      'age_normalized_data_type_validator',
      'age_normalized_range_validator',
      'age_normalized_allow_nans_validator',
      'age_normalized',
      'age_normalized_raw',
      'grade_values_in_validator',
      'grade',
      'grade_raw',
      'multi',
      'stacked',
      'age',
      'g',
      'a',
      'b',
      'c',
    ]);
    expect(rows(dr).find((r) => r[0] === 'age_normalized')?.[2]).toEqual([
      'age_normalized_allow_nans_validator',
      'age_normalized_data_type_validator',
      'age_normalized_range_validator',
      'age_normalized_raw',
    ]);
    const docs = docsOf(dr);
    expect(docs.age_normalized_range_validator).toBe(
      'Validates that the datapoint falls within the range (-5, 5)',
    );
    expect(docs.age_normalized_allow_nans_validator).toBe(
      'Validates that no more than 0.00% of the data is Nan.',
    );
    expect(docs.age_normalized_raw).toBe('Normalized age.');
    // a condition on several keys: {'hamilton.config': 'a,b'}
    expect(tagsOf(dr).multi).toEqual({ module: 'dq', 'hamilton.config': 'a,b' });
  });

  it('warns with Hamilton’s messages for series and returns the value', () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const wide = dr.executeSync(['age_normalized'], {
      inputs: { age: Series.from([...Array<number>(40).fill(0), 100]) },
    });
    // [-0.156 × 40, 6.247]
    expect(
      (wide.age_normalized as Series<number>).toArray().map((x) => Math.round((x as number) * 1000) / 1000),
    ).toEqual([...Array<number>(40).fill(-0.156), 6.247]);
    // [age_normalized:range_validator] validator failed. Message was: Series contains 40 values in range (-5,5),
    // and 1 outside.. Diagnostic information is: {'range': (-5, 5), 'in_range': 40, 'out_range': 1, 'data_size': 41}.
    expect(String(warned.mock.calls[0][0])).toMatch(
      /^\[age_normalized:range_validator\] validator failed\. Message was: Series contains 40 values in range \(-5,5\), and 1 outside\.\. Diagnostic information is: \{'range': /,
    );
    warned.mockClear();
    dr.executeSync(['age_normalized'], { inputs: { age: Series.from([1, null, 3]) } });
    expect(warned).toHaveBeenCalledWith(
      "[age_normalized:allow_nans_validator] validator failed. Message was: Out of 3 items in the series, 1 of them are Nan, representing: 33.33%. Max allowable Nans is: 0.00%, so this does not pass.. Diagnostic information is: {'total_nan': 1, 'total_length': 3, 'fraction_na': 0.3333333333333333, 'max_fraction_na': 0}.",
    );
    warned.mockClear();
    // ['a', 'c', 'd'] after "[grade:values_in_validator] validator failed. Message was: Series contains 1 correct
    // values, and 2 incorrect values. Valid values are: frozenset({'b', 'a'}).. …"
    const graded = dr.executeSync(['grade'], { inputs: { g: Series.from(['a', 'c', 'd']) } });
    expect((graded.grade as Series<string>).toArray()).toEqual(['a', 'c', 'd']);
    expect(String(warned.mock.calls[0][0])).toMatch(
      /^\[grade:values_in_validator\] validator failed\. Message was: Series contains 1 correct values, and 2 incorrect values\. Valid values are: /,
    );
  });
});

describe('lifecycle hooks', () => {
  it('construction, then before graph, before/after each node in execution order, then after graph', async () => {
    const log: unknown[] = [];
    const hooks: LifecycleAdapter = {
      runAfterGraphConstruction: () => void log.push(['after_construction']),
      runBeforeGraphExecution: (c) => void log.push(['before_graph', c.finalVars, c.inputs, c.overrides]),
      runBeforeNodeExecution: (c) => void log.push(['before', c.nodeName, c.nodeTags, c.nodeKwargs]),
      runAfterNodeExecution: (c) => void log.push(['after', c.nodeName, c.result, c.success]),
      runAfterGraphExecution: (c) => void log.push(['after_graph', c.success, c.results]),
    };
    const dr = new Builder().withModules(misc).withAdapters(hooks).build();
    // {'c': 4, 'b': 1}
    expect(dr.executeSync(['c', 'b'], { inputs: { x: 1, w: 2 } })).toEqual({ c: 4, b: 1 });
    const tags = { module: 'misc' };
    expect(log.splice(0)).toEqual([
      ['after_construction'],
      ['before_graph', ['c', 'b'], { x: 1, w: 2 }, {}],
      ['before', 'a', tags, { x: 1, w: 2 }],
      ['after', 'a', 3, true],
      ['before', 'b', tags, { x: 1 }],
      ['after', 'b', 1, true],
      ['before', 'c', tags, { a: 3, b: 1 }],
      ['after', 'c', 4, true],
      ['after_graph', true, { c: 4, b: 1 }],
    ]);
    // an overridden node gets no hooks: {'c': 6}
    expect(dr.executeSync(['c'], { inputs: { x: 1 }, overrides: { a: 5 } })).toEqual({ c: 6 });
    expect(log.splice(0).map((e) => (e as unknown[]).slice(0, 2))).toEqual([
      ['before_graph', ['c']],
      ['before', 'b'],
      ['after', 'b'],
      ['before', 'c'],
      ['after', 'c'],
      ['after_graph', true],
    ]);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // the failing node's after-hook has success False; the after-graph hook runs with success False
    await expect(dr.execute(['c'], { inputs: { x: 200, w: 0 } })).rejects.toThrow('too big');
    expect(log.slice(-2).map((e) => (e as unknown[]).slice(0, 2).concat((e as unknown[]).slice(-1)))).toEqual(
      [
        ['after', 'c', false],
        ['after_graph', false, undefined],
      ],
    );
  });
});

describe('visualization', () => {
  const dr = build({ w: 2 }, misc);

  it('displayAllFunctions: functions with type, inputs grouped per consumer, the config value in a note', () => {
    const dot = toDot(dr.displayAllFunctions());
    for (const name of ['a', 'b', 'c'])
      expect(dot).toContain(
        `${name} [label=<<b>${name}</b><br /><br /><i>number</i>> fillcolor="#b4d8e4" fontname=Helvetica margin=0.15 shape=rectangle style="rounded,filled"]`,
      );
    expect(dot).toContain(
      'w [label=<<b>w</b><br /><br /><i>2</i>> fontname=Helvetica shape=note style=filled]',
    );
    expect(dot).toContain('_b_inputs [label=<<table border="0"><tr><td>x</td><td>number</td></tr></table>>');
    expect(dot).toContain('_b_inputs -> b');
    expect(dot).toContain('_a_inputs -> a');
    expect(dot).toContain('a -> c');
    expect(dot).toContain('b -> c');
  });

  it('visualizeExecution: outputs #FFC857, overrides with diagonals, a legend of the kinds present', () => {
    const g = dr.visualizeExecution(['c'], { inputs: { x: 1 }, overrides: { b: 3 } });
    const dot = toDot(g);
    expect(dot).toContain(
      'fillcolor="#FFC857" fontname=Helvetica margin=0.15 shape=rectangle style="rounded,filled"]',
    );
    expect(dot).toMatch(/\tb \[label=[^\n]*style="filled,diagonals"\]/);
    expect(dot).toMatch(/\tc \[label=[^\n]*fillcolor="#FFC857"/);
    for (const kind of ['input', 'function', 'output', 'override']) expect(dot).toContain(`label=${kind} `);
  });
});
