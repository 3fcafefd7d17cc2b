import { describe, expect, it } from 'vitest';
import { CONSOLE_HEAD, CONSOLE_TAIL, ConsoleBudget } from './consoleBudget';
import type { ConsoleEvent } from './protocol';

const line = (i: number): ConsoleEvent => ({
  type: 'console',
  runId: 1,
  level: 'log',
  node: null,
  text: `line ${i}`,
});

describe('console budget', () => {
  it('passes a request that prints little as it comes', () => {
    const out: string[] = [];
    const budget = new ConsoleBudget((e) => out.push(e.text));
    for (let i = 0; i < 10; i++) budget.add(line(i));
    budget.flush();
    expect(out).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i}`));
  });

  it('keeps the first and last lines of a flood, and counts the rest', () => {
    const out: string[] = [];
    const budget = new ConsoleBudget((e) => out.push(e.text));
    const n = 100_000;
    for (let i = 0; i < n; i++) budget.add(line(i));
    expect(out).toHaveLength(CONSOLE_HEAD);
    budget.flush();
    expect(out).toHaveLength(CONSOLE_HEAD + 1 + CONSOLE_TAIL);
    expect(out[CONSOLE_HEAD]).toContain(
      `${(n - CONSOLE_HEAD - CONSOLE_TAIL).toLocaleString('en')} more console lines`,
    );
    expect(out.at(-1)).toBe(`line ${n - 1}`);
    expect(out[CONSOLE_HEAD + 1]).toBe(`line ${n - CONSOLE_TAIL}`);
    // A new request starts a new budget.
    budget.add(line(0));
    expect(out.at(-1)).toBe('line 0');
  });
});
