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

/** Call when a layout starts; call what it returns when the layout is done (in the page or a worker). */
export function beginLayout(size: number): () => void {
  start = arrived ?? performance.now();
  arrived = null;
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
