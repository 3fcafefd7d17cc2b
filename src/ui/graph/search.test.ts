import { describe, expect, it } from 'vitest';
import { findNodes } from './search';
import { describedNode } from './testGraphs';

const nodes = [
  describedNode('age_mean', 'function', { tags: { owner: 'data-science' } }),
  describedNode('age', 'input', { type: 'Series<number>' }),
  describedNode('budget', 'function', { tags: { pii: 'true' }, type: 'Series<number>' }),
  describedNode('mean_age_days', 'function', { type: 'DataFrame' }),
];
const names = (query: string) => findNodes(nodes, query).map((n) => n.name);

describe('finding nodes', () => {
  it('ranks the exact name, then prefixes, then names containing the text', () => {
    expect(names('age')).toEqual(['age', 'age_mean', 'mean_age_days']);
    expect(names('MEAN')).toEqual(['mean_age_days', 'age_mean']);
  });
  it('finds by tag (key, value or key=value) and by type', () => {
    expect(names('pii=true')).toEqual(['budget']);
    expect(names('data-science')).toEqual(['age_mean']);
    expect(names('dataframe')).toEqual(['mean_age_days']);
    expect(names('series<number>')).toEqual(['age', 'budget']);
  });
  it('finds nothing for an empty or unknown query', () => {
    expect(names('  ')).toEqual([]);
    expect(names('nothing_like_it')).toEqual([]);
  });
});
