/**
 * User Timing measures for the graph (read by scripts/bench/ui.bench.ts and visible in DevTools). Both
 * start when a graph description arrives from the worker (or, for a graph that did not come from it,
 * when its layout starts): `hamilton:graph-layout` ends once the graph is laid out, and
 * `hamilton:graph-draw` once the frame that shows its drawing for the current view has been rendered (a
 * task queued from that frame's requestAnimationFrame runs after its paint).
 */
let arrived: number | null = null;
let start = 0;
let nodes = 0;

/** Call where a graph description from the worker enters the UI. */
export function graphArrived(): void {
  arrived = performance.now();
  // React renders a store update within the task that made it; a layout after this task is for
  // something else (an outputs edit, say), and starts its own measure.
  setTimeout(() => (arrived = null));
}

export function timeLayout<T>(size: number, layout: () => T): T {
  start = arrived ?? performance.now();
  arrived = null;
  nodes = size;
  const result = layout();
  performance.measure('hamilton:graph-layout', { start, detail: { nodes } });
  return result;
}

/** Call after the drawing of the view committed: measures up to the end of the next frame. */
export function markDrawn(): void {
  const from = start;
  const size = nodes;
  requestAnimationFrame(() =>
    setTimeout(() => performance.measure('hamilton:graph-draw', { start: from, detail: { nodes: size } })),
  );
}
