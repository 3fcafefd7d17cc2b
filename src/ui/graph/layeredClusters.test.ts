/**
 * The big graph's layout keeps each cluster's nodes together: the frame drawn around an open cluster
 * (as GraphClusters draws it) holds no node of another cluster, nor any node outside every cluster.
 * The graphs are generated projects with subdags, compiled by the worker's own session in Node.
 */
import type { GraphDescription } from 'hamilton';
import { describe, expect, it } from 'vitest';
import { subdagWorkspace } from '../../../scripts/bench/bigWorkspace';
import { compiledGraph } from '../../../scripts/bench/compiledGraph';
import { clustersOf, type GroupBy } from './grouping';
import { CLUSTER_FRAME_PAD, CLUSTER_LABEL_ROOM, computeLayout, type GraphLayout } from './layout';
import { boundsOf } from './openingView';
import type { Rect } from './region';

/** The graph the worker describes for a generated project of about `size` nodes with subdags. */
const subdagGraph = (size: number): Promise<GraphDescription> => compiledGraph(subdagWorkspace(size));

/** Each open cluster's frame, as drawn: its nodes' box with the frame's padding and its label's room. */
function frames(layout: GraphLayout, members: ReadonlyMap<string, readonly string[]>): Map<string, Rect> {
  const result = new Map<string, Rect>();
  for (const [cluster, names] of members) {
    const box = boundsOf(names.map((n) => layout.nodes.get(n)!));
    result.set(cluster, {
      x0: box.x0 - CLUSTER_FRAME_PAD,
      y0: box.y0 - CLUSTER_FRAME_PAD - CLUSTER_LABEL_ROOM,
      x1: box.x1 + CLUSTER_FRAME_PAD,
      y1: box.y1 + CLUSTER_FRAME_PAD,
    });
  }
  return result;
}

/** The nodes (not of `cluster`) whose box meets a cluster's frame, as `node in cluster`. */
function intruders(graph: GraphDescription, by: GroupBy): string[] {
  const clusters = clustersOf(graph, by);
  const layout = computeLayout(graph, 'LR', clusters.clusterOf);
  const found: string[] = [];
  for (const [cluster, rect] of frames(layout, clusters.members)) {
    for (const place of layout.nodes.values()) {
      if (clusters.clusterOf.get(place.name) === cluster) continue;
      const meets =
        place.x + place.width / 2 > rect.x0 &&
        place.x - place.width / 2 < rect.x1 &&
        place.y + place.height / 2 > rect.y0 &&
        place.y - place.height / 2 < rect.y1;
      if (meets) found.push(`${place.name} in ${cluster}`);
    }
  }
  return found;
}

describe('clusters in the big graph layout', () => {
  it('draws no node inside another subdag namespace’s frame', async () => {
    const graph = await subdagGraph(1000);
    expect(clustersOf(graph, 'namespace').members.size).toBeGreaterThan(10);
    expect(intruders(graph, 'namespace')).toEqual([]);
  }, 60_000);
  it('draws no node inside another module’s frame', async () => {
    const graph = await subdagGraph(600);
    expect(clustersOf(graph, 'module').members.size).toBe(4);
    expect(intruders(graph, 'module')).toEqual([]);
  }, 60_000);
});
