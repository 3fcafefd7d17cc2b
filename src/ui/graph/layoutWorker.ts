/**
 * Layout off the main thread for big graphs: the layout Web Worker (layout.worker.ts) computes it, the
 * page keeps the result in the same cache as a layout made in the page. Small graphs are laid out at once
 * in the page (a worker's round trip would only delay the first graph).
 */
import type { GraphDescription } from 'hamilton';
import {
  cachedLayout,
  layoutGraph,
  layoutKey,
  OFF_THREAD_ABOVE,
  rememberLayout,
  type ClusterOf,
  type Direction,
  type GraphLayout,
} from './layout';
import type { LayoutRequest } from './layout.worker';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (layout: GraphLayout) => void>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; layout: GraphLayout }>) => {
      waiting.get(event.data.id)?.(event.data.layout);
      waiting.delete(event.data.id);
    };
  }
  return worker;
}

/** The last cache key made: a big graph's is asked for twice (layoutNow, then layoutLater). */
let lastKey: {
  readonly graph: GraphDescription;
  readonly direction: Direction;
  readonly clusterOf?: ClusterOf;
  readonly key: string;
} | null = null;

/** {@link layoutKey}, made once for the same graph, direction and clusters. */
function keyOf(graph: GraphDescription, direction: Direction, clusterOf?: ClusterOf): string {
  if (lastKey?.graph !== graph || lastKey.direction !== direction || lastKey.clusterOf !== clusterOf)
    lastKey = { graph, direction, clusterOf, key: layoutKey(graph, direction, clusterOf) };
  return lastKey.key;
}

/** The layout at once when it is cached or the graph is small; otherwise null (ask {@link layoutLater}). */
export function layoutNow(
  graph: GraphDescription,
  direction: Direction,
  clusterOf?: ClusterOf,
): GraphLayout | null {
  if (graph.nodes.length <= OFF_THREAD_ABOVE || typeof Worker === 'undefined')
    return layoutGraph(graph, direction, clusterOf);
  return cachedLayout(keyOf(graph, direction, clusterOf)) ?? null;
}

/** A big graph's layout, made in the layout worker. */
export function layoutLater(
  graph: GraphDescription,
  direction: Direction,
  clusterOf?: ClusterOf,
): Promise<GraphLayout> {
  const key = keyOf(graph, direction, clusterOf);
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, (layout) => resolve(cachedLayout(key) ?? rememberLayout(key, layout)));
    const request: LayoutRequest = { id, graph, direction, clusterOf };
    layoutWorker().postMessage(request);
  });
}
