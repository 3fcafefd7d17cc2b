import type { NumericStats } from '../../worker/protocol';

const W = 180;
const H = 44;
/**
 * Four significant digits, but never fewer than the integer part has (a max of 42875 is not 42880);
 * a value within floating-point noise of zero, next to the column's magnitude, is 0 (the mean of a
 * standardised column prints as 0, not 2.004e-16).
 */
export function formatStat(n: number, magnitude = 0): string {
  if (n !== 0 && Math.abs(n) < magnitude * 1e-9) return '0';
  if (!Number.isFinite(n) || n === 0) return String(n);
  const integerDigits = Math.floor(Math.log10(Math.abs(n))) + 1;
  return String(Number(n.toPrecision(Math.min(15, Math.max(4, integerDigits)))));
}

/**
 * A small histogram of a numeric column, with its summary as text for screen readers. `labelled`
 * names the column in the caption (a DataFrame shows one histogram per numeric column).
 */
export function Histogram({
  name,
  stats,
  labelled = false,
}: {
  readonly name: string;
  readonly stats: NumericStats;
  readonly labelled?: boolean;
}) {
  const magnitude = Math.max(Math.abs(stats.min), Math.abs(stats.max));
  const fmt = (n: number) => formatStat(n, magnitude);
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
        {labelled && <strong className="histogram-name">{name}</strong>}
        mean {fmt(stats.mean)} · std {fmt(stats.std)} · min {fmt(stats.min)} · max {fmt(stats.max)}
        {stats.missing > 0 && ` · ${stats.missing} missing`}
      </figcaption>
    </figure>
  );
}
