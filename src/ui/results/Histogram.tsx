import type { NumericStats } from '../../worker/protocol';

const W = 180;
const H = 44;
const fmt = (n: number) => String(Number(n.toPrecision(4)));

/** A small histogram of a numeric column, with its summary as text for screen readers. */
export function Histogram({ name, stats }: { readonly name: string; readonly stats: NumericStats }) {
  const { counts, edges } = stats.histogram;
  const max = Math.max(1, ...counts);
  const bar = W / Math.max(1, counts.length);
  const summary = `${name}: ${stats.count} values, ${stats.missing} missing, mean ${fmt(stats.mean)}, std ${fmt(stats.std)}, min ${fmt(stats.min)}, max ${fmt(stats.max)}`;
  return (
    <figure className="histogram">
      <svg width={W} height={H} role="img" aria-label={`Histogram of ${summary}`}>
        {counts.map((c, i) => (
          <rect
            key={i}
            x={i * bar + 0.5}
            y={H - (c / max) * H}
            width={Math.max(1, bar - 1)}
            height={(c / max) * H}
          >
            <title>{`${fmt(edges[i])} – ${fmt(edges[i + 1])}: ${c}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="muted small">
        mean {fmt(stats.mean)} · std {fmt(stats.std)} · min {fmt(stats.min)} · max {fmt(stats.max)}
        {stats.missing > 0 && ` · ${stats.missing} missing`}
      </figcaption>
    </figure>
  );
}
