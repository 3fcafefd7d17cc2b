import { describe, expect, it } from 'vitest';
import { layered, type LayeredResult } from './layered';
import { adjacencyOf } from './layeredRanks';

/** Lays out nodes of the given widths and parents (by index). */
const lay = (widths: number[], parents: number[][]) =>
  layered({
    widths: Float64Array.from(widths),
    parents: adjacencyOf(parents),
    nodeHeight: 40,
    gap: [10, 30],
  });

/** Edge `e`'s points (edges node by node, parent by parent). */
function pointsOf({ points, pointStart }: LayeredResult, e: number): [number, number][] {
  const line: [number, number][] = [];
  for (let i = pointStart[e]; i < pointStart[e + 1]; i++) line.push([points[2 * i], points[2 * i + 1]]);
  return line;
}

describe('layered layout', () => {
  it('puts each node one layer after its latest parent, and a source next to its first consumer', () => {
    // 0 → 1 → 2 → 3, and 4 (a source) read only by 3.
    const { x } = lay([50, 50, 50, 50, 50], [[], [0], [1], [2, 4], []]);
    expect([...x]).toEqual([25, 105, 185, 265, 185]);
  });
  it('routes an edge that skips layers through one point per layer, beside the nodes there', () => {
    // 0 → 1 → 2 → 3 and 0 → 3: the long edge (the fourth, node 3's second parent) passes layers 1 and 2
    // beside nodes 1 and 2.
    const result = lay([50, 50, 50, 50], [[], [0], [1], [2, 0]]);
    const long = pointsOf(result, 3);
    expect(long.map((p) => p[0])).toEqual([25, 105, 185, 265]);
    expect(long[0]).toEqual([result.x[0], result.y[0]]);
    expect(long[3]).toEqual([result.x[3], result.y[3]]);
    // Beside the nodes it passes, not through them, and nearly level.
    expect(Math.abs(long[1][1] - result.y[1])).toBeGreaterThanOrEqual(20);
    expect(Math.abs(long[2][1] - result.y[2])).toBeGreaterThanOrEqual(20);
    expect(Math.abs(long[1][1] - long[2][1])).toBeLessThan(5);
    // A short edge (the second, 1 → 2): its two ends only.
    expect(pointsOf(result, 1)).toEqual([
      [result.x[1], result.y[1]],
      [result.x[2], result.y[2]],
    ]);
  });
  it('orders a layer to avoid crossings', () => {
    // Two chains a → b and c → d, listed so that a naive order would cross them.
    const { y } = lay([50, 50, 50, 50], [[], [], [1], [0]]);
    expect(Math.sign(y[0] - y[1])).toBe(Math.sign(y[3] - y[2]));
  });
  it('lays out nothing', () => {
    expect(lay([], [])).toMatchObject({ width: 0, height: 0 });
  });
});
