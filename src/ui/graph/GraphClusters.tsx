/** Clusters in the drawing (grouping.ts): a labelled frame around an open one, a box for a folded one. */
import { memo } from 'react';
import type { NodeState } from '../state/session';
import { clusterKind, clusterOfKey, type Clusters } from './grouping';
import {
  CLUSTER_FRAME_PAD as FRAME_PAD,
  CLUSTER_LABEL_ROOM as LABEL_ROOM,
  NODE_TEXT_INSET,
  type GraphLayout,
  type PlacedNode,
} from './layout';
import { boundsOf } from './openingView';

/** The open clusters' frames, each labelled with a button that folds it. */
export const ClusterFrames = memo(function ClusterFrames({
  layout,
  clusters,
  folded,
  hidden,
}: {
  readonly layout: GraphLayout;
  readonly clusters: Clusters;
  readonly folded: ReadonlySet<string>;
  /** Nodes not drawn (folded by the opening view, or out of focus): the frames leave them out. */
  readonly hidden: ReadonlySet<string>;
}) {
  return (
    <g className="cluster-frames">
      {[...clusters.members].map(([cluster, names]) => {
        if (folded.has(cluster)) return null;
        const places = names
          .filter((n) => !hidden.has(n))
          .map((n) => layout.nodes.get(n))
          .filter((p) => p !== undefined);
        if (!places.length) return null;
        const box = boundsOf(places);
        const x = box.x0 - FRAME_PAD;
        const y = box.y0 - FRAME_PAD - LABEL_ROOM;
        return (
          <g key={cluster} className="cluster-frame" data-cluster={cluster}>
            <rect
              x={x}
              y={y}
              width={box.x1 - box.x0 + 2 * FRAME_PAD}
              height={box.y1 - box.y0 + 2 * FRAME_PAD + LABEL_ROOM}
              rx={10}
            />
            <g
              className="cluster-toggle"
              role="button"
              tabIndex={0}
              data-fold={cluster}
              aria-label={`Fold ${clusterKind(clusters)} ${cluster} (${names.length} nodes)`}
            >
              <text x={x + NODE_TEXT_INSET} y={y + 15}>
                ▾ {cluster} · {names.length} nodes
              </text>
            </g>
          </g>
        );
      })}
    </g>
  );
});

/** A folded cluster: one box, a stack of cards, standing for its nodes; it unfolds on click or Enter. */
export const ClusterBox = memo(function ClusterBox({
  name,
  place,
  clusters,
  state,
  focusable,
  dimmed,
}: {
  /** The stand-in node's name (grouping.ts's clusterKey). */
  readonly name: string;
  readonly place: PlacedNode;
  readonly clusters: Clusters;
  readonly state: NodeState;
  readonly focusable: boolean;
  readonly dimmed: boolean;
}) {
  const cluster = clusterOfKey(name)!;
  const count = clusters.members.get(cluster)?.length ?? 0;
  const { width: w, height: h } = place;
  return (
    <g
      className={`node cluster-node state-${state}${dimmed ? ' dim' : ''}`}
      transform={`translate(${place.x - w / 2},${place.y - h / 2})`}
      data-stand-in={name}
      data-cluster={cluster}
      data-state={state}
      role="button"
      aria-label={`${cluster} · ${count} nodes: folded ${clusterKind(clusters)}${state === 'idle' ? '' : `, ${state}`}. Unfold`}
      tabIndex={focusable ? 0 : -1}
    >
      {focusable && <rect className="ring" x={-4} y={-4} width={w + 8} height={h + 8} rx={11} />}
      <rect className="box stack" x={4} y={-4} width={w} height={h} rx={8} />
      <rect className="box" width={w} height={h} rx={8} />
      <text className="name" x={NODE_TEXT_INSET} y={20}>
        ▸ {cluster}
      </text>
      <text className="type" x={NODE_TEXT_INSET} y={38}>
        {count} nodes · {clusterKind(clusters)}
      </text>
    </g>
  );
});
