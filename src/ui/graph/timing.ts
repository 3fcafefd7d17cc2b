/**
 * User Timing marks for the graph (read by scripts/bench/ui.bench.ts and visible in DevTools):
 * `hamilton:graph-layout` (d3-dag) and `hamilton:graph-draw` (layout start until the frame that shows
 * the drawing has been rendered: a task queued from that frame's requestAnimationFrame runs after its paint).
 */
let layoutStart = 0;
let nodes = 0;

export function timeLayout<T>(size: number, layout: () => T): T {
  layoutStart = performance.now();
  nodes = size;
  const result = layout();
  performance.measure('hamilton:graph-layout', { start: layoutStart, detail: { nodes } });
  return result;
}

/** Call after the drawing committed: measures up to the end of the next frame. */
export function markDrawn(): void {
  const start = layoutStart;
  const size = nodes;
  requestAnimationFrame(() =>
    setTimeout(() => performance.measure('hamilton:graph-draw', { start, detail: { nodes: size } })),
  );
}
