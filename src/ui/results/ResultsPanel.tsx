import { useSession, useWorkspace } from '../state/hooks';
import { runIsOutdated } from '../state/session';
import { DataQuality } from './DataQuality';
import { OutputsNote } from './OutputsNote';
import { ResultEntry } from './ResultEntry';
import { RunError } from './RunError';
import { SavedFiles } from './SavedFiles';
import './results.css';

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
      {run.error && <RunError error={run.error} />}
      <DataQuality validations={run.validations} />
      {run.savedFiles && run.savedFiles.length > 0 && <SavedFiles files={run.savedFiles} />}
      {results.map(([name, preview]) => (
        <ResultEntry key={name} name={name} preview={preview} />
      ))}
      {run.status !== 'running' && results.length === 0 && !run.error && (
        <p className="muted">The run produced no outputs.</p>
      )}
    </div>
  );
}
