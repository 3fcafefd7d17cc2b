/** Finding nodes by what a user remembers of them: their name, a tag, or their type. */
import type { DescribedNode } from 'hamilton';

/**
 * The nodes matching `query` (case-insensitive), best first: the exact name, then names starting with
 * it, names containing it, tags (`key`, `value` or `key=value`), and types. Empty for an empty query.
 */
export function findNodes(nodes: readonly DescribedNode[], query: string): DescribedNode[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (node: DescribedNode): number => {
    const name = node.name.toLowerCase();
    if (name === q) return 0;
    if (name.startsWith(q)) return 1;
    if (name.includes(q)) return 2;
    const tags = Object.entries(node.tags).map(([k, v]) => `${k}=${String(v)}`.toLowerCase());
    if (tags.some((t) => t === q || t.split('=').includes(q))) return 3;
    if (tags.some((t) => t.includes(q))) return 4;
    if (node.type.toLowerCase().includes(q)) return 5;
    return -1;
  };
  return nodes
    .map((node) => ({ node, rank: rank(node) }))
    .filter((m) => m.rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .map((m) => m.node);
}
