import { describe, expect, it } from 'vitest';
import { CutStrings, MAX_HELD_STRINGS } from './cutStrings';
import { TEXT_CHUNK_CHARS, type TextCut } from './protocol';
import { parseWorkerMessage } from './validate';

const ask = (cut: TextCut, offset: number, id = 1) =>
  ({ type: 'text-chunk', id, held: cut, from: offset }) as const;

describe('cut strings', () => {
  it('holds a cut string and hands out the rest a bounded chunk at a time', () => {
    const cuts = new CutStrings();
    cuts.begin(7);
    const whole = 'a'.repeat(100) + 'b'.repeat(TEXT_CHUNK_CHARS) + 'c'.repeat(10);
    const { text, cut } = cuts.cut(whole, 100);
    expect(text).toBe(`${'a'.repeat(100)}… (${(whole.length - 100).toLocaleString('en')} more characters)`);
    expect(cut).toEqual({ request: 7, index: 0, shown: 100, total: whole.length });
    const first = cuts.answer(ask(cut!, 100));
    expect(first.chunk).toEqual({ offset: 100, text: 'b'.repeat(TEXT_CHUNK_CHARS), total: whole.length });
    expect(parseWorkerMessage(first)).toEqual(first);
    expect(cuts.answer(ask(cut!, 100 + TEXT_CHUNK_CHARS)).chunk?.text).toBe('c'.repeat(10));
  });

  it('leaves short strings whole and unheld', () => {
    const cuts = new CutStrings();
    cuts.begin(1);
    expect(cuts.cut('short', 100)).toEqual({ text: 'short' });
  });

  it('lets a request go when the next one begins: its strings answer as let go', () => {
    const cuts = new CutStrings();
    cuts.begin(1);
    const { cut } = cuts.cut('x'.repeat(50), 10);
    cuts.begin(2);
    expect(cuts.answer(ask(cut!, 10, 5))).toEqual({ type: 'text-chunk', id: 5, chunk: null });
    // Its index is taken by the new request's first string, which the old cut does not name.
    cuts.cut('y'.repeat(50), 10);
    expect(cuts.answer(ask(cut!, 10)).chunk).toBeNull();
  });

  it('holds a bounded number of strings; past it the text is cut without a way to the rest', () => {
    const cuts = new CutStrings();
    cuts.begin(1);
    for (let i = 0; i < MAX_HELD_STRINGS; i++) expect(cuts.cut('z'.repeat(20), 5).cut).toBeDefined();
    const over = cuts.cut('z'.repeat(20), 5);
    expect(over.cut).toBeUndefined();
    expect(over.text).toContain('15 more characters');
  });
});
