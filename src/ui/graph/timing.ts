/**
 * User Timing measures for the graph (read by scripts/bench/ui.bench.ts and visible in DevTools). Both
 * start when a graph description arrives from the worker (or, for a graph that did not come from it,
 * when its layout starts): `hamilton:graph-layout` ends once the graph is laid out, and
 * `hamilton:graph-draw` once the frame that shows its drawing for the current view has been rendered (a
 * task queued from that frame's requestAnimationFrame runs after its paint).
 */
import type { GraphDescription } from 'hamilton';

/** When each graph description from the worker arrived (a big one is laid out a task or more later). */
const arrivals = new WeakMap<GraphDescription, number>();
let start = 0;
let nodes = 0;

/** Call where a graph description from the worker enters the UI. */
export function graphArrived(graph: GraphDescription): void {
  arrivals.set(graph, performance.now());
}

/**
 * Call when a layout of `source` (or of its folded view) starts; call what it returns when the layout is
 * done (in the page or a worker). The first layout of a graph from the worker is measured from its
 * arrival; any later one (an outputs edit, say) from its own start.
 */
export function beginLayout(size: number, source: GraphDescription): () => void {
  start = arrivals.get(source) ?? performance.now();
  arrivals.delete(source);
  nodes = size;
  const from = start;
  return () => void performance.measure('hamilton:graph-layout', { start: from, detail: { nodes: size } });
}

/** Call after the drawing of the view committed: measures up to the end of the next frame. */
export function markDrawn(): void {
  const from = start;
  const size = nodes;
  requestAnimationFrame(() =>
    setTimeout(() => performance.measure('hamilton:graph-draw', { start: from, detail: { nodes: size } })),
  );
}
