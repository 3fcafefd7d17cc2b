import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import { UnknownNodesError } from './errors';
import { analysedModule } from './fixtures/analysed';
import { decorate } from './function_modifiers/base';
import { copyNode } from './node';

// A tag decorator written against the modifier contract, so these tests do not depend on the decorators' own code.
const tagged = (tags: Record<string, string | string[]>) => (fn: Function) =>
  decorate(fn, {
    phase: 'tag',
    decorator: 'tag',
    transform: (nodes) => nodes.map((n) => copyNode(n, { tags: { ...n.tags, ...tags } })),
  });

const m = analysedModule('features', {
  age: [tagged({ owner: 'ds', pii: 'true' })((raw: number) => raw), ['raw']],
  age_normalized: [tagged({ owner: 'ds' })((age: number) => age / 100), ['age']],
  income: [tagged({ owner: ['finance', 'ds'] })((raw: number) => raw * 1000), ['raw']],
  feature_set_v1: [
    (age_normalized: number, income: number) => [age_normalized, income],
    ['age_normalized', 'income'],
  ],
  model: [(feature_set_v1: number[]) => feature_set_v1.length, ['feature_set_v1']],
  unrelated: [(other: number) => other, ['other']],
});
const dr = new Driver({}, m);
const names = (vs: { name: string }[]) => vs.map((v) => v.name);

describe('lineage', () => {
  it('upstream includes the named nodes and all their ancestors', () => {
    expect(names(dr.whatIsUpstreamOf('model'))).toEqual([
      'age',
      'age_normalized',
      'feature_set_v1',
      'income',
      'model',
      'raw',
    ]);
    expect(names(dr.whatIsUpstreamOf('age', 'unrelated'))).toEqual(['age', 'unrelated', 'raw', 'other']);
  });

  it('downstream includes the named nodes and all their descendants', () => {
    expect(names(dr.whatIsDownstreamOf('age'))).toEqual(['age', 'age_normalized', 'feature_set_v1', 'model']);
  });

  it('path between is downstream(a) ∩ upstream(b), empty without a path', () => {
    expect(names(dr.whatIsThePathBetween('age', 'feature_set_v1'))).toEqual([
      'age',
      'age_normalized',
      'feature_set_v1',
    ]);
    expect(dr.whatIsThePathBetween('model', 'age')).toEqual([]);
  });

  it('refuses unknown names', () => {
    expect(() => dr.whatIsUpstreamOf('nope', 'age', 'zzz')).toThrow(UnknownNodesError);
    expect(() => dr.whatIsThePathBetween('age', 'nope')).toThrow('Downstream node nope not found in graph.');
    expect(() => dr.whatIsThePathBetween('nope', 'age')).toThrow('Upstream node nope not found in graph.');
  });
});

describe('tag filter', () => {
  const list = (tagFilter: Record<string, string | string[] | null>) =>
    names(dr.listAvailableVariables({ tagFilter }));

  it('matches a value, any of a list, or mere presence with null; all keys must match', () => {
    expect(list({ owner: 'ds' })).toEqual(['age', 'age_normalized', 'income']);
    expect(list({ owner: 'finance' })).toEqual(['income']);
    expect(list({ owner: ['finance', 'nobody'] })).toEqual(['income']);
    expect(list({ pii: null })).toEqual(['age']);
    expect(list({ owner: 'ds', pii: null })).toEqual(['age']);
    expect(list({ owner: 'ds', pii: 'false' })).toEqual([]);
    expect(list({ module: 'features' })).toHaveLength(6);
  });

  it('lists every node, inputs included, without a filter', () => {
    expect(names(dr.listAvailableVariables())).toEqual([
      'age',
      'age_normalized',
      'feature_set_v1',
      'income',
      'model',
      'unrelated',
      'raw',
      'other',
    ]);
  });

  it('refuses values that are not strings, non-empty lists or null', () => {
    expect(() => dr.listAvailableVariables({ tagFilter: { owner: [] } })).toThrow(
      'All tag query values must be a string or list of strings',
    );
  });
});
