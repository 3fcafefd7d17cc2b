/** Lays big graphs out off the page's thread: a 5,000-node layout would block input for seconds. */
import type { GraphDescription } from 'hamilton';
import { computeLayout, type ClusterOf, type Direction } from './layout';

export interface LayoutRequest {
  readonly id: number;
  readonly graph: GraphDescription;
  readonly direction: Direction;
  readonly clusterOf?: ClusterOf;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, graph, direction, clusterOf } = event.data;
  self.postMessage({ id, layout: computeLayout(graph, direction, clusterOf) });
};
