import type { Json } from '../../worker/protocol';

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
  return (
    <details className="json-node" open={depth < 1}>
      <summary>
        {key}
        <span className="muted">{summary}</span>
      </summary>
      <div className="json-children">
        {entries.map(([k, v]) => (
          <JsonTree key={k} label={k} value={v} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}
