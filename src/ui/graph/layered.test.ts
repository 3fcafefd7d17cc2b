import { describe, expect, it } from 'vitest';
import { layered } from './layered';

const options = { nodeHeight: 40, gap: [10, 30] as const };

describe('layered layout', () => {
  it('puts each node one layer after its latest parent, and a source next to its first consumer', () => {
    // 0 → 1 → 2 → 3, and 4 (a source) read only by 3.
    const { x } = layered({ widths: [50, 50, 50, 50, 50], parents: [[], [0], [1], [2, 4], []], ...options });
    expect([...x]).toEqual([25, 105, 185, 265, 185]);
  });
  it('routes an edge that skips layers through one point per layer, beside the nodes there', () => {
    // 0 → 1 → 2 → 3 and 0 → 3: the long edge passes layers 1 and 2 beside nodes 1 and 2.
    const result = layered({ widths: [50, 50, 50, 50], parents: [[], [0], [1], [2, 0]], ...options });
    const long = result.points[3][1];
    expect(long.map((p) => p[0])).toEqual([25, 105, 185, 265]);
    // Beside the nodes it passes, not through them, and nearly level.
    expect(Math.abs(long[1][1] - result.y[1])).toBeGreaterThanOrEqual(20);
    expect(Math.abs(long[2][1] - result.y[2])).toBeGreaterThanOrEqual(20);
    expect(Math.abs(long[1][1] - long[2][1])).toBeLessThan(5);
  });
  it('orders a layer to avoid crossings', () => {
    // Two chains a → b and c → d, listed so that a naive order would cross them.
    const { y } = layered({ widths: [50, 50, 50, 50], parents: [[], [], [1], [0]], ...options });
    expect(Math.sign(y[0] - y[1])).toBe(Math.sign(y[3] - y[2]));
  });
  it('lays out nothing', () => {
    expect(layered({ widths: [], parents: [], ...options })).toMatchObject({ width: 0, height: 0 });
  });
});
