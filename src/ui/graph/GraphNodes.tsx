import { memo, useMemo } from 'react';
import type { DescribedNode } from 'hamilton';
import { useSessionPart } from '../state/hooks';
import type { NodeRun, Session } from '../state/session';
import { ClusterBox } from './GraphClusters';
import { GraphNode } from './GraphNode';
import { clusterOfKey, clusterState, type Clusters } from './grouping';
import type { GraphLayout, PlacedNode } from './layout';

interface GraphNodesProps {
  readonly nodes: readonly DescribedNode[];
  readonly layout: GraphLayout;
  readonly clusters: Clusters;
  readonly errorNodes: ReadonlySet<string>;
  readonly selected: string | null;
  /** The one node Tab reaches (the others by the arrow keys); null: the first node drawn. */
  readonly focusName: string | null;
  readonly draws: (place: PlacedNode) => boolean;
  readonly lit: (name: string) => boolean;
  readonly labels: boolean;
}

const NO_RUNS: Readonly<Record<string, NodeRun>> = {};
const runNodes = (session: Session) => session.run?.nodes ?? NO_RUNS;

/**
 * The drawn nodes, a folded cluster's stand-in as its box, in the state of the run. It follows the run by
 * itself: a frame of node events draws these again (the nodes whose state changed), not the canvas
 * around them, and only the nodes drawn are visited.
 */
export const GraphNodes = memo(function GraphNodes({
  nodes,
  layout,
  clusters,
  errorNodes,
  selected,
  focusName,
  draws,
  lit,
  labels,
}: GraphNodesProps) {
  const runs = useSessionPart(runNodes);
  const drawn = useMemo(
    () =>
      nodes.flatMap((node) => {
        const place = layout.nodes.get(node.name);
        // The focusable and the selected node are always drawn: Tab and the details panel reach them.
        return place && (draws(place) || node.name === focusName || node.name === selected)
          ? [{ node, place }]
          : [];
      }),
    [nodes, layout, draws, focusName, selected],
  );
  const tabStop = focusName ?? drawn[0]?.node.name ?? null;
  return (
    <g className="nodes">
      {drawn.map(({ node, place }) => {
        const cluster = clusterOfKey(node.name);
        if (cluster !== null) {
          const states = (clusters.members.get(cluster) ?? []).map((n) => runs[n]?.state ?? 'idle');
          return (
            <ClusterBox
              key={node.name}
              name={node.name}
              place={place}
              clusters={clusters}
              state={clusterState(states)}
              focusable={node.name === tabStop}
              dimmed={!lit(node.name)}
            />
          );
        }
        const run = runs[node.name];
        return (
          <GraphNode
            key={node.name}
            node={node}
            place={place}
            state={run?.state ?? 'idle'}
            durationMs={run?.durationMs}
            items={run?.items}
            cached={run?.cached}
            selected={node.name === selected}
            dimmed={!lit(node.name)}
            focusable={node.name === tabStop}
            hasError={errorNodes.has(node.name)}
            labels={labels}
          />
        );
      })}
    </g>
  );
});
