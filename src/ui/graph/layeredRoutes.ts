/**
 * The layered layout's last phase: columns (each layer as wide as its widest node), whole-pixel
 * places, and each edge's points through its dummies.
 */
import type { Vertices } from './layeredRanks';

type Point = readonly [number, number];

/** Each layer's centre x, and the whole width. */
export function layerColumns(
  { n, layer, layerCount }: Vertices,
  widths: readonly number[],
  gap: number,
): { readonly columnX: Float64Array; readonly width: number } {
  const layerWidth = new Float64Array(layerCount);
  for (let v = 0; v < n; v++) layerWidth[layer[v]] = Math.max(layerWidth[layer[v]], widths[v]);
  const columnX = new Float64Array(layerCount);
  let x = 0;
  for (let l = 0; l < layerCount; l++) {
    columnX[l] = x + layerWidth[l] / 2;
    x += layerWidth[l] + (l < layerCount - 1 ? gap : 0);
  }
  return { columnX, width: x };
}

/** Moves the drawing's top to 0 in whole pixels (shorter path data, crisper lines); returns its height. */
export function alignTop(y: Float64Array, n: number, nodeHeight: number): number {
  let top = Infinity;
  let bottom = -Infinity;
  for (let u = 0; u < y.length; u++) {
    const half = u < n ? nodeHeight / 2 : 0;
    top = Math.min(top, y[u] - half);
    bottom = Math.max(bottom, y[u] + half);
  }
  for (let u = 0; u < y.length; u++) y[u] = Math.round(y[u] - top);
  return n ? Math.round(bottom - top) : 0;
}

/** For each node, for each of its parents: the edge's points, parent centre first. */
export function edgePoints(
  { n, layer, chains }: Vertices,
  parents: readonly (readonly number[])[],
  columnX: Float64Array,
  y: Float64Array,
): Point[][][] {
  const points: Point[][][] = [];
  for (let v = 0; v < n; v++) {
    const edges: Point[][] = [];
    for (let k = 0; k < parents[v].length; k++) {
      const p = parents[v][k];
      const line: Point[] = [[columnX[layer[p]], y[p]]];
      const dummies = chains[v][k];
      for (let i = 0; i < dummies.length; i++) line.push([columnX[layer[dummies[i]]], y[dummies[i]]]);
      line.push([columnX[layer[v]], y[v]]);
      edges.push(line);
    }
    points.push(edges);
  }
  return points;
}
