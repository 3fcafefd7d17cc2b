import type { DescribedNode } from 'hamilton';
import type { NodeRun } from '../state/session';
import { formatDuration } from './GraphNode';

/** The compact version of a node's details, shown while hovering it. */
export function NodeTooltip({
  node,
  run,
  x,
  y,
}: {
  readonly node: DescribedNode;
  readonly run?: NodeRun;
  readonly x: number;
  readonly y: number;
}) {
  const firstLine = node.documentation.split('\n').find((l) => l.trim()) ?? '';
  return (
    <div className="node-tooltip" style={{ left: x + 14, top: y + 14 }} role="tooltip">
      <strong>{node.name}</strong>{' '}
      <span className="mono muted">{node.kind === 'config' ? `= ${node.value ?? ''}` : node.type}</span>
      {firstLine && <div>{firstLine}</div>}
      {run && run.state !== 'idle' && (
        <div className="muted">
          {run.state}
          {run.durationMs !== undefined && ` · ${formatDuration(run.durationMs)}`}
        </div>
      )}
    </div>
  );
}
