import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import { CycleError } from './errors';
import { analysedModule } from './fixtures/analysed';

describe('cycles', () => {
  const m = analysedModule('m', {
    a: [(b: number) => b, ['b']],
    b: [(a: number) => a, ['a']],
    self: [(self: number) => self, ['self']],
    c: [(e: number) => e, ['e']],
    d: [(c: number) => c, ['c']],
    e: [(d: number, x: number) => d + x, ['d', 'x']],
    after: [(e: number) => e, ['e']],
    fine: [(x: number) => x, ['x']],
  });
  const dr = new Driver({}, m);

  it('finds every cycle, self-loops included, as paths in data-flow order', () => {
    expect(dr.graph.cycles).toEqual([['a', 'b'], ['c', 'd', 'e'], ['self']]);
  });

  it('names only the cycles an execution touches', () => {
    const error = (() => {
      try {
        dr.validateExecution(['after', 'fine'], { inputs: { x: 1 } });
      } catch (e) {
        return e;
      }
    })() as CycleError;
    expect(error).toBeInstanceOf(CycleError);
    expect(error.cycles).toEqual([['c', 'd', 'e']]);
    expect(error.message).toBe('The graph has a cycle, so it cannot run: c -> d -> e -> c');
    expect(dr.executeSync(['fine'], { inputs: { x: 1 } })).toEqual({ fine: 1 });
  });

  it('marks the cycles in the graph description', () => {
    expect(dr.displayAllFunctions().cycles).toHaveLength(3);
  });
});
