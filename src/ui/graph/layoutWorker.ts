/**
 * Layout off the main thread for big graphs: the layout Web Worker (layout.worker.ts) runs layered.ts on
 * the graph by index, the page puts names back and keeps the result in the same cache as a layout made in
 * the page. Small graphs are laid out at once in the page (a worker's round trip would only delay the
 * first graph). {@link warmLayouts} readies both at page start, so a first big graph is not laid out by
 * code that has never run (cold, before the JIT has compiled it, it runs several times slower).
 */
import type { GraphDescription } from 'hamilton';
import { nextTask } from '../shared/nextTask';
import { layered, type LayeredResult } from './layered';
import {
  cachedLayout,
  indexGraph,
  layeredInput,
  layeredLayout,
  layoutGraph,
  layoutKey,
  OFF_THREAD_ABOVE,
  rememberLayout,
  type ClusterOf,
  type Direction,
  type GraphLayout,
  type IndexedGraph,
} from './layout';
import type { LayoutReply, LayoutRequest } from './layout.worker';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (result: LayeredResult) => void>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      waiting.get(event.data.id)?.(event.data.result);
      waiting.delete(event.data.id);
    };
  }
  return worker;
}

/** Asks the layout worker to lay a graph out; a reply nobody waits for (a warm-up's) is dropped. */
function post(graph: IndexedGraph, clusterOf?: ClusterOf): number {
  const request: LayoutRequest = { id: nextId++, input: layeredInput(graph, clusterOf) };
  layoutWorker().postMessage(request);
  return request.id;
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

/** Layouts asked of the layout worker and not back yet, by cache key. */
const pending = new Map<string, Promise<GraphLayout>>();

/**
 * The layout at once when it is cached or the graph is small; otherwise null, and the layout worker
 * starts on it at once (while the page renders the rest), for {@link layoutLater} to hand over.
 */
export function layoutNow(
  graph: GraphDescription,
  direction: Direction,
  clusterOf?: ClusterOf,
): GraphLayout | null {
  if (graph.nodes.length <= OFF_THREAD_ABOVE || typeof Worker === 'undefined')
    return layoutGraph(graph, direction, clusterOf);
  const key = keyOf(graph, direction, clusterOf);
  const cached = cachedLayout(key);
  if (!cached && !pending.has(key)) pending.set(key, inWorker(key, graph, clusterOf));
  return cached ?? null;
}

/** A big graph's layout (layered.ts's, always left to right), made in the layout worker. */
export function layoutLater(
  graph: GraphDescription,
  direction: Direction,
  clusterOf?: ClusterOf,
): Promise<GraphLayout> {
  const key = keyOf(graph, direction, clusterOf);
  return pending.get(key) ?? Promise.resolve(cachedLayout(key) ?? inWorker(key, graph, clusterOf));
}

async function inWorker(key: string, graph: GraphDescription, clusterOf?: ClusterOf): Promise<GraphLayout> {
  // Indexing 20,000 nodes takes the page 50–100 ms: in a task of its own, not in the render that asked.
  await nextTask();
  const indexed = indexGraph(graph);
  const result = await new Promise<LayeredResult>((resolve) => waiting.set(post(indexed, clusterOf), resolve));
  pending.delete(key);
  return cachedLayout(key) ?? rememberLayout(key, layeredLayout(indexed, result));
}

/**
 * How many nodes the worker's warm-up graph has; the page's is smaller and laid out more often, each
 * time in an idle period of its own: code that has never run lays 400 nodes out in over 100 ms, a long
 * task of its own on a page that is opening a big graph.
 */
const WARM_UP_NODES = 400;
const PAGE_WARM_UP_NODES = 120;
const PAGE_WARM_UP_RUNS = 6;

/**
 * A layered graph shaped like a feature pipeline (each node reads one to three of the 30 before it),
 * for the warm-up: it runs every phase of layered.ts, long edges included.
 */
function warmUpGraph(size: number): IndexedGraph {
  const ids = Array.from({ length: size }, (_, i) => `n${i}`);
  const parents = ids.map((_, i) =>
    i < 10
      ? []
      : [...new Set([i - 1, Math.max(0, i - 2 - ((i * 7) % 29)), Math.max(0, i - 1 - ((i * 13) % 30))])],
  );
  return { ids, widths: new Float64Array(ids.length).fill(120), parents, back: [] };
}

/**
 * Runs the big graph layout's code once in the layout worker (starting it) and a few times in the page,
 * each time when the page is idle, so that the first big graph meets it compiled and optimised. Not in
 * a frame.
 */
export function warmLayouts(): void {
  if (typeof Worker === 'undefined' || typeof requestIdleCallback === 'undefined') return;
  // An embed (a frame in another page, often one of several) shows a small example: a layout worker
  // started for each would only cost the page.
  if (window.top !== window.self) return;
  const graph = warmUpGraph(PAGE_WARM_UP_NODES);
  let runs = 0;
  const warm = () => {
    if (runs++ === 0) post(warmUpGraph(WARM_UP_NODES));
    layeredLayout(graph, layered(layeredInput(graph)));
    if (runs < PAGE_WARM_UP_RUNS) requestIdleCallback(warm);
  };
  requestIdleCallback(warm);
}
