/**
 * The graph's clusters as the user left them: grouped by subdag namespace, by module or not at all, each
 * cluster folded or open. A graph of over {@link FOLDED_ABOVE} nodes opens with its clusters folded (its
 * first drawing then lays out and draws one box per cluster); the user's folds and unfolds are kept
 * across edits, by cluster name.
 */
import { useMemo, useState } from 'react';
import type { GraphDescription } from 'hamilton';
import { clustersOf, foldClusters, type Clusters, type GroupBy } from './grouping';

export const FOLDED_ABOVE = 200;
const NO_CHOICE: ReadonlyMap<string, boolean> = new Map();

export interface ClusterView {
  readonly clusters: Clusters;
  readonly folded: ReadonlySet<string>;
  /** The graph as drawn: folded clusters as one stand-in node each. */
  readonly shown: GraphDescription;
  readonly toggle: (cluster: string) => void;
  /** Unfolds the cluster holding `name`, if it is folded. */
  readonly reveal: (name: string) => void;
  readonly setAll: (folded: boolean) => void;
}

export function useClusters(graph: GraphDescription | null, by: GroupBy): ClusterView | null {
  // Folded (true) or open (false), as the user chose, by `${by}:${cluster}`.
  const [choice, setChoice] = useState(NO_CHOICE);
  const clusters = useMemo(() => (graph ? clustersOf(graph, by) : null), [graph, by]);
  const byDefault = !!graph && graph.nodes.length > FOLDED_ABOVE;
  const folded = useMemo(
    () => new Set([...(clusters?.members.keys() ?? [])].filter((c) => choice.get(`${by}:${c}`) ?? byDefault)),
    [clusters, choice, byDefault, by],
  );
  // The same folds give the same graph object: the layout and lineage are not made again.
  const foldedKey = [...folded].join('\u0000');
  const shown = useMemo(
    () => (graph && clusters ? foldClusters(graph, clusters, folded) : null),
    [graph, clusters, foldedKey],
  );
  if (!clusters || !shown) return null;
  const choose = (entries: [string, boolean][]) =>
    setChoice((was) => new Map([...was, ...entries.map(([c, f]) => [`${by}:${c}`, f] as const)]));
  return {
    clusters,
    folded,
    shown,
    toggle: (cluster) => choose([[cluster, !folded.has(cluster)]]),
    reveal: (name) => {
      const cluster = clusters.clusterOf.get(name);
      if (cluster !== undefined && folded.has(cluster)) choose([[cluster, false]]);
    },
    setAll: (fold) => choose([...clusters.members.keys()].map((c) => [c, fold])),
  };
}
