/**
 * Keeps each cluster's nodes together (grouping.ts): after the layered layout's placement, every
 * cluster gets one band — a vertical interval held across all the layers it spans — that no other
 * vertex enters, so the frame drawn around its nodes holds none of another cluster's. The bands keep
 * the clusters' order by their nodes' mean place; the vertices outside any cluster then move as little as
 * they can (isotonic regression between the bands of their layer), and a cluster's nodes stack, centred,
 * in its band.
 */
import type { Vertices } from './layeredRanks';
import { Pool, widestLayer } from './layeredPlace';

/** Each node's cluster (an index, or -1 for none), and the room a cluster's frame takes above and below its nodes. */
export interface ClusterInput {
  readonly clusterOf: Int32Array;
  readonly pad: readonly [number, number];
}

/** A cluster's band while it is placed. */
interface Band {
  /** Its first and last layer. */
  first: number;
  last: number;
  /** Its tallest layer's stack of member vertices, with the frame's room above and below. */
  height: number;
  /** Its members' mean place (the order of the bands), then its band's centre. */
  y: number;
  members: number;
}

/** Moves the vertices of `y` so that the clusters' bands hold no other vertex. */
export function keepClustersTogether(
  vertices: Vertices,
  layers: readonly Int32Array[],
  y: Float64Array,
  extent: Float64Array,
  { clusterOf, pad }: ClusterInput,
): void {
  const of = vertexClusters(vertices, clusterOf);
  const bands = measureBands(layers, y, extent, of, pad);
  if (!bands.length) return;
  const rows = layers.map((row, l) => layerItems(row, l, bands, y, of));
  placeBands(bands, rows, extent);
  const outside = new OutsidePlacer(widestLayer(layers));
  for (let l = 0; l < layers.length; l++) {
    outside.place(rows[l], bands, y, extent);
    placeInside(layers[l], bands, y, extent, of, pad[0]);
  }
}

/** Each vertex's cluster: a node's own; a dummy's when its edge runs inside one cluster; otherwise -1. */
function vertexClusters(
  { n, layer, up, edgeStart, dummyStart }: Vertices,
  clusterOf: Int32Array,
): Int32Array {
  const of = new Int32Array(layer.length).fill(-1);
  of.set(clusterOf.subarray(0, n));
  for (let v = 0; v < n; v++) {
    if (of[v] < 0) continue;
    for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
      const first = dummyStart[e];
      const last = dummyStart[e + 1];
      // The chain's first dummy hangs from the edge's parent.
      if (first < last && of[up.list[up.start[first]]] === of[v]) of.fill(of[v], first, last);
    }
  }
  return of;
}

/** Each cluster's layers, band height and mean place (a cluster index without vertices gets no layers). */
function measureBands(
  layers: readonly Int32Array[],
  y: Float64Array,
  extent: Float64Array,
  of: Int32Array,
  pad: readonly [number, number],
): Band[] {
  const bands: Band[] = [];
  const stackIn: number[] = [];
  for (let l = 0; l < layers.length; l++) {
    for (const u of layers[l]) {
      const c = of[u];
      if (c < 0) continue;
      while (bands.length <= c) {
        bands.push({ first: Infinity, last: -1, height: 0, y: 0, members: 0 });
        stackIn.push(0);
      }
      const band = bands[c];
      stackIn[c] = (band.last === l ? stackIn[c] : 0) + extent[u];
      band.first = Math.min(band.first, l);
      band.last = l;
      band.height = Math.max(band.height, stackIn[c] + pad[0] + pad[1]);
      band.y += y[u];
      band.members++;
    }
  }
  for (const band of bands) band.y /= band.members || 1;
  return bands;
}

/**
 * Layer `l`'s items top to bottom: a vertex outside any cluster (`v`), or a cluster's band (`-1 - c`).
 * Bands compare by their mean place, then by index: the same order in every layer.
 */
function layerItems(
  row: Int32Array,
  l: number,
  bands: readonly Band[],
  y: Float64Array,
  of: Int32Array,
): number[] {
  const items: number[] = [];
  for (const u of row) if (of[u] < 0) items.push(u);
  for (let c = 0; c < bands.length; c++) if (bands[c].first <= l && l <= bands[c].last) items.push(-1 - c);
  const key = (item: number) => (item < 0 ? bands[-1 - item].y : y[item]);
  const tie = (item: number) => (item < 0 ? -1 - item : bands.length + item);
  return items.sort((a, b) => key(a) - key(b) || tie(a) - tie(b));
}

