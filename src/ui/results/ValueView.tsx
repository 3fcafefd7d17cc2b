import type { ValuePreview } from '../../worker/protocol';
import { DataTable } from './DataTable';
import { Histogram } from './Histogram';
import { JsonTree } from './JsonTree';
import { CutText } from './CutText';

/** A value preview drawn by kind: scalar, series (table + histogram), frame (table), tree, error. */
export function ValueView({
  preview,
  name = 'value',
  compact = false,
}: {
  readonly preview: ValuePreview;
  readonly name?: string;
  readonly compact?: boolean;
}) {
  const height = compact ? 200 : 320;
  switch (preview.kind) {
    case 'scalar':
      return (
        <p className="scalar">
          <output className="mono">
            <CutText text={preview.text} cut={preview.cut} />
          </output>{' '}
          <span className="muted">{preview.type}</span>
        </p>
      );
    case 'series':
      return (
        <div className="series-view">
          <DataTable
            label={name}
            columns={[{ ...preview.column, name: preview.column.name || name }]}
            totalRows={preview.length}
            maxHeight={height}
          />
          {preview.stats && <Histogram name={name} stats={preview.stats} />}
        </div>
      );
    case 'frame':
      return (
        <div>
          <p className="muted small">
            {preview.rows.toLocaleString()} rows × {preview.columns.length} columns
          </p>
          <DataTable label={name} columns={preview.columns} totalRows={preview.rows} maxHeight={height} />
          {!compact && Object.keys(preview.stats).length > 0 && (
            <div className="histograms">
              {Object.entries(preview.stats).map(([column, stats]) => (
                <Histogram key={column} name={column} stats={stats} labelled />
              ))}
            </div>
          )}
        </div>
      );
    case 'tree':
      return (
        <div className="json-tree">
          <span className="muted small">{preview.type}</span>
          {preview.truncated && (
            <p className="muted small">
              Part of this value is left out (long lists, deep nesting or long text are cut short); the JSON
              download holds the same part.
            </p>
          )}
          <JsonTree value={preview.value} />
        </div>
      );
    case 'error':
      return <p className="error-text">{preview.text}</p>;
  }
}
