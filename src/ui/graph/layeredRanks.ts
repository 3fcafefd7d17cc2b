/**
 * The layered layout's first phase: each node's layer (its column, left to right), and the vertices
 * the later phases work on — the nodes, then one dummy vertex per layer a long edge crosses.
 */

/** The vertices of a layered graph: nodes `0..n-1`, then dummies; `up`/`down` link adjacent layers. */
export interface Vertices {
  /** How many of the vertices are nodes (the first ones). */
  readonly n: number;
  /** Each vertex's layer. */
  readonly layer: readonly number[];
  readonly layerCount: number;
  readonly up: readonly (readonly number[])[];
  readonly down: readonly (readonly number[])[];
  /** For each node and parent (in the input's order): the dummies between them, parent side first. */
  readonly chains: readonly (readonly (readonly number[])[])[];
  /** Topological order of the nodes (sources in the graph's own order first). */
  readonly order: readonly number[];
}

/** Each node's children, by index. */
export function childrenOf(parents: readonly (readonly number[])[]): number[][] {
  const children: number[][] = [];
  for (let v = 0; v < parents.length; v++) children.push([]);
  for (let v = 0; v < parents.length; v++)
    for (let i = 0; i < parents[v].length; i++) children[parents[v][i]].push(v);
  return children;
}

/** Kahn's algorithm, taking ready nodes in index order (the graph's own order). */
export function topologicalOrder(parents: readonly (readonly number[])[], children: number[][]): number[] {
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
 * Longest path from the sources, in topological order; an input read only far downstream is drawn just
 * before its first consumer, not in the first column.
 */
export function rankNodes(
  parents: readonly (readonly number[])[],
  children: number[][],
  order: readonly number[],
): Int32Array {
  const n = parents.length;
  const layer = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    for (let k = 0; k < parents[v].length; k++) layer[v] = Math.max(layer[v], layer[parents[v][k]] + 1);
  }
  for (let v = 0; v < n; v++) {
    if (parents[v].length || !children[v].length) continue;
    let first = Infinity;
    for (let k = 0; k < children[v].length; k++) first = Math.min(first, layer[children[v][k]]);
    layer[v] = first - 1;
  }
  return layer;
}

/** Ranks the nodes and splits every edge spanning several layers into a chain of dummy vertices. */
export function layeredVertices(parents: readonly (readonly number[])[]): Vertices {
  // Plain index loops throughout: this runs once per graph, mostly before the JIT has warmed up, where
  // iterators and callbacks cost several times more.
  const n = parents.length;
  const children = childrenOf(parents);
  const order = topologicalOrder(parents, children);
  const ranks = rankNodes(parents, children, order);
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, ranks[v] + 1);
  const layer: number[] = Array.from(ranks);
  const up: number[][] = [];
  const down: number[][] = [];
  for (let v = 0; v < n; v++) {
    up.push([]);
    down.push([]);
  }
  const chains: number[][][] = [];
  for (let v = 0; v < n; v++) {
    const chain: number[][] = [];
    for (let k = 0; k < parents[v].length; k++) {
      const dummies: number[] = [];
      let last = parents[v][k];
      for (let l = layer[last] + 1; l < layer[v]; l++) {
        const dummy = layer.length;
        layer.push(l);
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
  return { n, layer, layerCount, up, down, chains, order };
}
