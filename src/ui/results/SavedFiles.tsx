import type { SavedFile } from '../../worker/protocol';
import { download } from '../shared/download';

const TYPES: Readonly<Record<string, string>> = { csv: 'text/csv', json: 'application/json' };

/** The file name a saved path downloads as: its last segment. */
function fileName(path: string): string {
  return path.split('/').pop() || path;
}

/** Files the run's data savers wrote (materializers, `saveTo`), each offered for download. */
export function SavedFiles({ files }: { readonly files: readonly SavedFile[] }) {
  return (
    <section aria-label="Saved files" className="validations">
      <h3>Saved files</h3>
      <ul className="plain-list">
        {files.map((file) => {
          const extension = file.path.split('.').pop() ?? '';
          return (
            <li key={file.path}>
              <button
                type="button"
                className="button small"
                aria-label={`Download saved file ${file.path}`}
                onClick={() => download(fileName(file.path), file.text, TYPES[extension] ?? 'text/plain')}
              >
                Download
              </button>{' '}
              <code>{file.path}</code>{' '}
              <span className="muted small">{new Blob([file.text]).size.toLocaleString()} bytes</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
