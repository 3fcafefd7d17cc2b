import { useMemo } from 'react';
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

/** What the last run left on the nodes, drawn only while some node shows it. */
const RUN_STATES = [
  { key: 'cached', label: 'from cache', classes: 'state-done cached' },
  { key: 'stale', label: 'stale', classes: 'state-stale' },
] as const;

/** Which run states the nodes on screen show (Live mode's outlines). */
export interface LegendRunStates {
  readonly cached: boolean;
  readonly stale: boolean;
}

/** Hamilton's legend: only the kinds this graph has, then the run states its nodes show. */
export function Legend({
  graph,
  runStates,
}: {
  readonly graph: GraphDescription;
  readonly runStates: LegendRunStates;
}) {
  // Each kind's test walks the graph: once per graph, not on every frame of a run.
  const present = useMemo(() => KINDS.filter((k) => k.test(graph)), [graph]);
  const states = RUN_STATES.filter((s) => runStates[s.key]);
  if (!present.length && !states.length) return null;
  const entries = [
    ...present.map((k) => ({
      key: k.key,
      label: k.label,
      classes: `kind-${k.key === 'output' || k.key === 'override' ? 'function' : k.key} ${k.key}`,
    })),
    ...states.map((s) => ({ key: s.key, label: s.label, classes: `kind-function ${s.classes}` })),
  ];
  return (
    <ul className="legend" aria-label="Legend">
      {entries.map((e) => (
        <li key={e.key}>
          <svg width="22" height="14" aria-hidden="true" className={`legend-swatch node ${e.classes}`}>
            {/* Inset, so a thick outline (the run states') is not clipped. */}
            <rect className="box" x="1.5" y="1.5" width="19" height="11" rx="3" />
            {e.key === 'override' && <rect className="hatch" x="1.5" y="1.5" width="19" height="11" rx="3" />}
          </svg>
          {e.label}
        </li>
      ))}
    </ul>
  );
}
