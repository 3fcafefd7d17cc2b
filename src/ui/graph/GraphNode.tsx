import { memo } from 'react';
import type { DescribedNode } from 'hamilton';
import type { NodeState } from '../state/session';
import { nodeSubtitle, type PlacedNode } from './layout';

interface GraphNodeProps {
  readonly node: DescribedNode;
  readonly place: PlacedNode;
  readonly state: NodeState;
  readonly durationMs?: number;
  /** For a node of a parallel block: how many items have finished. */
  readonly items?: number;
  readonly selected: boolean;
  readonly dimmed: boolean;
  readonly focusable: boolean;
  readonly hasError: boolean;
  /** False when zoomed out too far to read them. */
  readonly labels: boolean;
}

const STATE_MARK: Partial<Record<NodeState, string>> = {
  pending: '◌',
  running: '●',
  done: '✓',
  failed: '✕',
  skipped: '–',
};

const fit = (text: string, width: number, charWidth: number) => {
  const max = Math.floor(width / charWidth);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
};

export function formatDuration(ms: number): string {
  return ms < 1 ? '<1 ms' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** One node in Hamilton's vocabulary: a rounded box (function), dashed (input), a note (config), gold (output), hatched (override). */
export const GraphNode = memo(function GraphNode({
  node,
  place,
  state,
  durationMs,
  items,
  selected,
  dimmed,
  focusable,
  hasError,
  labels,
}: GraphNodeProps) {
  const { width: w, height: h } = place;
  const classes = ['node', `kind-${node.kind}`, `state-${state}`];
  if (node.isOutput) classes.push('output');
  if (node.isOverride) classes.push('override');
  if (!node.onPath) classes.push('off-path');
  if (selected) classes.push('selected');
  if (dimmed) classes.push('dim');
  if (hasError) classes.push('has-error');
  if (node.parallel) classes.push(node.parallel);
  const subtitle = nodeSubtitle(node);
  const progress = items !== undefined ? ` · ×${items}` : '';
  const timing =
    durationMs !== undefined && state !== 'running'
      ? ` · ${formatDuration(durationMs)}${progress}`
      : progress;
  const kindLabel =
    node.kind === 'function'
      ? node.isOutput
        ? 'output'
        : 'function'
      : node.kind === 'input'
        ? 'external input'
        : 'config';
  const label = `${node.name}: ${kindLabel}, ${node.kind === 'config' ? `value ${node.value ?? ''}` : `type ${node.type}`}${state === 'idle' ? '' : `, ${state}`}${durationMs !== undefined && state !== 'running' ? `, ${formatDuration(durationMs)}` : ''}${items !== undefined ? `, ${items} items done` : ''}${hasError ? ', has an error' : ''}`;
  const fold = 10;
  return (
    <g
      className={classes.join(' ')}
      transform={`translate(${place.x - w / 2},${place.y - h / 2})`}
      data-node={node.name}
      data-state={state}
      role="button"
      aria-label={label}
      aria-pressed={selected}
      tabIndex={focusable ? 0 : -1}
    >
      {focusable && <rect className="ring" x={-4} y={-4} width={w + 8} height={h + 8} rx={11} />}
      {node.kind === 'config' ? (
        <path
          className="box"
          d={`M0,0 H${w - fold} L${w},${fold} V${h} H0 Z M${w - fold},0 V${fold} H${w}`}
        />
      ) : (
        <rect className="box" width={w} height={h} rx={8} />
      )}
      {node.parallel && <rect className="periphery" x={-3} y={-3} width={w + 6} height={h + 6} rx={10} />}
      {node.isOverride && <rect className="hatch" width={w} height={h} rx={8} />}
      {labels && (
        <>
          <text className="name" x={10} y={18}>
            {fit(node.name, w - 30, 7.2)}
          </text>
          <text className="type" x={10} y={34}>
            {fit(subtitle, w - 20 - timing.length * 6.2, 6.2)}
            {timing && <tspan className="duration">{timing}</tspan>}
          </text>
        </>
      )}
      {labels && STATE_MARK[state] && (
        <text className="state-mark" x={w - 8} y={16} textAnchor="end" aria-hidden="true">
          {STATE_MARK[state]}
        </text>
      )}
    </g>
  );
});
