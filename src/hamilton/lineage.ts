/** Lineage queries: what is upstream or downstream of nodes, and what lies between two (all linear). */
import type { Variable } from './description';
import { HamiltonError, UnknownNodesError } from './errors';
import type { FunctionGraph } from './graph';
import { toVariable } from './variables';

function idsOf(graph: FunctionGraph, names: readonly string[]): number[] {
  const unknown = names.filter((n) => !graph.ids.has(n));
  if (unknown.length) throw new UnknownNodesError(unknown);
  return names.map((n) => graph.ids.get(n) as number);
}

/** Marks everything reachable from `starts` (included) along one edge direction. */
function reach(
  graph: FunctionGraph,
  starts: readonly number[],
  start: Int32Array,
  targets: Int32Array,
): Uint8Array {
  const seen = new Uint8Array(graph.size);
  const stack = new Int32Array(graph.size);
  let sp = 0;
  for (const s of starts) {
    if (seen[s]) continue;
    seen[s] = 1;
    stack[sp++] = s;
  }
  while (sp > 0) {
    const v = stack[--sp];
    for (let e = start[v]; e < start[v + 1]; e++) {
      const w = targets[e];
      if (!seen[w]) {
        seen[w] = 1;
        stack[sp++] = w;
      }
    }
  }
  return seen;
}

function collect(graph: FunctionGraph, marked: (i: number) => boolean): Variable[] {
  const out: Variable[] = [];
  for (let i = 0; i < graph.size; i++) if (marked(i)) out.push(toVariable(graph.nodeList[i]));
  return out;
}

/** By node id, 1 for the named nodes and everything they depend on. Unknown names are errors. */
export function upstreamMask(graph: FunctionGraph, names: readonly string[]): Uint8Array {
  return reach(graph, idsOf(graph, names), graph.depStart, graph.depIds);
}

/** By node id, 1 for the named nodes and everything that depends on them. Unknown names are errors. */
export function downstreamMask(graph: FunctionGraph, names: readonly string[]): Uint8Array {
  return reach(graph, idsOf(graph, names), graph.useStart, graph.useIds);
}

/**
 * By node id, 1 for the nodes on some path from `from` to `to` (both included), or undefined when there
 * is no path. Unknown names are errors in Hamilton's wording.
 */
export function pathMask(graph: FunctionGraph, from: string, to: string): Uint8Array | undefined {
  // Hamilton's own wording for this query (not the unknown-nodes message of the others).
  const a = graph.ids.get(from);
  if (a === undefined) throw new HamiltonError(`Upstream node ${from} not found in graph.`);
  const b = graph.ids.get(to);
  if (b === undefined) throw new HamiltonError(`Downstream node ${to} not found in graph.`);
  const down = reach(graph, [a], graph.useStart, graph.useIds);
  if (!down[b]) return undefined;
  const up = reach(graph, [b], graph.depStart, graph.depIds);
  for (let i = 0; i < down.length; i++) down[i] &= up[i];
  return down;
}

/** The named nodes and everything they depend on, in graph order. */
export function upstreamOf(graph: FunctionGraph, names: readonly string[]): Variable[] {
  const seen = upstreamMask(graph, names);
  return collect(graph, (i) => seen[i] === 1);
}

/** The named nodes and everything that depends on them, in graph order. */
export function downstreamOf(graph: FunctionGraph, names: readonly string[]): Variable[] {
  const seen = downstreamMask(graph, names);
  return collect(graph, (i) => seen[i] === 1);
}

/** The nodes on some path from `from` to `to` (both included); empty when there is no path. */
export function pathBetween(graph: FunctionGraph, from: string, to: string): Variable[] {
  const path = pathMask(graph, from, to);
  return path ? collect(graph, (i) => path[i] === 1) : [];
}
