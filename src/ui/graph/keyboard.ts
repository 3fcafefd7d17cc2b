/** Keyboard navigation between nodes: which node an arrow key moves to. */
import type { Lineage } from '../state/lineage';
import type { GraphLayout, PlacedNode } from './layout';

export type ArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/** The nearest node from `from` in a direction. */
function nearest(from: PlacedNode, key: ArrowKey, candidates: Iterable<PlacedNode>): PlacedNode | null {
  let best: PlacedNode | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === from) continue;
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const [ahead, aside] =
      key === 'ArrowRight'
        ? [dx, dy]
        : key === 'ArrowLeft'
          ? [-dx, dy]
          : key === 'ArrowDown'
            ? [dy, dx]
            : [-dy, dx];
    if (ahead <= 0.5) continue;
    const score = ahead + 3 * Math.abs(aside);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/**
 * Where an arrow key goes from `name`: downstream along the layers' direction (→ left to right, ↓ top
 * to bottom), upstream against it, following edges when there are some; otherwise the nearest node
 * that way.
 */
export function arrowTarget(
  name: string,
  key: ArrowKey,
  layout: GraphLayout,
  lineage: Lineage,
): string | null {
  const from = layout.nodes.get(name);
  if (!from) return null;
  const [down, up] = layout.direction === 'LR' ? ['ArrowRight', 'ArrowLeft'] : ['ArrowDown', 'ArrowUp'];
  const along = key === down ? lineage.children(name) : key === up ? lineage.parents(name) : [];
  const neighbours = along.map((n) => layout.nodes.get(n)).filter((p) => p !== undefined);
  return nearest(from, key, neighbours.length ? neighbours : layout.nodes.values())?.name ?? null;
}

/** The node (or a folded cluster's stand-in) an event happened on. */
export function nodeAt(element: EventTarget): string | null {
  const drawn = (element as Element).closest?.('[data-node], [data-stand-in]');
  return drawn?.getAttribute('data-node') ?? drawn?.getAttribute('data-stand-in') ?? null;
}

/** The drawn element of a node (or of a folded cluster's stand-in), if it is drawn. */
export function drawnNode(svg: SVGSVGElement | null, name: string): SVGGElement | null {
  const key = CSS.escape(name);
  return svg?.querySelector<SVGGElement>(`[data-node="${key}"], [data-stand-in="${key}"]`) ?? null;
}
