import { describe, expect, it } from 'vitest';
import { runSummary } from './runStates';

describe('runSummary', () => {
  it('says nothing ran, came from the cache or is stale for pending nodes', () => {
    expect(runSummary({})).toEqual({ ran: false, cached: false, stale: false });
    expect(runSummary({ a: { state: 'pending' }, b: { state: 'running' } })).toEqual({
      ran: false,
      cached: false,
      stale: false,
    });
  });

  it('finds a timed node, a cached one and a stale one anywhere in the table', () => {
    const nodes = {
      a: { state: 'done', startMs: 0, endMs: 2 },
      b: { state: 'done', cached: true },
      c: { state: 'stale' },
    } as const;
    expect(runSummary(nodes)).toEqual({ ran: true, cached: true, stale: true });
    expect(runSummary({ c: nodes.c })).toEqual({ ran: false, cached: false, stale: true });
    expect(runSummary({ b: nodes.b })).toEqual({ ran: false, cached: true, stale: false });
  });
});
