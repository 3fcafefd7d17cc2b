import { lazy, Suspense, useEffect, useState } from 'react';
import { useWorkspace } from '../state/hooks';
import { FileTabs } from './FileTabs';
import './editor.css';

// Monaco is big (≈1 MB gzip): it loads after the shell and the graph, which never wait for it.
const MonacoEditor = lazy(() => import('./MonacoEditor'));

/** The code region: file tabs over the editor (a read-only view of the code until Monaco is ready). */
export function EditorPane() {
  const ws = useWorkspace();
  const code = ws.files.find((f) => f.name === ws.activeFile)?.code ?? '';
  // Monaco starts loading after the first frame, so the graph's first paint never shares the network or
  // the main thread with it.
  const [start, setStart] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTimeout(() => setStart(true)));
    return () => cancelAnimationFrame(frame);
  }, []);
  const fallback = (
    <pre className="editor-fallback" aria-label={`${ws.activeFile} (the editor is loading)`} tabIndex={0}>
      {code}
    </pre>
  );
  return (
    <div className="editor-pane">
      <FileTabs />
      {start ? (
        <Suspense fallback={fallback}>
          <MonacoEditor />
        </Suspense>
      ) : (
        fallback
      )}
    </div>
  );
}
