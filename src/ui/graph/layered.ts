/**
 * A layered (Sugiyama-style) layout for large graphs, left to right: for 1,000 nodes 3 ms warm, 20–30 ms
 * the first time (before the JIT has warmed up).
 *
 * Why our own: every d3-dag operator that still draws layers costs too much at 1,000 nodes (measured in
 * Node, warm: sugiyama with longest-path layering, no decrossing and centred coordinates 45–70 ms, with
 * decrossDfs and greedy coordinates 190–290 ms; in the page, cold, about twice that), and the fast ones
 * (zherebko, grid) put one node per layer: a thousand-node graph becomes a single line. The steps are
 * the classic ones, each about linear: longest-path layering with sources pulled next to their
 * first consumer, dummy vertices on edges spanning several layers, barycentre sweeps for the order, and
 * vertical places by isotonic regression (each vertex as close to its neighbours' mean as the order and
 * the spacing allow, solved exactly by pooling adjacent violators).
 */

export interface LayeredInput {
  /** Node widths (the layers run left to right, so the width is along the layering). */
  readonly widths: readonly number[];
  /** Each node's parents, by index; the graph must be acyclic. */
  readonly parents: readonly (readonly number[])[];
  readonly nodeHeight: number;
  /** Space between two nodes of a layer, and between two layers. */
  readonly gap: readonly [number, number];
}

type Point = readonly [number, number];

export interface LayeredResult {
  /** Node centres. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** For each node, for each of its parents (same order as the input): the edge's points, parent centre first. */
  readonly points: readonly (readonly (readonly Point[])[])[];
  readonly width: number;
  readonly height: number;
}

/** Room a long edge takes in a layer it crosses (its dummy vertex's extent plus gap). */
const LANE = 14;
const SWEEPS = 4;
const PLACEMENT_PASSES = 4;

