import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import { DuplicateDefinitionError, NodeResolutionError } from './errors';
import { analysedModule } from './fixtures/analysed';
import { decorate, type FunctionModifier } from './function_modifiers/base';
import { copyNode } from './node';

// Modifiers written against the contract in base.ts, so these tests exercise the resolution pipeline alone.
const when = (key: string, value: unknown) => (fn: Function) =>
  decorate(fn, {
    phase: 'config',
    decorator: 'config.when',
    configKeys: [key],
    enabled: (c) => c[key] === value,
  });
const log: string[] = [];
const phase = (p: FunctionModifier['phase']) => (fn: Function) =>
  decorate(fn, {
    phase: p,
    decorator: p,
    transform: (nodes) => (log.push(p), nodes.map((n) => copyNode(n, { tags: { ...n.tags, [p]: 'yes' } }))),
  });

describe('resolving functions into nodes', () => {
  it('selects a config variant and names it at the last __', () => {
    const m = analysedModule('features', {
      age_mean__streaming: [when('mode', 'streaming')((age: number) => age + 1), ['age']],
      age_mean__batch: [when('mode', 'batch')((age: number) => age * 2), ['age']],
      report: [(age_mean: number) => `mean ${age_mean}`, ['age_mean']],
    });
    const streaming = new Driver({ mode: 'streaming' }, m);
    expect(streaming.executeSync(['report'], { inputs: { age: 10 } })).toEqual({ report: 'mean 11' });
    expect(new Driver({ mode: 'batch' }, m).executeSync(['report'], { inputs: { age: 10 } })).toEqual({
      report: 'mean 20',
    });
    const v = streaming.listAvailableVariables().find((x) => x.name === 'age_mean');
    expect(v?.tags).toEqual({ module: 'features', 'hamilton.config': 'mode' });
    // The variant's function stands for its node name when passed as a final var.
    expect(streaming.executeSync([m.age_mean__streaming as Function], { inputs: { age: 1 } })).toEqual({
      age_mean: 2,
    });
  });

  it('turns a deselected node into a required input of its consumers', () => {
    const m = analysedModule('features', {
      age_mean__streaming: [when('mode', 'streaming')((age: number) => age + 1), ['age']],
      report: [(age_mean: number) => age_mean, ['age_mean']],
    });
    const dr = new Driver({ mode: 'other' }, m);
    expect(() => dr.validateExecution(['report'])).toThrow(
      "Required input age_mean not provided for nodes: ['report']",
    );
    expect(dr.executeSync(['report'], { inputs: { age_mean: 3 } })).toEqual({ report: 3 });
  });

  it('refuses two matching variants as a duplicate definition', () => {
    const m = analysedModule('features', {
      x__a: [when('mode', 1)(() => 1), []],
      x__b: [when('mode', 1)(() => 2), []],
    });
    expect(() => new Driver({ mode: 1 }, m)).toThrow(DuplicateDefinitionError);
  });

  it('applies modifiers in Hamilton phase order whatever the stacking order', () => {
    log.length = 0;
    const fn = phase('tag')(phase('expand')(phase('transform')(phase('inject')((x: number) => x))));
    const dr = new Driver({}, analysedModule('m', { f: [fn, ['x']] }));
    expect(log).toEqual(['inject', 'expand', 'transform', 'tag']);
    expect(dr.listAvailableVariables()[0].tags).toEqual({
      module: 'm',
      inject: 'yes',
      expand: 'yes',
      transform: 'yes',
      tag: 'yes',
    });
  });

  it('reports a failing decorator with the function, module and line, all failures at once', () => {
    const broken = (fn: Function) =>
      decorate(fn, {
        phase: 'transform',
        decorator: 'broken',
        transform: () => {
          throw new Error('cannot transform');
        },
      });
    const m = analysedModule('features', {
      a: [broken((x: number) => x), ['x'], { line: 4 }],
      b: [broken((x: number) => x), ['x'], { line: 9 }],
    });
    const e = (() => {
      try {
        new Driver({}, m);
      } catch (x) {
        return x as Error & { errors: Error[] };
      }
    })();
    expect(e?.errors.map((x) => x.message)).toEqual([
      'Exception occurred while compiling function: a to nodes (module features, features.ts:4:1): cannot transform',
      'Exception occurred while compiling function: b to nodes (module features, features.ts:9:1): cannot transform',
    ]);
    expect(e?.errors[0]).toBeInstanceOf(NodeResolutionError);
  });
});