/**
 * Each band's centre: as near its members' mean place as the bands above it allow, with room between
 * two bands of a layer for the vertices between them. (Bands are taken in their order, top down.)
 */
function placeBands(bands: Band[], rows: readonly number[][], extent: Float64Array): void {
  const after: { readonly band: number; readonly room: number }[][] = bands.map(() => []);
  for (const items of rows) {
    let previous = -1;
    let room = 0;
    for (const item of items) {
      if (item >= 0) {
        room += extent[item];
        continue;
      }
      const c = -1 - item;
      if (previous >= 0)
        after[c].push({ band: previous, room: room + (bands[previous].height + bands[c].height) / 2 });
      previous = c;
      room = 0;
    }
  }
  const order = bands.map((_, c) => c).sort((a, b) => bands[a].y - bands[b].y || a - b);
  for (const c of order)
    for (const { band, room } of after[c]) bands[c].y = Math.max(bands[c].y, bands[band].y + room);
}

/** A cluster's member vertices of one layer, stacked in order and centred in its band. */
function placeInside(
  row: Int32Array,
  bands: readonly Band[],
  y: Float64Array,
  extent: Float64Array,
  of: Int32Array,
  padTop: number,
): void {
  const stacks = new Map<number, number>();
  for (const u of row) if (of[u] >= 0) stacks.set(of[u], (stacks.get(of[u]) ?? 0) + extent[u]);
  const at = new Map<number, number>();
  for (const [c, stack] of stacks) {
    const band = bands[c];
    const room = band.height - padTop;
    at.set(c, band.y - band.height / 2 + padTop + (room - stack) / 2);
  }
  for (const u of row) {
    const c = of[u];
    if (c < 0) continue;
    y[u] = at.get(c)! + extent[u] / 2;
    at.set(c, at.get(c)! + extent[u]);
  }
}

/**
 * Places a layer's vertices outside the clusters: each run of them between two bands (or above the
 * first, or below the last) as near their places as the order, the spacing and the bands allow.
 */
class OutsidePlacer {
  private readonly targets: Float64Array;
  private readonly weights: Float64Array;
  private readonly offsets: Float64Array;
  private readonly pool: Pool;

  constructor(widest: number) {
    this.targets = new Float64Array(widest);
    this.weights = new Float64Array(widest).fill(1);
    this.offsets = new Float64Array(widest);
    this.pool = new Pool(widest);
  }

  place(items: readonly number[], bands: readonly Band[], y: Float64Array, extent: Float64Array): void {
    let start = 0;
    let top = -Infinity;
    for (let i = 0; i <= items.length; i++) {
      if (i < items.length && items[i] >= 0) continue;
      const band = i < items.length ? bands[-1 - items[i]] : null;
      const bottom = band ? band.y - band.height / 2 : Infinity;
      if (i > start) this.placeRun(items, start, i, top, bottom, y, extent);
      if (band) top = band.y + band.height / 2;
      start = i + 1;
    }
  }

  /** Vertices `items[from..to)`, between `top` and `bottom`. */
  private placeRun(
    items: readonly number[],
    from: number,
    to: number,
    top: number,
    bottom: number,
    y: Float64Array,
    extent: Float64Array,
  ): void {
    const { targets, offsets, pool } = this;
    const count = to - from;
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const u = items[from + i];
      if (i) offset += (extent[items[from + i - 1]] + extent[u]) / 2;
      offsets[i] = offset;
      targets[i] = y[u] - offset;
    }
    // In these terms the bounds are the same for every vertex of the run, so clamping the unbounded
    // fit gives the bounded one.
    const low = top + extent[items[from]] / 2;
    const high = bottom - offset - extent[items[to - 1]] / 2;
    pool.fit(targets, this.weights, count);
    for (let i = 0; i < count; i++)
      y[items[from + i]] = Math.min(high, Math.max(low, pool.at(i))) + offsets[i];
  }
}
