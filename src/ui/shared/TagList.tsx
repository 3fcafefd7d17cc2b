import type { TagValue } from 'hamilton';
import { tagFilterText } from '../catalog/tagFilter';

/** A node's tags as `key=value` chips. */
export function TagList({
  tags,
  onPick,
}: {
  readonly tags: Readonly<Record<string, TagValue>>;
  readonly onPick?: (filter: string) => void;
}) {
  const entries = Object.entries(tags);
  if (!entries.length) return <span className="muted">none</span>;
  return (
    <>
      {entries.map(([key, value]) => {
        const text = `${key}=${Array.isArray(value) ? value.join(',') : value}`;
        return onPick ? (
          <button
            key={key}
            type="button"
            className="chip"
            title={`Filter by ${text}`}
            onClick={() => onPick(tagFilterText(key, value))}
          >
            {text}
          </button>
        ) : (
          <span key={key} className="chip">
            {text}
          </span>
        );
      })}
    </>
  );
}
