/**
 * Clusters of nodes: by subdag namespace (a node `ns.x` belongs to `ns`, the namespace its subdag made)
 * or by module (the file that defines it, its `module` tag). An open cluster is drawn as a labelled frame
 * around its nodes; a folded one as a single box standing for them, with the edges to and from them, and
 * the layout places it as one node.
 */
import type { DescribedEdge, DescribedNode, GraphDescription } from 'hamilton';
import type { NodeState } from '../state/session';

export type GroupBy = 'namespace' | 'module' | 'none';

export interface Clusters {
  readonly by: GroupBy;
  /** Cluster → its nodes, in the graph's order (only clusters of two or more nodes). */
  readonly members: ReadonlyMap<string, readonly string[]>;
  /** Node → its cluster. */
  readonly clusterOf: ReadonlyMap<string, string>;
}

/** Folded clusters stand in the graph as a node of this name (`:` is in no node name). */
const KEY_PREFIX = 'cluster:';
export const clusterKey = (cluster: string) => `${KEY_PREFIX}${cluster}`;
/** The cluster a folded cluster's stand-in node is for, or null for a real node. */
export const clusterOfKey = (name: string): string | null =>
  name.startsWith(KEY_PREFIX) ? name.slice(KEY_PREFIX.length) : null;

/** What a cluster is, in words. */
export const clusterKind = (clusters: Clusters) => (clusters.by === 'module' ? 'module' : 'namespace');

function groupOf(node: DescribedNode, by: GroupBy): string | null {
  if (by === 'namespace') {
    const dot = node.name.indexOf('.');
    return dot > 0 ? node.name.slice(0, dot) : null;
  }
  const module = node.tags.module;
  return by === 'module' && typeof module === 'string' ? module : null;
}

export function clustersOf(graph: GraphDescription, by: GroupBy): Clusters {
  const all = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const group = groupOf(node, by);
    if (group !== null) (all.get(group) ?? all.set(group, []).get(group)!).push(node.name);
  }
  const members = new Map([...all].filter(([, names]) => names.length > 1));
  // One module holding everything groups nothing.
  if (by === 'module' && members.size === 1 && all.size === 1) members.clear();
  const clusterOf = new Map<string, string>();
  for (const [cluster, names] of members) for (const name of names) clusterOf.set(name, cluster);
  return { by, members, clusterOf };
}

/**
 * The graph as drawn: each folded cluster's nodes replaced by one stand-in node (named by
 * {@link clusterKey}), its edges to and from them merged (edges inside it dropped).
 */
export function foldClusters(
  graph: GraphDescription,
  clusters: Clusters,
  folded: ReadonlySet<string>,
): GraphDescription {
  if (!folded.size) return graph;
  const standIn = (name: string) => {
    const cluster = clusters.clusterOf.get(name);
    return cluster !== undefined && folded.has(cluster) ? clusterKey(cluster) : name;
  };
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const nodes: DescribedNode[] = [];
  for (const node of graph.nodes) {
    const name = standIn(node.name);
    if (name === node.name) nodes.push(node);
    else if (clusters.members.get(clusterOfKey(name)!)![0] === node.name)
      nodes.push(standInNode(name, byName, clusters));
  }
  const edges = new Map<string, DescribedEdge>();
  for (const edge of graph.edges) {
    const from = standIn(edge.from);
    const to = standIn(edge.to);
    const key = `${from}\u0000${to}`;
    if (from !== to && !edges.has(key)) edges.set(key, { ...edge, from, to });
  }
  return { ...graph, nodes, edges: [...edges.values()] };
}

function standInNode(
  name: string,
  byName: ReadonlyMap<string, DescribedNode>,
  clusters: Clusters,
): DescribedNode {
  const inside = (clusters.members.get(clusterOfKey(name)!) ?? []).map((n) => byName.get(n)!);
  return {
    name,
    type: `${inside.length} nodes · ${clusterKind(clusters)}`,
    tags: {},
    documentation: '',
    isExternalInput: false,
    kind: 'function',
    requiredDependencies: [],
    optionalDependencies: [],
    isOutput: inside.some((n) => n.isOutput),
    isOverride: false,
    onPath: inside.some((n) => n.onPath),
  };
}

/** Which of a folded cluster's states shows: the one a user most needs to see. */
const STATE_RANK: readonly NodeState[] = ['failed', 'running', 'pending', 'stale', 'done', 'skipped', 'idle'];

/** A folded cluster's state from its nodes' states: failed over running over pending, and so on. */
export function clusterState(states: readonly NodeState[]): NodeState {
  return STATE_RANK.find((s) => states.includes(s)) ?? 'idle';
}
