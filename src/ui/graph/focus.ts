/** Focus mode: the part of the graph within N hops of a node, along edges either way. */
import type { Lineage } from '../state/lineage';

/** The nodes at most `hops` edges away from `name` (upstream or downstream, mixed), `name` included. */
export function withinHops(lineage: Lineage, name: string, hops: number): Set<string> {
  const seen = new Set([name]);
  let frontier = [name];
  for (let step = 0; step < hops && frontier.length; step++) {
    const next: string[] = [];
    for (const n of frontier)
      for (const m of [...lineage.parents(n), ...lineage.children(n)])
        if (!seen.has(m)) {
          seen.add(m);
          next.push(m);
        }
    frontier = next;
  }
  return seen;
}
