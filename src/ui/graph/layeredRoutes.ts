/**
 * The layered layout's last phase: columns (each layer as wide as its widest node), whole-pixel
 * places, and each edge's points through its dummies.
 */
import type { Vertices } from './layeredRanks';

/** Each layer's centre x, and the whole width. */
export function layerColumns(
  { n, layer, layerCount }: Vertices,
  widths: Float64Array,
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

/**
 * Every edge's points, parent centre first, then one per dummy, then the node's centre: edge `e`'s are
 * the (x, y) pairs from `2 * pointStart[e]` to `2 * pointStart[e + 1]` of `points`, edges in the order of
 * {@link Vertices}' `edgeStart`.
 */
export function edgePoints(
  { n, layer, up, edgeStart, dummyStart }: Vertices,
  columnX: Float64Array,
  y: Float64Array,
): { readonly points: Float64Array; readonly pointStart: Int32Array } {
  const edges = dummyStart.length - 1;
  const pointStart = new Int32Array(edges + 1);
  for (let e = 0; e < edges; e++) pointStart[e + 1] = pointStart[e] + dummyStart[e + 1] - dummyStart[e] + 2;
  const points = new Float64Array(2 * pointStart[edges]);
  let at = 0;
  const add = (u: number) => {
    points[at++] = columnX[layer[u]];
    points[at++] = y[u];
  };
  for (let v = 0; v < n; v++) {
    for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
      const first = dummyStart[e];
      const last = dummyStart[e + 1];
      // The parent: the up link of the edge's first dummy, or of the node itself.
      add(first < last ? up.list[up.start[first]] : up.list[e]);
      for (let d = first; d < last; d++) add(d);
      add(v);
    }
  }
  return { points, pointStart };
}
