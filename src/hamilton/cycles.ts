/**
 * Cycles of a function graph: a request that reaches one fails with a `CycleError` (plan.ts), and the
 * playground draws each. Found with Tarjan's strongly connected components over the integer-indexed edges.
 */
import type { FunctionGraph } from './graph';

/**
 * Tarjan's SCC (iterative, linear); each non-trivial component becomes one cycle path, pushed on `cycles`,
 * and `cycleOf` (all -1 on entry) gets each cycle's index at its nodes. Nothing follows the loop: code
 * compiled while the loop first runs has no part that never ran.
 */
export function findCycles(g: FunctionGraph, cycles: string[][], cycleOf: Int32Array): void {
  const n = g.size;
  const { depStart, depIds } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const selfLooped = new Uint8Array(n);
  let parent: Int32Array | undefined;
  let sp = 0;
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = depStart[root];
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      const e = callEdge[depth];
      if (e < depStart[v + 1]) {
        callEdge[depth] = e + 1;
        const w = depIds[e];
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = depStart[w];
        } else if (w === v) selfLooped[v] = 1;
        else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      if (low[v] === index[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          size++;
          cycleOf[w] = cycles.length;
        } while (w !== v);
        if (size > 1 || selfLooped[v] === 1) {
          parent ??= new Int32Array(n).fill(-2);
          cycles.push(cyclePath(g, v, cycleOf, parent));
        } else cycleOf[v] = -1;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
}

/**
 * A cycle through `start` inside its component, in data-flow order (producer before consumer), starting
 * at its node with the lowest id: breadth-
 * first along consumer edges until one leads back to `start`. `parent` is scratch space (all -2 on entry
 * and on return), shared by all cycles so that finding them stays linear overall.
 */
function cyclePath(g: FunctionGraph, start: number, cycleOf: Int32Array, parent: Int32Array): string[] {
  const component = cycleOf[start];
  const queue = [start];
  parent[start] = -1;
  let path = [g.nodeList[start].name];
  search: for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (let e = g.useStart[v]; e < g.useStart[v + 1]; e++) {
      const w = g.useIds[e];
      if (cycleOf[w] !== component) continue;
      if (w === start) {
        const ids: number[] = [];
        for (let x = v; x !== -1; x = parent[x]) ids.push(x);
        ids.reverse();
        // Start at the cycle's first node in graph order, so the same cycle always reads the same.
        let first = 0;
        for (let k = 1; k < ids.length; k++) if (ids[k] < ids[first]) first = k;
        path = [...ids.slice(first), ...ids.slice(0, first)].map((x) => g.nodeList[x].name);
        break search;
      }
      if (parent[w] === -2) {
        parent[w] = v;
        queue.push(w);
      }
    }
  }
  for (const v of queue) parent[v] = -2;
  return path;
}
