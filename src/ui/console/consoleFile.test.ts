import { describe, expect, it } from 'vitest';
import type { ConsoleEntry } from '../state/session';
import { consoleFile, overflowNote, type FetchLines } from './consoleFile';

const entry = (seq: number, text: string, withheld?: ConsoleEntry['withheld']): ConsoleEntry => ({
  seq,
  runId: 1,
  epoch: 0,
  level: 'log',
  node: 'n',
  text,
  ...(withheld && { withheld }),
});

const withheld = { request: 1, index: 0, count: 5, kept: 3 };
/** Three kept lines, two per answer. */
const fetch: FetchLines = async (_, from) => {
  const lines = ['b', 'c', 'd']
    .slice(from, from + 2)
    .map((text) => ({ level: 'log' as const, node: null, text }));
  return { from, lines, next: from + 2 < 3 ? from + 2 : null };
};

describe('the console as a file', () => {
  it('puts the withheld lines in place of their count line, saying what was not kept', async () => {
    const entries = [entry(1, 'a'), entry(2, '… 5 more console lines not shown …', withheld), entry(3, 'e')];
    const text = (await consoleFile(entries, fetch)).join('');
    expect(text).toBe(
      '[log] n: a\n[log] module: b\n[log] module: c\n[log] module: d\n' +
        '… the first 3 of 5 withheld lines are above; the rest were over what the worker keeps …\n[log] n: e\n',
    );
    expect(overflowNote(entries)).toBe('The file holds the first 3 of 5 withheld lines.');
  });

  it('says so when the worker no longer holds them', async () => {
    const text = (await consoleFile([entry(1, 'x', withheld)], async () => null)).join('');
    expect(text).toContain('3 withheld lines are no longer held');
  });
});
