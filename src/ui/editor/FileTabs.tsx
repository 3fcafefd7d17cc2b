import { useState, type FormEvent } from 'react';
import { usePlayground, useWorkspace } from '../state/hooks';
import { addFile, deleteFile, fileNameProblem, renameFile, setActiveFile } from '../state/workspaceEdits';

type Editing = { readonly mode: 'add' } | { readonly mode: 'rename'; readonly file: string } | null;

/** The editor's file tabs: select, add, rename, delete (a project keeps at least one file). */
export function FileTabs() {
  const { workspace } = usePlayground();
  const ws = useWorkspace();
  const [editing, setEditing] = useState<Editing>(null);
  const [name, setName] = useState('');
  const problem =
    editing && name ? fileNameProblem(ws, name, editing.mode === 'rename' ? editing.file : undefined) : null;

  const start = (next: Editing) => {
    setEditing(next);
    setName(next?.mode === 'rename' ? next.file : nextFreeName(ws.files.map((f) => f.name)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing || problem) return;
    workspace.update(editing.mode === 'add' ? addFile(name, '') : renameFile(editing.file, name));
    setEditing(null);
  };

  return (
    <div className="bar file-tabs">
      <ul aria-label="Files">
        {ws.files.map((file) => (
          <li key={file.name} className={file.name === ws.activeFile ? 'active' : ''}>
            <button
              type="button"
              aria-pressed={file.name === ws.activeFile}
              onClick={() => workspace.update(setActiveFile(file.name))}
            >
              {file.name}
            </button>
            {file.name === ws.activeFile && (
              <>
                <button
                  type="button"
                  className="tab-action"
                  aria-label={`Rename ${file.name}`}
                  title="Rename"
                  onClick={() => start({ mode: 'rename', file: file.name })}
                >
                  ✎
                </button>
                {ws.files.length > 1 && (
                  <button
                    type="button"
                    className="tab-action"
                    aria-label={`Delete ${file.name}`}
                    title="Delete"
                    onClick={() => {
                      if (confirm(`Delete ${file.name}?`)) workspace.update(deleteFile(file.name));
                    }}
                  >
                    ×
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="tab-action"
        aria-label="Add a file"
        title="Add a file"
        onClick={() => start({ mode: 'add' })}
      >
        +
      </button>
      {editing && (
        <form
          className="file-name-form"
          onSubmit={submit}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
        >
          <input
            type="text"
            aria-label={editing.mode === 'add' ? 'New file name' : `New name for ${editing.file}`}
            aria-invalid={!!problem}
            aria-describedby="file-name-problem"
            value={name}
            autoFocus
            // The stem is selected, so typing a name replaces it and keeps ".ts".
            onFocus={(e) => e.target.setSelectionRange(0, Math.max(0, e.target.value.lastIndexOf('.')))}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button" disabled={!!problem}>
            {editing.mode === 'add' ? 'Add' : 'Rename'}
          </button>
          <button type="button" className="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
          {problem && (
            <span id="file-name-problem" className="field-error">
              {problem}
            </span>
          )}
        </form>
      )}
    </div>
  );
}

function nextFreeName(names: readonly string[]): string {
  for (let i = 2; ; i++) if (!names.includes(`module${i}.ts`)) return `module${i}.ts`;
}
