/**
 * The drawn edges. One class list per edge, so a new kind of edge (a lineage highlight, a back edge, an
 * Parallelizable expand or collect) is one more entry in {@link edgeClasses} and one CSS rule.
 */
import type { GraphDescription, ParallelRole } from 'hamilton';
import type { PlacedEdge } from './layout';

interface GraphEdgesProps {
  readonly edges: readonly PlacedEdge[];
  /** Indices of the edges to draw. */
  readonly shown: readonly number[];
  readonly pathOf: (i: number) => string;
  readonly lit: (edge: PlacedEdge) => boolean;
  /** Something is highlighted: the other edges are dimmed. */
  readonly highlighting: boolean;
  /** Edges out of a Parallelizable and into a Collect, keyed `from\u0000to`. */
  readonly parallel: ReadonlyMap<string, ParallelRole>;
  readonly folded: ReadonlySet<string>;
  /** Zoomed far out: the plain edges are drawn as one path, without arrow heads. */
  readonly far: boolean;
}

/** The CSS classes of one edge. */
function edgeClasses(edge: PlacedEdge, lit: boolean, highlighting: boolean, role: ParallelRole | undefined) {
  const classes = ['edge'];
  if (lit) classes.push('lit');
  else if (highlighting) classes.push('dim');
  if (edge.back) classes.push('back');
  if (role) classes.push(role);
  return classes.join(' ');
}

export function GraphEdges({
  edges,
  shown,
  pathOf,
  lit,
  highlighting,
  parallel,
  folded,
  far,
}: GraphEdgesProps) {
  const plain = (i: number) => far && !edges[i].back && !lit(edges[i]);
  return (
    <g className="edges">
      {far && (
        // Thousands of elements cost more than they show: zoomed far out the plain edges are one path.
        <path className={`edge${highlighting ? ' dim' : ''}`} d={shown.filter(plain).map(pathOf).join(' ')} />
      )}
      {shown.map((i) => {
        // An edge into or out of a folded node is folded with it (the "more upstream" button counts them).
        if (plain(i) || folded.has(edges[i].from) || folded.has(edges[i].to)) return null;
        const isLit = lit(edges[i]);
        // Hamilton's crow's foot: where one value becomes many (expand) or many become one (collect).
        const role = parallel.get(`${edges[i].from}\u0000${edges[i].to}`);
        return (
          <path
            key={i}
            className={edgeClasses(edges[i], isLit, highlighting, role)}
            d={pathOf(i)}
            markerEnd={role === 'expand' ? 'url(#crow)' : isLit ? 'url(#arrow-lit)' : 'url(#arrow)'}
            markerStart={role === 'collect' ? 'url(#crow)' : undefined}
            data-parallel={role}
          />
        );
      })}
    </g>
  );
}

/** Hamilton's crow's foot, at the many-valued end of an expand or collect edge. */
function CrowsFoot() {
  return (
    <marker
      id="crow"
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth="9"
      markerHeight="9"
      orient="auto-start-reverse"
    >
      <path className="crow-foot" d="M0,5 L10,5 M10,0 L0,5 L10,10" />
    </marker>
  );
}

/** An edge's arrow head; the highlighted lineage uses a second one with its own colour. */
function ArrowHead({ id, className }: { readonly id: string; readonly className: string }) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth="7"
      markerHeight="7"
      orient="auto-start-reverse"
    >
      <path className={className} d="M0,0 L10,5 L0,10 z" />
    </marker>
  );
}

/** The markers and patterns the graph's drawing refers to. */
/** The edges drawn with a crow's foot, by `from\u0000to`. */
export function parallelEdgesOf(graph: GraphDescription): ReadonlyMap<string, ParallelRole> {
  return new Map(
    graph.edges.flatMap((e) => (e.parallel ? [[`${e.from}\u0000${e.to}`, e.parallel] as const] : [])),
  );
}

export function GraphDefs() {
  return (
    <defs>
      <ArrowHead id="arrow" className="arrow-head" />
      <ArrowHead id="arrow-lit" className="arrow-head lit" />
      <CrowsFoot />
      <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line className="hatch-line" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
    </defs>
  );
}
