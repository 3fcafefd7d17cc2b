import { describe, expect, it } from 'vitest';
import { modifiersOf } from './base';
import { config } from './config';
import { analysed, driverOf, edgesOf, nodesOf } from './testing';

const module = {
  aggregation_stats: analysed(() => ({ age_mean: 40 }), {
    name: 'aggregation_stats',
    returnType: 'Record<string, number>',
  }),
  age_mean__streaming: analysed(
    config.when({ mode: 'streaming' })(
      (aggregation_stats: Record<string, number>) => aggregation_stats.age_mean,
    ),
    {
      name: 'age_mean__streaming',
      params: 'aggregation_stats: Record<string, number>',
      returnType: 'number',
    },
  ),
  age_mean__batch: analysed(
    config.whenNot({ mode: 'streaming' })((ages: number[]) => ages.reduce((a, b) => a + b, 0) / ages.length),
    { name: 'age_mean__batch', params: 'ages: number[]', returnType: 'number' },
  ),
  report: analysed((age_mean: number) => `mean ${age_mean}`, { name: 'report', params: 'age_mean: number' }),
};

describe('config.when / whenNot', () => {
  it('picks the streaming variant and names it at the last __', async () => {
    const dr = driverOf(module, { mode: 'streaming' });
    expect(edgesOf(dr)).toEqual([
      'age_mean <- aggregation_stats',
      'aggregation_stats <- ',
      'report <- age_mean',
    ]);
    expect(nodesOf(dr).get('age_mean')?.tags['hamilton.config']).toBe('mode');
    expect(await dr.execute(['report'])).toEqual({ report: 'mean 40' });
  });

  it('stacked conditions tag the node with the outermost decorator’s keys, as Hamilton does', () => {
    const inner = (x: number) => x;
    const ab = analysed(config.when({ a: 1 })(config.whenIn({ c: [1, 2] })(inner)), {
      name: 'f',
      params: 'x: number',
    });
    const ca = analysed(config.whenIn({ c: [1, 2] })(config.when({ a: 1 })(inner)), {
      name: 'f',
      params: 'x: number',
    });
    expect(nodesOf(driverOf({ f: ab }, { a: 1, c: 2 })).get('f')?.tags['hamilton.config']).toBe('a');
    expect(nodesOf(driverOf({ f: ca }, { a: 1, c: 2 })).get('f')?.tags['hamilton.config']).toBe('c');
  });

  it('when_not includes the function when the key is missing', async () => {
    const dr = driverOf(module);
    expect(edgesOf(dr)).toContain('age_mean <- ages');
    expect(await dr.execute(['age_mean'], { inputs: { ages: [20, 40] } })).toEqual({ age_mean: 30 });
  });

  it('makes consumers ask for the node as an input when no variant matches', () => {
    const only = { age_mean__streaming: module.age_mean__streaming, report: module.report };
    const dr = driverOf(only, { mode: 'batch' });
    expect(nodesOf(dr).has('age_mean')).toBe(false);
    expect(dr.graph.nodes.get('age_mean')?.kind).toBe('input');
  });

  it('ANDs stacked conditions', () => {
    const fn = analysed(config.when({ a: 1 })(config.whenIn({ b: [2, 3] })((x: number) => x)), {
      name: 'f',
      params: 'x: number',
    });
    expect(nodesOf(driverOf({ f: fn }, { a: 1, b: 3 })).has('f')).toBe(true);
    expect(nodesOf(driverOf({ f: fn }, { a: 1, b: 4 })).has('f')).toBe(false);
    expect(nodesOf(driverOf({ f: fn }, { a: 2, b: 3 })).has('f')).toBe(false);
  });

  it('when_not_in excludes listed values and keeps a missing key', () => {
    const fn = analysed(
      config.whenNotIn({ region: ['uk', 'us'] })(() => 1),
      { name: 'f' },
    );
    expect(nodesOf(driverOf({ f: fn }, { region: 'uk' })).has('f')).toBe(false);
    expect(nodesOf(driverOf({ f: fn }, { region: 'de' })).has('f')).toBe(true);
    expect(nodesOf(driverOf({ f: fn }, {})).has('f')).toBe(true);
  });

  it('exposes the keys and values it compares for UI toggles', () => {
    const [m] = modifiersOf(config.whenIn({ region: ['uk', 'us'] })(() => 1));
    expect(m.configKeys).toEqual(['region']);
    expect(m.configValues).toEqual({ region: ['uk', 'us'] });
    const [w] = modifiersOf(config.when({ mode: 'streaming' })(() => 1));
    expect(w.configValues).toEqual({ mode: ['streaming'] });
  });

  it('two matching variants are a duplicate definition', () => {
    const both = {
      a__x: analysed(
        config.when({ m: 1 })(() => 1),
        { name: 'a__x' },
      ),
      a__y: analysed(
        config.whenIn({ m: [1, 2] })(() => 2),
        { name: 'a__y' },
      ),
    };
    expect(() => driverOf(both, { m: 1 })).toThrow(/Cannot define function a more than once/);
  });
});
