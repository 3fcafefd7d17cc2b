import { describe, expect, it } from 'vitest';
import { parseFromUser } from './userProtocol';

const entry = { nodeName: 'a', codeVersion: 'c1', dependencies: { x: 'd0' }, dataVersion: 'd1', runId: 'r1' };

describe('parseFromUser', () => {
  it('takes pongs, cache news and protocol events', () => {
    expect(parseFromUser({ kind: 'pong', seq: 3 })).toEqual({ kind: 'pong', seq: 3 });
    const news = { kind: 'cache-news', entries: [['k', entry]], results: [['d1', [1, 2]]] };
    expect(parseFromUser(news)).toEqual(news);
    const line = { type: 'console', runId: 1, level: 'log', node: 'a', text: 'hi' };
    expect(parseFromUser(line)).toMatchObject(line);
  });

  it('refuses cache news that is not exactly cache news', () => {
    const bad = [
      { kind: 'cache-news', entries: [['k', { ...entry, dataVersion: 7 }]], results: [] },
      { kind: 'cache-news', entries: [['k']], results: [] },
      { kind: 'cache-news', entries: [], results: [[1, 'value']] },
      { kind: 'cache-news', entries: [] },
      { kind: 'pong', seq: '1' },
      { kind: 'cache-news', entries: [], results: [['d', new (class Forged {})()]] },
    ];
    for (const data of bad) expect(parseFromUser(data)).toBeNull();
  });

  it('drops fields the schemas do not have', () => {
    expect(parseFromUser({ kind: 'pong', seq: 1, extra: 'x' })).toEqual({ kind: 'pong', seq: 1 });
  });
});
