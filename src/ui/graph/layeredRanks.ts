/**
 * The layered layout's first phase: each node's layer (its column, left to right), and the vertices
 * the later phases work on — the nodes, then one dummy vertex per layer a long edge crosses.
 *
 * Flat typed arrays throughout (adjacency as offsets into one list): a big graph has tens of thousands
 * of dummies, and a small array for each would cost more in allocation and garbage collection than the
 * phases' own work. Plain index loops too: this runs once per graph, often before the JIT has warmed up,
 * where iterators and callbacks cost several times more.
 */

/** Each vertex's neighbours in one list: those of `v` are `list[start[v]]` up to `list[start[v + 1]]`. */
export interface Adjacency {
  readonly start: Int32Array;
  readonly list: Int32Array;
}

/** The vertices of a layered graph: nodes `0..n-1`, then dummies; `up`/`down` link adjacent layers. */
export interface Vertices {
  /** How many of the vertices are nodes (the first ones). */
  readonly n: number;
  /** Each vertex's layer. */
  readonly layer: Int32Array;
  readonly layerCount: number;
  readonly up: Adjacency;
  readonly down: Adjacency;
  /**
   * The edges, node by node and parent by parent in the input's order (node `v`'s `k`-th parent is
   * edge `edgeStart[v] + k`): the dummies of edge `e` are vertices `dummyStart[e]` up to
   * `dummyStart[e + 1]`, parent side first.
   */
  readonly edgeStart: Int32Array;
  readonly dummyStart: Int32Array;
  /** Topological order of the nodes (sources in the graph's own order first). */
  readonly order: Int32Array;
}

/** Each node's parents, by index, in one list (see {@link Adjacency}). */
export function adjacencyOf(lists: readonly (readonly number[])[]): Adjacency {
  const start = new Int32Array(lists.length + 1);
  for (let v = 0; v < lists.length; v++) start[v + 1] = start[v] + lists[v].length;
  const list = new Int32Array(start[lists.length]);
  for (let v = 0; v < lists.length; v++) list.set(lists[v], start[v]);
  return { start, list };
}

/** The reverse of an adjacency over `count` vertices (children from parents), in index order. */
export function reversed({ start, list }: Adjacency, count: number): Adjacency {
  const rstart = new Int32Array(count + 1);
  for (let i = 0; i < list.length; i++) rstart[list[i] + 1]++;
  for (let v = 0; v < count; v++) rstart[v + 1] += rstart[v];
  const fill = rstart.slice(0, count);
  const rlist = new Int32Array(list.length);
  for (let v = 0; v < count; v++) for (let i = start[v]; i < start[v + 1]; i++) rlist[fill[list[i]]++] = v;
  return { start: rstart, list: rlist };
}

/** Kahn's algorithm, taking ready nodes in index order (the graph's own order). */
export function topologicalOrder(parents: Adjacency, children: Adjacency): Int32Array {
  const n = parents.start.length - 1;
  const missing = new Int32Array(n);
  const order = new Int32Array(n);
  let length = 0;
  for (let v = 0; v < n; v++) {
    missing[v] = parents.start[v + 1] - parents.start[v];
    if (!missing[v]) order[length++] = v;
  }
  for (let i = 0; i < length; i++) {
    const u = order[i];
    for (let k = children.start[u]; k < children.start[u + 1]; k++)
      if (--missing[children.list[k]] === 0) order[length++] = children.list[k];
  }
  if (length !== n) throw new Error('layered: the graph has a cycle');
  return order;
}

/**
 * Longest path from the sources, in topological order; an input read only far downstream is drawn just
 * before its first consumer, not in the first column.
 */
export function rankNodes(parents: Adjacency, children: Adjacency, order: Int32Array): Int32Array {
  const n = order.length;
  const layer = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    for (let k = parents.start[v]; k < parents.start[v + 1]; k++)
      layer[v] = Math.max(layer[v], layer[parents.list[k]] + 1);
  }
  for (let v = 0; v < n; v++) {
    if (parents.start[v + 1] > parents.start[v] || children.start[v + 1] === children.start[v]) continue;
    let first = Infinity;
    for (let k = children.start[v]; k < children.start[v + 1]; k++)
      first = Math.min(first, layer[children.list[k]]);
    layer[v] = first - 1;
  }
  return layer;
}

/** Ranks the nodes and splits every edge spanning several layers into a chain of dummy vertices. */
export function layeredVertices(parents: Adjacency): Vertices {
  const n = parents.start.length - 1;
  const children = reversed(parents, n);
  const order = topologicalOrder(parents, children);
  const ranks = rankNodes(parents, children, order);
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, ranks[v] + 1);
  // Edge e runs from parents.list[e] to the node whose range of parents holds it.
  const edges = parents.list.length;
  const edgeStart = parents.start;
  const dummyStart = new Int32Array(edges + 1);
  dummyStart[0] = n;
  for (let v = 0; v < n; v++)
    for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++)
      dummyStart[e + 1] = dummyStart[e] + Math.max(0, ranks[v] - ranks[parents.list[e]] - 1);
  const count = dummyStart[edges];
  const layer = new Int32Array(count);
  layer.set(ranks);
  for (let v = 0; v < n; v++)
    for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++)
      for (let d = dummyStart[e]; d < dummyStart[e + 1]; d++)
        layer[d] = ranks[parents.list[e]] + 1 + d - dummyStart[e];
  return {
    n,
    layer,
    layerCount,
    ...chainAdjacency(n, count, parents, dummyStart),
    edgeStart,
    dummyStart,
    order,
  };
}

/**
 * Up and down links through the dummy chains: a node's up links are its edges' last vertices before it
 * (a dummy, or the parent itself), in its parents' order; a vertex's down links follow the edges' order.
 */
function chainAdjacency(
  n: number,
  count: number,
  parents: Adjacency,
  dummyStart: Int32Array,
): { up: Adjacency; down: Adjacency } {
  const edges = parents.list.length;
  const upList = new Int32Array(edges + count - n);
  const upStart = new Int32Array(count + 1);
  upStart.set(parents.start);
  for (let d = n; d < count; d++) upStart[d + 1] = upStart[d] + 1;
  for (let v = 0; v < n; v++) {
    for (let e = parents.start[v]; e < parents.start[v + 1]; e++) {
      const first = dummyStart[e];
      const last = dummyStart[e + 1];
      let before = parents.list[e];
      for (let d = first; d < last; d++) {
        upList[upStart[d]] = before;
        before = d;
      }
      upList[e] = before;
    }
  }
  const up = { start: upStart, list: upList };
  return { up, down: reversedInEdgeOrder(up, n, count, parents, dummyStart) };
}

/** The down links: for each vertex, the vertices whose up link it is, in the order of the edges. */
function reversedInEdgeOrder(
  up: Adjacency,
  n: number,
  count: number,
  parents: Adjacency,
  dummyStart: Int32Array,
): Adjacency {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < up.list.length; i++) start[up.list[i] + 1]++;
  for (let v = 0; v < count; v++) start[v + 1] += start[v];
  const fill = start.slice(0, count);
  const list = new Int32Array(up.list.length);
  // Edge by edge, in order: its parent's link to its first vertex, then along its chain.
  for (let v = 0; v < n; v++) {
    for (let e = parents.start[v]; e < parents.start[v + 1]; e++) {
      let before = parents.list[e];
      for (let d = dummyStart[e]; d < dummyStart[e + 1]; d++) {
        list[fill[before]++] = d;
        before = d;
      }
      list[fill[before]++] = v;
    }
  }
  return { start, list };
}
