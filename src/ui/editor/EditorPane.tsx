import { lazy, Suspense, useEffect, useState } from 'react';
import { useWorkspace } from '../state/hooks';
import { FileTabs } from './FileTabs';
import { loadEditor } from './loadEditor';
import { standInText } from './standIn';
import './editor.css';

// Monaco is big (≈1 MB gzip): it loads after the shell and the graph, which never wait for it.
const MonacoEditor = lazy(loadEditor);

/** The code as text, until Monaco is ready (only its first screens: see standIn.ts). */
function StandIn({ file, code }: { readonly file: string; readonly code: string }) {
  return (
    <pre className="editor-fallback" aria-label={`${file} (the editor is loading)`} tabIndex={0}>
      {standInText(code)}
    </pre>
  );
}

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
  const fallback = <StandIn file={ws.activeFile} code={code} />;
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
