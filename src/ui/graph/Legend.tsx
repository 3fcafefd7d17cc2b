import type { GraphDescription } from 'hamilton';

const KINDS = [
  {
    key: 'function',
    label: 'function',
    test: (g: GraphDescription) => g.nodes.some((n) => n.kind === 'function' && !n.isOutput),
  },
  { key: 'input', label: 'input', test: (g: GraphDescription) => g.nodes.some((n) => n.kind === 'input') },
  { key: 'config', label: 'config', test: (g: GraphDescription) => g.nodes.some((n) => n.kind === 'config') },
  { key: 'output', label: 'output', test: (g: GraphDescription) => g.nodes.some((n) => n.isOutput) },
  { key: 'override', label: 'override', test: (g: GraphDescription) => g.nodes.some((n) => n.isOverride) },
] as const;

/** Hamilton's legend: only the kinds this graph has. */
export function Legend({ graph }: { readonly graph: GraphDescription }) {
  const present = KINDS.filter((k) => k.test(graph));
  if (!present.length) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {present.map((k) => (
        <li key={k.key}>
          <svg
            width="22"
            height="14"
            aria-hidden="true"
            className={`legend-swatch node kind-${k.key === 'output' || k.key === 'override' ? 'function' : k.key} ${k.key}`}
          >
            <rect className="box" x="1" y="1" width="20" height="12" rx="3" />
            {k.key === 'override' && <rect className="hatch" x="1" y="1" width="20" height="12" rx="3" />}
          </svg>
          {k.label}
        </li>
      ))}
    </ul>
  );
}