export function layered({ widths, parents, nodeHeight, gap }: LayeredInput): LayeredResult {
  // Plain index loops throughout: this runs once per graph, mostly before the JIT has warmed up, where
  // iterators and callbacks cost several times more.
  const n = widths.length;
  const children: number[][] = [];
  for (let v = 0; v < n; v++) children.push([]);
  for (let v = 0; v < n; v++) for (let i = 0; i < parents[v].length; i++) children[parents[v][i]].push(v);

  // Layering: longest path from the sources, in topological order.
  const order = topologicalOrder(parents, children);
  const layer = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    for (let k = 0; k < parents[v].length; k++) layer[v] = Math.max(layer[v], layer[parents[v][k]] + 1);
  }
  // An input read only far downstream is drawn just before its first consumer, not in the first column.
  for (let v = 0; v < n; v++) {
    if (parents[v].length || !children[v].length) continue;
    let first = Infinity;
    for (let k = 0; k < children[v].length; k++) first = Math.min(first, layer[children[v][k]]);
    layer[v] = first - 1;
  }
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, layer[v] + 1);

  // Vertices: the nodes, then one dummy per layer an edge crosses. `up`/`down` link adjacent layers.
  const vertexLayer: number[] = Array.from(layer);
  const up: number[][] = [];
  const down: number[][] = [];
  for (let v = 0; v < n; v++) {
    up.push([]);
    down.push([]);
  }
  /** For each node and parent: the dummies between them, parent side first. */
  const chains: number[][][] = [];
  for (let v = 0; v < n; v++) {
    const chain: number[][] = [];
    for (let k = 0; k < parents[v].length; k++) {
      const dummies: number[] = [];
      let last = parents[v][k];
      for (let l = layer[last] + 1; l < layer[v]; l++) {
        const dummy = vertexLayer.length;
        vertexLayer.push(l);
        up.push([last]);
        down.push([]);
        down[last].push(dummy);
        dummies.push(dummy);
        last = dummy;
      }
      up[v].push(last);
      down[last].push(v);
      chain.push(dummies);
    }
    chains.push(chain);
  }
  const count = vertexLayer.length;

  // Order: first by a depth-first walk from the sources (keeps related vertices together), then sweeps.
  const layers: number[][] = [];
  for (let l = 0; l < layerCount; l++) layers.push([]);
  const seen = new Uint8Array(count);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (parents[order[i]].length) continue;
    stack.push(order[i]);
    while (stack.length) {
      const u = stack.pop()!;
      if (seen[u]) continue;
      seen[u] = 1;
      layers[vertexLayer[u]].push(u);
      for (let k = down[u].length - 1; k >= 0; k--) if (!seen[down[u][k]]) stack.push(down[u][k]);
    }
  }
  const position = new Float64Array(count);
  for (let l = 0; l < layerCount; l++) for (let i = 0; i < layers[l].length; i++) position[layers[l][i]] = i;
  const key = new Float64Array(count);
  /**
   * Orders a layer by its vertices' mean neighbour position; ties keep their order. (An insertion sort:
   * layers are short, and after the first sweep nearly sorted.)
   */
  const sortBy = (row: number[], neighbours: number[][]) => {
    for (let i = 0; i < row.length; i++) {
      const u = row[i];
      const ns = neighbours[u];
      let sum = 0;
      for (let k = 0; k < ns.length; k++) sum += position[ns[k]];
      key[u] = ns.length ? sum / ns.length : i;
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
  };
  // Barycentre sweeps, down then up. (Measured on the benchmark's graph: crossings fall from 13,800 to
  // 11,200 after one sweep and to 10,700 after four; more sweeps gain little and cost time.)
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (let l = 1; l < layerCount; l++) sortBy(layers[l], up);
    else for (let l = layerCount - 2; l >= 0; l--) sortBy(layers[l], down);
  }

  // Vertical places: start stacked, then move each vertex towards its neighbours, keeping order and spacing.
  const extent = new Float64Array(count).fill(LANE).fill(nodeHeight + gap[0], 0, n);
  const y = new Float64Array(count);
  let widest = 0;
  for (let l = 0; l < layerCount; l++) {
    const row = layers[l];
    widest = Math.max(widest, row.length);
    let at = 0;
    for (let i = 0; i < row.length; i++) {
      y[row[i]] = at + extent[row[i]] / 2;
      at += extent[row[i]];
    }
    for (let i = 0; i < row.length; i++) y[row[i]] -= at / 2;
  }
  const targets = new Float64Array(widest);
  const weights = new Float64Array(widest);
  const offsets = new Float64Array(widest);
  const pool = new Pool(widest);
  /** Places a layer's vertices by their neighbours before (`up`), after (`down`), or both. */
  const place = (row: number[], before: number[][] | null, after: number[][] | null) => {
    let offset = 0;
    for (let i = 0; i < row.length; i++) {
      const u = row[i];
      if (i) offset += (extent[row[i - 1]] + extent[u]) / 2;
      offsets[i] = offset;
      let sum = 0;
      let degree = 0;
      if (before) {
        for (let k = 0; k < before[u].length; k++) sum += y[before[u][k]];
        degree += before[u].length;
      }
      if (after) {
        for (let k = 0; k < after[u].length; k++) sum += y[after[u][k]];
        degree += after[u].length;
      }
      targets[i] = (degree ? sum / degree : y[u]) - offset;
      // A long edge's dummies pull harder: straight long edges are what make a big graph readable.
      weights[i] = degree ? (u < n ? 1 : 4) : 0.1;
    }
    pool.fit(targets, weights, row.length);
    for (let i = 0; i < row.length; i++) y[row[i]] = pool.at(i) + offsets[i];
  };
  for (let pass = 0; pass < PLACEMENT_PASSES; pass++) {
    if (pass % 2 === 0) for (let l = 1; l < layerCount; l++) place(layers[l], up, null);
    else for (let l = layerCount - 2; l >= 0; l--) place(layers[l], null, down);
  }
  for (let l = 0; l < layerCount; l++) place(layers[l], up, down);

  // Columns: each layer as wide as its widest node.
  const layerWidth = new Float64Array(layerCount);
  for (let v = 0; v < n; v++) layerWidth[layer[v]] = Math.max(layerWidth[layer[v]], widths[v]);
  const columnX = new Float64Array(layerCount);
  let x = 0;
  for (let l = 0; l < layerCount; l++) {
    columnX[l] = x + layerWidth[l] / 2;
    x += layerWidth[l] + (l < layerCount - 1 ? gap[1] : 0);
  }
  let top = Infinity;
  let bottom = -Infinity;
  for (let u = 0; u < count; u++) {
    const half = u < n ? nodeHeight / 2 : 0;
    top = Math.min(top, y[u] - half);
    bottom = Math.max(bottom, y[u] + half);
  }
  // Whole pixels: shorter path data, crisper lines.
  for (let u = 0; u < count; u++) y[u] = Math.round(y[u] - top);

  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    xs[v] = columnX[layer[v]];
    ys[v] = y[v];
  }
  const points: Point[][][] = [];
  for (let v = 0; v < n; v++) {
    const edges: Point[][] = [];
    for (let k = 0; k < parents[v].length; k++) {
      const p = parents[v][k];
      const line: Point[] = [[xs[p], ys[p]]];
      const dummies = chains[v][k];
      for (let i = 0; i < dummies.length; i++) line.push([columnX[vertexLayer[dummies[i]]], y[dummies[i]]]);
      line.push([xs[v], ys[v]]);
      edges.push(line);
    }
    points.push(edges);
  }
  return { x: xs, y: ys, points, width: x, height: n ? Math.round(bottom - top) : 0 };
}

/** Kahn's algorithm, taking ready nodes in index order (the graph's own order). */
function topologicalOrder(parents: readonly (readonly number[])[], children: number[][]): number[] {
  const missing = Int32Array.from(parents, (ps) => ps.length);
  const order: number[] = [];
  for (let v = 0; v < parents.length; v++) if (!missing[v]) order.push(v);
  for (let i = 0; i < order.length; i++) {
    const cs = children[order[i]];
    for (let k = 0; k < cs.length; k++) if (--missing[cs[k]] === 0) order.push(cs[k]);
  }
  if (order.length !== parents.length) throw new Error('layered: the graph has a cycle');
  return order;
}

/**
 * The non-decreasing sequence closest to some targets in weighted least squares, by pooling adjacent
 * violators; its buffers are reused from layer to layer.
 */
class Pool {
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
