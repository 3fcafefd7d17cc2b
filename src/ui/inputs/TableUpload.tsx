import { useId, useState } from 'react';
import { usePlayground, useWorkspace } from '../state/hooks';
import { setTable } from '../state/workspaceEdits';

/** CSV files as table inputs (Workspace.tables): pick the input, choose a file; remove again. */
export function TableUpload({ inputNames }: { readonly inputNames: readonly string[] }) {
  const { workspace } = usePlayground();
  const ws = useWorkspace();
  const id = useId();
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = target || inputNames[0] || '';
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (!name) {
      setError('Name the table input first.');
      return;
    }
    try {
      workspace.update(setTable(name, await file.text()));
      setError(null);
    } catch (e) {
      setError(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const tables = Object.entries(ws.tables);
  return (
    <div className="table-upload">
      <h3>Tables (CSV)</h3>
      <div className="toolbar">
        <label htmlFor={`${id}-name`}>Input</label>
        <input
          id={`${id}-name`}
          type="text"
          list={`${id}-inputs`}
          value={name}
          onChange={(e) => setTarget(e.target.value)}
          className="mono"
        />
        <datalist id={`${id}-inputs`}>
          {inputNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label htmlFor={`${id}-file`}>CSV file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      {error && <p className="field-error">{error}</p>}
      {tables.length > 0 && (
        <ul className="plain-list">
          {tables.map(([table, csv]) => (
            <li key={table}>
              <code>{table}</code>{' '}
              <span className="muted small">
                {csv.startsWith('data/') ? csv : `${csv.trim().split(/\r?\n/).length - 1} rows uploaded`}
              </span>{' '}
              <button
                type="button"
                className="button small"
                aria-label={`Remove table ${table}`}
                onClick={() => workspace.update(setTable(table, null))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
