import { lazy, Suspense } from 'react';
import { useWorkspace } from '../state/hooks';
import { FileTabs } from './FileTabs';
import './editor.css';

// Monaco is big (≈1 MB gzip): it loads after the shell and the graph, which never wait for it.
const MonacoEditor = lazy(() => import('./MonacoEditor'));

/** The code region: file tabs over the editor (a read-only view of the code until Monaco is ready). */
export function EditorPane() {
  const ws = useWorkspace();
  const code = ws.files.find((f) => f.name === ws.activeFile)?.code ?? '';
  return (
    <div className="editor-pane">
      <FileTabs />
      <Suspense
        fallback={
          <pre
            className="editor-fallback"
            aria-label={`${ws.activeFile} (the editor is loading)`}
            tabIndex={0}
          >
            {code}
          </pre>
        }
      >
        <MonacoEditor />
      </Suspense>
    </div>
  );
}
