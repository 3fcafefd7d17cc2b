import type { ValuePreview } from '../../worker/protocol';
import { useSession, useWorkspace } from '../state/hooks';
import { runIsOutdated } from '../state/session';
import { revealInEditor, updateView } from '../state/view';
import { download } from '../shared/download';
import { OutputsNote } from './OutputsNote';
import { SavedFiles } from './SavedFiles';
import { ValidationBadge } from './ValidationBadge';
import { ValueView } from './ValueView';
import { toCsv, toJson } from './serialize';
import './results.css';

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

/** One entry per output of the last run, data-quality results, and the run's error. */
export function ResultsPanel() {
  const { run, compiled } = useSession();
  const workspace = useWorkspace();
  if (!run) {
    return (
      <div className="results panel-pad">
        <OutputsNote />
        <p className="empty">
          {compiled?.graph
            ? 'Press Run (or Ctrl/⌘+Enter) to compute the outputs.'
            : 'Results appear here after a run.'}
        </p>
      </div>
    );
  }
  const results = Object.entries(run.results);
  return (
    <div className="results panel-pad">
      <OutputsNote />
      {run.notes.map((note) => (
        <p key={note} className="outputs-note" role="status">
          {note}
        </p>
      ))}
      {run.status === 'running' && <p className="muted">Running…</p>}
      {run.status === 'stopped' && (
        <p className="muted">Stopped: the results of the nodes that finished are below.</p>
      )}
      {run.status !== 'running' && runIsOutdated(run, workspace) && (
        <p className="outdated" role="status">
          The code, inputs or config changed since this run: these results are out of date. Run again
          (Ctrl/⌘+Enter) to update them.
        </p>
      )}
      {run.error && (
        <div className="run-error" role="alert">
          {run.error.node && <>Node {run.error.node} failed: </>}
          <strong>{run.error.name}</strong>: <span className="error-text">{run.error.message}</span>
          {run.error.file && run.error.line && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  revealInEditor({
                    file: run.error!.file!,
                    line: run.error!.line!,
                    column: run.error!.column ?? 1,
                  })
                }
              >
                {run.error.file}:{run.error.line}
              </button>
            </>
          )}
          {run.error.name === 'MissingInputError' && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => updateView({ tab: 'inputs' })}>
                Give it in Inputs &amp; config
              </button>
            </>
          )}
        </div>
      )}
      {run.validations.length > 0 && (
        <section aria-label="Data quality" className="validations">
          <h3>Data quality</h3>
          <ul className="plain-list">
            {run.validations.map((v) => (
              <li key={v.validator}>
                <ValidationBadge result={v} />{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => updateView({ selected: v.node })}
                >
                  {v.node}
                </button>{' '}
                <span className="muted">{v.validator}</span>: {v.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {run.savedFiles && run.savedFiles.length > 0 && <SavedFiles files={run.savedFiles} />}
      {results.map(([name, preview]) => {
        const csv = toCsv(name, preview);
        return (
          <section key={name} className="result" aria-label={`Result ${name}`}>
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
      })}
      {run.status !== 'running' && results.length === 0 && !run.error && (
        <p className="muted">The run produced no outputs.</p>
      )}
    </div>
  );
}
