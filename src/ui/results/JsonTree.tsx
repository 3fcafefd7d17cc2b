import { useState } from 'react';
import type { Json } from '../../worker/protocol';

/** Children drawn at first, and added per "Show more": a 1,000-item list is not a 1,000-line page. */
export const JSON_PAGE = 100;

/** A JSON value as a collapsible tree (native details/summary: keyboard and screen-reader friendly). */
export function JsonTree({
  value,
  label,
  depth = 0,
}: {
  readonly value: Json;
  readonly label?: string;
  readonly depth?: number;
}) {
  const [shown, setShown] = useState(JSON_PAGE);
  const key = label !== undefined ? <span className="json-key">{label}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-leaf">
        {key}
        <span className={`json-${value === null ? 'null' : typeof value}`}>
          {typeof value === 'string' ? JSON.stringify(value) : String(value)}
        </span>
      </div>
    );
  }
  const entries: [string, Json][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const summary = Array.isArray(value)
    ? `Array(${entries.length})`
    : `{${entries.length} ${entries.length === 1 ? 'key' : 'keys'}}`;
  const rest = entries.length - shown;
  return (
    <details className="json-node" open={depth < 1}>
      <summary>
        {key}
        <span className="muted">{summary}</span>
      </summary>
      <div className="json-children">
        {entries.slice(0, shown).map(([k, v]) => (
          <JsonTree key={k} label={k} value={v} depth={depth + 1} />
        ))}
        {rest > 0 && (
          <button type="button" className="link-button small" onClick={() => setShown(shown + JSON_PAGE)}>
            Show {Math.min(rest, JSON_PAGE)} more ({rest.toLocaleString()} not shown)
          </button>
        )}
      </div>
    </details>
  );
}
