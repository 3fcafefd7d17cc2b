/**
 * Folding or unfolding a cluster lays the graph out again; the cluster stays where it was on screen (its
 * box where its nodes' centre was, or its nodes' centre where its box was), at the same zoom, so the
 * user's eye does not have to look for it.
 */
import { useRef, type RefObject } from 'react';
import { zoomTransform } from 'd3-zoom';
import { clusterKey, type Clusters } from './grouping';
import type { GraphLayout } from './layout';
import { boundsOf, type Transform } from './openingView';

/** Where a cluster is in a layout: its box when folded, the centre of its nodes when open. */
export function clusterCentre(
  layout: GraphLayout,
  clusters: Clusters,
  cluster: string,
): { x: number; y: number } | null {
  const box = layout.nodes.get(clusterKey(cluster));
  if (box) return box;
  const places = (clusters.members.get(cluster) ?? []).map((n) => layout.nodes.get(n)).filter((p) => !!p);
  if (!places.length) return null;
  const r = boundsOf(places);
  return { x: (r.x0 + r.x1) / 2, y: (r.y0 + r.y1) / 2 };
}

export function useClusterAnchor(
  svg: RefObject<SVGSVGElement | null>,
  layout: GraphLayout,
  clusters: Clusters,
  onToggle: (cluster: string) => void,
) {
  const held = useRef<{ cluster: string; x: number; y: number } | null>(null);
  /** Folds or unfolds the cluster, remembering where it is on screen. */
  const toggle = (cluster: string) => {
    const at = clusterCentre(layout, clusters, cluster);
    if (at && svg.current) {
      const [x, y] = zoomTransform(svg.current).apply([at.x, at.y]);
      held.current = { cluster, x, y };
    }
    onToggle(cluster);
  };
  /** For the new layout: the view that keeps the toggled cluster in place, once (null: none toggled). */
  const keptView = (next: GraphLayout): Transform | null => {
    const was = held.current;
    held.current = null;
    const at = was && svg.current && clusterCentre(next, clusters, was.cluster);
    if (!was || !at) return null;
    const k = zoomTransform(svg.current!).k;
    return { x: was.x - at.x * k, y: was.y - at.y * k, k };
  };
  return { toggle, keptView };
}
