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
    const shown = graph.nodes.filter((n) => !folded.has(n.name));
    // Folded nodes that feed a shown one; the others lie beside the view.
    const feeding = new Set<string>();
    for (const n of shown) for (const up of lineage.upstream(n.name)) if (folded.has(up)) feeding.add(up);
    return feeding.size;
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
