import { useMemo } from 'react';
import type { GraphDescription } from 'hamilton';
import type { Lineage } from '../state/lineage';

/** Says what the opening view folded away ("9 more upstream"), and shows the whole graph on click. */
export function FoldedButton({
  folded,
  graph,
  lineage,
  onShowAll,
}: {
  readonly folded: ReadonlySet<string>;
  readonly graph: GraphDescription;
  readonly lineage: Lineage;
  readonly onShowAll: () => void;
}) {
  const upstream = useMemo(() => {
    // Folded nodes that feed a shown one (one walk up from all the shown nodes at once); the others
    // lie beside the view.
    const seen = new Set<string>();
    const stack = graph.nodes.filter((n) => !folded.has(n.name)).map((n) => n.name);
    while (stack.length)
      for (const parent of lineage.parents(stack.pop()!)) {
        if (!seen.has(parent)) {
          seen.add(parent);
          stack.push(parent);
        }
      }
    let feeding = 0;
    for (const name of seen) if (folded.has(name)) feeding++;
    return feeding;
  }, [folded, graph, lineage]);
  const beside = folded.size - upstream;
  const text = [upstream && `${upstream} more upstream`, beside && `${beside} more beside`]
    .filter(Boolean)
    .join(', ');
  return (
    <button
      type="button"
      className="button folded-button"
      onClick={onShowAll}
      title="Show the whole graph (F)"
    >
      {text} · Show all
    </button>
  );
}
