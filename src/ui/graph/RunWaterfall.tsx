import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { NodeRun } from '../state/session';
import { formatDuration } from './GraphNode';
import { axisTicks, waterfallOf } from './waterfall';

interface RunWaterfallProps {
  readonly nodes: Readonly<Record<string, NodeRun>>;
  readonly runMs?: number;
  readonly selected: string | null;
  readonly onSelect: (name: string) => void;
}

const percent = (ms: number, total: number) => `${total > 0 ? (ms / total) * 100 : 0}%`;

/**
 * The last run on a timeline: a row per node that ran, its bar from start to end in its state's
 * colour, earliest first. Each row is a button (Enter selects the node; ↑/↓ move between rows).
 */
export function RunWaterfall({ nodes, runMs, selected, onSelect }: RunWaterfallProps) {
  const { bars, totalMs, untimed } = useMemo(() => waterfallOf(nodes, runMs), [nodes, runMs]);
  const list = useRef<HTMLOListElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const rows = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    rows[Math.min(rows.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    event.preventDefault();
  };
  if (!bars.length) return <p className="empty">No node of the last run has finished yet.</p>;
  return (
    <section className="waterfall" aria-label="Waterfall of the last run">
      <div className="waterfall-grid">
        <div className="waterfall-row waterfall-axis" aria-hidden="true">
          <span className="waterfall-name">Node</span>
          <span className="waterfall-track">
            {axisTicks(totalMs, 3).map((t) => (
              <span key={t} className="waterfall-tick" style={{ left: percent(t, totalMs) }}>
                {t ? formatDuration(t) : '0'}
              </span>
            ))}
          </span>
          <span className="waterfall-duration">Took</span>
        </div>
        <ol ref={list} onKeyDown={onKeyDown}>
          {bars.map((bar) => {
            const duration = formatDuration(bar.endMs - bar.startMs);
            return (
              <li key={bar.name}>
                <button
                  type="button"
                  className={`waterfall-row state-${bar.state}`}
                  aria-pressed={bar.name === selected}
                  aria-label={`${bar.name}: ${bar.state}, started at ${formatDuration(bar.startMs)}, took ${duration}`}
                  data-waterfall-node={bar.name}
                  onClick={() => onSelect(bar.name)}
                >
                  <span className="waterfall-name" title={bar.name}>
                    {bar.name}
                  </span>
                  <span className="waterfall-track">
                    <span
                      className="waterfall-bar"
                      style={{
                        left: percent(bar.startMs, totalMs),
                        width: `max(2px, ${percent(bar.endMs - bar.startMs, totalMs)})`,
                      }}
                    />
                  </span>
                  <span className="waterfall-duration">{duration}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
      {untimed > 0 && (
        <p className="waterfall-note">
          {untimed} {untimed === 1 ? 'node' : 'nodes'} did not run.
        </p>
      )}
    </section>
  );
}
