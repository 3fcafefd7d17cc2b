import { memo } from 'react';
import type { DescribedNode } from 'hamilton';
import type { NodeState } from '../state/session';
import { NODE_TEXT_INSET, nodeSubtitle, STATE_MARK_ROOM, type PlacedNode } from './layout';
import { charWidth } from './textAdvance';

interface GraphNodeProps {
  readonly node: DescribedNode;
  readonly place: PlacedNode;
  readonly state: NodeState;
  readonly durationMs?: number;
  /** For a node of a parallel block: how many items have finished. */
  readonly items?: number;
  /** Live mode: its value was reused from the worker's cache. */
  readonly cached?: boolean;
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
  stale: '↻',
};

const fit = (text: string, width: number, charWidth: number) => {
  const max = Math.floor(width / charWidth);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
};

/**
 * Where a run's duration goes: after the name when it has the room, otherwise at the end of the type
 * line, the type giving way (its full text is in the tooltip and the details).
 */
function durationPlace(name: string, timing: string, width: number) {
  const room = width - 2 * NODE_TEXT_INSET;
  const needed = (timing.length + 1) * charWidth('duration');
  const onName = room - name.length * charWidth('name') - STATE_MARK_ROOM >= needed;
  return { onName, typeRoom: onName ? room : room - needed };
}

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
  cached = false,
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
  if (cached) classes.push('cached');
  const subtitle = nodeSubtitle(node);
  const duration = durationMs !== undefined && state !== 'running' ? formatDuration(durationMs) : '';
  // A parallel block's node counts the items that finished.
  const timing = items !== undefined ? `${duration}${duration ? ' · ' : ''}×${items}` : duration;
  const kindLabel =
    node.kind === 'function'
      ? node.isOutput
        ? 'output'
        : 'function'
      : node.kind === 'input'
        ? 'external input'
        : 'config';
  const label = `${node.name}: ${kindLabel}, ${node.kind === 'config' ? `value ${node.value ?? ''}` : `type ${node.type}`}${state === 'idle' ? '' : `, ${state}`}${duration ? `, ${duration}` : ''}${cached ? ', from cache' : ''}${items !== undefined ? `, ${items} items done` : ''}${hasError ? ', has an error' : ''}`;
  const fold = 10;
  const { onName, typeRoom } = durationPlace(node.name, timing, w);
  return (
    <g
      className={classes.join(' ')}
      transform={`translate(${place.x - w / 2},${place.y - h / 2})`}
      data-node={node.name}
      data-state={state}
      data-cached={cached ? 'true' : undefined}
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
          <text className="name" x={NODE_TEXT_INSET} y={20}>
            {fit(node.name, w - 2 * NODE_TEXT_INSET - STATE_MARK_ROOM, charWidth('name'))}
          </text>
          <text className="type" x={NODE_TEXT_INSET} y={38}>
            {fit(subtitle, timing ? typeRoom : w - 2 * NODE_TEXT_INSET, charWidth('type'))}
          </text>
          {timing && (
            <text
              className="duration"
              x={w - NODE_TEXT_INSET - (onName ? STATE_MARK_ROOM : 0)}
              y={onName ? 20 : 38}
              textAnchor="end"
            >
              {timing}
            </text>
          )}
        </>
      )}
      {labels && STATE_MARK[state] && (
        <text className="state-mark" x={w - 8} y={19} textAnchor="end" aria-hidden="true">
          {STATE_MARK[state]}
        </text>
      )}
    </g>
  );
});
