/**
 * The layered layout's second phase: the order of the vertices within each layer, first by a
 * depth-first walk from the sources (it keeps related vertices together), then by barycentre sweeps.
 */
import type { Adjacency, Vertices } from './layeredRanks';

/**
 * Barycentre sweeps, down then up. (Measured on the benchmark's graph: crossings fall from 13,800 to
 * 11,200 after one sweep and to 10,700 after four; more sweeps gain little and cost time.)
 */
const SWEEPS = 4;

/** The layers, each a list of vertices top to bottom (views into one array). */
export function orderLayers(vertices: Vertices): Int32Array[] {
  const layers = depthFirstOrder(vertices);
  const count = vertices.layer.length;
  const position = new Float64Array(count);
  for (const row of layers) for (let i = 0; i < row.length; i++) position[row[i]] = i;
  const key = new Float64Array(count);
  const { up, down, layerCount } = vertices;
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (let l = 1; l < layerCount; l++) sortByNeighbours(layers[l], up, position, key);
    else for (let l = layerCount - 2; l >= 0; l--) sortByNeighbours(layers[l], down, position, key);
  }
  return layers;
}

/** Each layer's vertices in the order a depth-first walk from the sources meets them. */
function depthFirstOrder({ layer, layerCount, down, up, order, n }: Vertices): Int32Array[] {
  const count = layer.length;
  const start = new Int32Array(layerCount + 1);
  for (let u = 0; u < count; u++) start[layer[u] + 1]++;
  for (let l = 0; l < layerCount; l++) start[l + 1] += start[l];
  const fill = start.slice(0, layerCount);
  const rows = new Int32Array(count);
  const seen = new Uint8Array(count);
  // Each vertex is pushed at most once per link into it, so the stack never holds more than this.
  const stack = new Int32Array(down.list.length + n);
  for (let i = 0; i < n; i++) {
    const source = order[i];
    if (up.start[source + 1] > up.start[source]) continue;
    let top = 0;
    stack[top++] = source;
    while (top) {
      const u = stack[--top];
      if (seen[u]) continue;
      seen[u] = 1;
      rows[fill[layer[u]]++] = u;
      for (let k = down.start[u + 1] - 1; k >= down.start[u]; k--)
        if (!seen[down.list[k]]) stack[top++] = down.list[k];
    }
  }
  const layers: Int32Array[] = [];
  for (let l = 0; l < layerCount; l++) layers.push(rows.subarray(start[l], start[l + 1]));
  return layers;
}

/**
 * Orders a layer by its vertices' mean neighbour position; ties keep their order. (An insertion sort:
 * layers are short, and after the first sweep nearly sorted.)
 */
function sortByNeighbours(
  row: Int32Array,
  neighbours: Adjacency,
  position: Float64Array,
  key: Float64Array,
): void {
  const { start, list } = neighbours;
  for (let i = 0; i < row.length; i++) {
    const u = row[i];
    let sum = 0;
    for (let k = start[u]; k < start[u + 1]; k++) sum += position[list[k]];
    const degree = start[u + 1] - start[u];
    key[u] = degree ? sum / degree : i;
  }
  for (let i = 1; i < row.length; i++) {
    const u = row[i];
    let j = i - 1;
    while (j >= 0 && key[row[j]] > key[u]) {
      row[j + 1] = row[j];
      j--;
    }
    row[j + 1] = u;
  }
  for (let i = 0; i < row.length; i++) position[row[i]] = i;
}
