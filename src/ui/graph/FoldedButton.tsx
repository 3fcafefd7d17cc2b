import { useEffect, useState } from 'react';
import type { GraphDescription } from 'hamilton';
import type { Lineage } from '../state/lineage';

interface Folded {
  readonly folded: ReadonlySet<string>;
  readonly graph: GraphDescription;
  readonly lineage: Lineage;
}

/**
 * Folded nodes that feed a shown one (one walk up from all the shown nodes at once); the others lie
 * beside the view.
 */
function upstreamCount({ folded, graph, lineage }: Folded): number {
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
}

/**
 * The count walks the whole graph (and builds its lineage): it is made when the page is next idle, so
 * that a big graph's first drawing does not wait for it. Null until then.
 */
function useUpstreamCount(of: Folded): number | null {
  const [counted, setCounted] = useState<(Folded & { readonly upstream: number }) | null>(null);
  const { folded, graph, lineage } = of;
  useEffect(() => {
    const id = requestIdleCallback(
      () => setCounted({ folded, graph, lineage, upstream: upstreamCount(of) }),
      {
        timeout: 500,
      },
    );
    return () => cancelIdleCallback(id);
  }, [folded, graph, lineage]);
  const current = counted?.folded === folded && counted.graph === graph && counted.lineage === lineage;
  return current ? counted.upstream : null;
}

/** Says what the opening view folded away ("9 more upstream"), and shows the whole graph on click. */
export function FoldedButton({
  onShowAll,
  ...of
}: Folded & {
  readonly onShowAll: () => void;
}) {
  const upstream = useUpstreamCount(of);
  const beside = upstream === null ? 0 : of.folded.size - upstream;
  const text =
    upstream === null
      ? `${of.folded.size} more`
      : [upstream && `${upstream} more upstream`, beside && `${beside} more beside`]
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
