/**
 * The layered layout's third phase: vertical places. The layers start stacked and centred; then each
 * vertex moves towards its neighbours' mean as far as the order and the spacing allow, solved exactly
 * per layer by isotonic regression (pooling adjacent violators).
 */
import type { Adjacency, Vertices } from './layeredRanks';

const PLACEMENT_PASSES = 4;
/** A long edge's dummies pull harder: straight long edges are what make a big graph readable. */
const DUMMY_WEIGHT = 4;

/** Each vertex's vertical centre; `extent` is the room each vertex takes in its layer. */
export function placeLayers(
  vertices: Vertices,
  layers: readonly Int32Array[],
  extent: Float64Array,
): Float64Array {
  const y = stackedLayers(layers, extent, vertices.layer.length);
  const { up, down, layerCount } = vertices;
  const placer = new LayerPlacer(vertices.n, y, extent, widestLayer(layers));
  for (let pass = 0; pass < PLACEMENT_PASSES; pass++) {
    if (pass % 2 === 0) for (let l = 1; l < layerCount; l++) placer.place(layers[l], up, null);
    else for (let l = layerCount - 2; l >= 0; l--) placer.place(layers[l], null, down);
  }
  for (let l = 0; l < layerCount; l++) placer.place(layers[l], up, down);
  return y;
}

/** How many vertices the longest layer holds. */
export function widestLayer(layers: readonly ArrayLike<number>[]): number {
  let widest = 0;
  for (const row of layers) widest = Math.max(widest, row.length);
  return widest;
}

/** Each layer's vertices stacked in order, centred on 0. */
function stackedLayers(layers: readonly Int32Array[], extent: Float64Array, count: number): Float64Array {
  const y = new Float64Array(count);
  for (const row of layers) {
    let at = 0;
    for (let i = 0; i < row.length; i++) {
      y[row[i]] = at + extent[row[i]] / 2;
      at += extent[row[i]];
    }
    for (let i = 0; i < row.length; i++) y[row[i]] -= at / 2;
  }
  return y;
}

/** Places one layer at a time towards its neighbours, its buffers reused from layer to layer. */
class LayerPlacer {
  private readonly targets: Float64Array;
  private readonly weights: Float64Array;
  private readonly offsets: Float64Array;
  private readonly pool: Pool;

  constructor(
    private readonly n: number,
    private readonly y: Float64Array,
    private readonly extent: Float64Array,
    widest: number,
  ) {
    this.targets = new Float64Array(widest);
    this.weights = new Float64Array(widest);
    this.offsets = new Float64Array(widest);
    this.pool = new Pool(widest);
  }

  /** Places a layer's vertices by their neighbours before (`up`), after (`down`), or both. */
  place(row: Int32Array, before: Adjacency | null, after: Adjacency | null): void {
    const { y, extent, targets, weights, offsets } = this;
    let offset = 0;
    for (let i = 0; i < row.length; i++) {
      const u = row[i];
      if (i) offset += (extent[row[i - 1]] + extent[u]) / 2;
      offsets[i] = offset;
      let sum = 0;
      let degree = 0;
      if (before) {
        for (let k = before.start[u]; k < before.start[u + 1]; k++) sum += y[before.list[k]];
        degree += before.start[u + 1] - before.start[u];
      }
      if (after) {
        for (let k = after.start[u]; k < after.start[u + 1]; k++) sum += y[after.list[k]];
        degree += after.start[u + 1] - after.start[u];
      }
      targets[i] = (degree ? sum / degree : y[u]) - offset;
      weights[i] = degree ? (u < this.n ? 1 : DUMMY_WEIGHT) : 0.1;
    }
    this.pool.fit(targets, weights, row.length);
    for (let i = 0; i < row.length; i++) y[row[i]] = this.pool.at(i) + offsets[i];
  }
}

/**
 * The non-decreasing sequence closest to some targets in weighted least squares, by pooling adjacent
 * violators; its buffers are reused from layer to layer.
 */
export class Pool {
  private readonly value: Float64Array;
  private readonly weight: Float64Array;
  private readonly end: Int32Array;
  private cursor = 0;

  constructor(capacity: number) {
    this.value = new Float64Array(capacity);
    this.weight = new Float64Array(capacity);
    this.end = new Int32Array(capacity);
  }

  fit(targets: Float64Array, weights: Float64Array, length: number): void {
    const { value, weight, end } = this;
    let blocks = 0;
    for (let i = 0; i < length; i++) {
      value[blocks] = targets[i];
      weight[blocks] = weights[i];
      end[blocks] = i + 1;
      blocks++;
      while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
        const w = weight[blocks - 2] + weight[blocks - 1];
        value[blocks - 2] =
          (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
        weight[blocks - 2] = w;
        end[blocks - 2] = end[blocks - 1];
        blocks--;
      }
    }
    this.cursor = 0;
  }

  /** The fitted value of element `i` (asked for in increasing order). */
  at(i: number): number {
    while (this.end[this.cursor] <= i) this.cursor++;
    return this.value[this.cursor];
  }
}
