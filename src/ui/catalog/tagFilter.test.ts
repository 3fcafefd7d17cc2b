import { describe, expect, it } from 'vitest';
import { matchesTags, parseTagFilter, tagFilterText } from './tagFilter';

describe('tag filter', () => {
  const tags = { owner: 'data-engineering', pii: 'true', team: ['a', 'b'], module: 'features' };
  it('parses clauses: key=value, key=a|b, and key alone', () => {
    expect(parseTagFilter(' pii=true  owner=a|b;module ')).toEqual([
      { key: 'pii', values: ['true'] },
      { key: 'owner', values: ['a', 'b'] },
      { key: 'module', values: null },
    ]);
  });
  it('needs every clause to match; lists match on any value', () => {
    expect(matchesTags(tags, parseTagFilter('pii=true owner=data-engineering'))).toBe(true);
    expect(matchesTags(tags, parseTagFilter('pii=false'))).toBe(false);
    expect(matchesTags(tags, parseTagFilter('team=b'))).toBe(true);
    expect(matchesTags(tags, parseTagFilter('owner=x|data-engineering'))).toBe(true);
    expect(matchesTags(tags, parseTagFilter('gdpr'))).toBe(false);
    expect(matchesTags(tags, parseTagFilter(''))).toBe(true);
  });
  it("writes a chip's clause so that it finds that tag again, list-valued tags too", () => {
    expect(tagFilterText('pii', 'true')).toBe('pii=true');
    expect(tagFilterText('team', ['a', 'b'])).toBe('team=a|b');
    expect(matchesTags(tags, parseTagFilter(tagFilterText('team', tags.team)))).toBe(true);
  });
});
