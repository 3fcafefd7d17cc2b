import type { ValuePreview } from '../../worker/protocol';
import { download } from '../shared/download';
import { updateView } from '../state/view';
import { toCsv, toJson } from './serialize';
import { ValueView } from './ValueView';

function summary(preview: ValuePreview): string {
  switch (preview.kind) {
    case 'scalar':
      return preview.type;
    case 'series':
      return `Series<${preview.column.dtype}> · ${preview.length.toLocaleString()} values`;
    case 'frame':
      return `DataFrame · ${preview.rows.toLocaleString()} × ${preview.columns.length}`;
    case 'tree':
      return preview.type;
    case 'error':
      return 'error';
  }
}

/** One output of the run: its name (selects the node), what it is, CSV and JSON downloads, and the value. */
export function ResultEntry({ name, preview }: { readonly name: string; readonly preview: ValuePreview }) {
  const csv = toCsv(name, preview);
  return (
    <section className="result" aria-label={`Result ${name}`}>
      <header className="result-head">
        <h3>
          <button type="button" className="link-button" onClick={() => updateView({ selected: name })}>
            {name}
          </button>
        </h3>
        <span className="muted small">{summary(preview)}</span>
        <span className="spacer" />
        {csv !== null && (
          <button
            type="button"
            className="button small"
            aria-label={`Download ${name} as CSV`}
            onClick={() => download(`${name}.csv`, csv, 'text/csv')}
          >
            CSV
          </button>
        )}
        <button
          type="button"
          className="button small"
          aria-label={`Download ${name} as JSON`}
          onClick={() => download(`${name}.json`, toJson(name, preview), 'application/json')}
        >
          JSON
        </button>
      </header>
      <ValueView preview={preview} name={name} />
    </section>
  );
}
