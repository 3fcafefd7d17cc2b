import { describe, expect, it } from 'vitest';
import { CONSOLE_HEAD, CONSOLE_TAIL, ConsoleBudget } from './consoleBudget';
import { CONSOLE_LINES_COUNT, type ConsoleEvent, type ConsoleWithheld } from './protocol';
import { parseWorkerMessage } from './validate';
import { MAX_WITHHELD_BYTES, WithheldLines } from './withheldLines';

const line = (i: number, text = `line ${i}`): ConsoleEvent => ({
  type: 'console',
  runId: 1,
  level: (['log', 'info', 'warn', 'error'] as const)[i % 4],
  node: i % 3 ? 'n' : null,
  text,
});
const ask = (w: ConsoleWithheld, from: number) => ({ type: 'console-lines', id: 3, held: w, from }) as const;

/** A flood of `n` lines through a budget that keeps what it leaves out; what was posted. */
function flood(n: number, withheld: WithheldLines, text?: (i: number) => string) {
  const out: ConsoleEvent[] = [];
  const budget = new ConsoleBudget((e) => out.push(e), CONSOLE_HEAD, CONSOLE_TAIL, withheld);
  for (let i = 0; i < n; i++) budget.add(line(i, text?.(i)));
  budget.flush();
  return out;
}

describe('withheld console lines', () => {
  it('keeps the lines a flood leaves out, in order, and hands them out a bounded chunk at a time', () => {
    const withheld = new WithheldLines();
    withheld.begin(4);
    const n = 30_000;
    const out = flood(n, withheld);
    const count = out[CONSOLE_HEAD];
    expect(parseWorkerMessage(count)).toEqual(count);
    const tag = count.withheld!;
    expect(tag).toEqual({ request: 4, index: 0, count: n - CONSOLE_HEAD - CONSOLE_TAIL, kept: tag.count });
    const got: string[] = [];
    for (let from: number | null = 0; from !== null;) {
      const answer = withheld.answer(ask(tag, from));
      expect(parseWorkerMessage(answer)).toEqual(answer);
      expect(answer.chunk!.lines.length).toBeLessThanOrEqual(CONSOLE_LINES_COUNT);
      got.push(...answer.chunk!.lines.map((l) => `${l.level} ${l.node} ${l.text}`));
      from = answer.chunk!.next;
    }
    expect(got).toEqual(
      Array.from({ length: tag.count }, (_, k) => {
        const e = line(CONSOLE_HEAD + k);
        return `${e.level} ${e.node} ${e.text}`;
      }),
    );
  });

  it('keeps only the first lines that fit its bound, and says how many of how many', () => {
    const withheld = new WithheldLines();
    withheld.begin(1);
    const long = 'x'.repeat(10_000);
    const n = Math.ceil(MAX_WITHHELD_BYTES / 20_000) + 2_000;
    const tag = flood(n, withheld, () => long)[CONSOLE_HEAD].withheld!;
    expect(tag.count).toBe(n - CONSOLE_HEAD - CONSOLE_TAIL);
    expect(tag.kept).toBeGreaterThan(0);
    expect(tag.kept).toBeLessThan(tag.count);
    expect(tag.kept * 20_000).toBeLessThanOrEqual(MAX_WITHHELD_BYTES);
  });

  it('lets them go when the next request begins, and says nothing of a request that left nothing out', () => {
    const withheld = new WithheldLines();
    withheld.begin(1);
    const tag = flood(5_000, withheld)[CONSOLE_HEAD].withheld!;
    withheld.begin(2);
    expect(withheld.answer(ask(tag, 0))).toEqual({ type: 'console-lines', id: 3, chunk: null });
    expect(flood(10, withheld).some((e) => e.withheld)).toBe(false);
  });
});
