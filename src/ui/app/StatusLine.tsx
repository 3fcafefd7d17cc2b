import { useEffect } from 'react';
import { usePlayground, useSession, useView, useWorkspace } from '../state/hooks';
import { updateView } from '../state/view';

/** How long the answer to Ctrl/⌘+S stays. */
const SAVED_NOTE_MS = 3000;

/**
 * One line of what is happening: worker start, compiling, the last run. Announced politely.
 * `data-settled` says the graph on screen is the compile of the text in the editor: an edit waiting
 * for its compile (typing pauses first) counts as compiling, so the line never says Ready too early.
 */
export function StatusLine() {
  const session = useSession();
  const { files } = useWorkspace();
  const { filesOf } = usePlayground();
  const { savedAt } = useView();
  const settled =
    session.compiling === null && session.compiled !== null && filesOf(session.compiled.id) === files;
  useEffect(() => {
    if (savedAt === null) return;
    const timer = setTimeout(() => updateView({ savedAt: null }), SAVED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [savedAt]);
  const run = session.run;
  let text: string;
  if (savedAt !== null) text = 'No need to save: your work is kept in this browser as you type.';
  else if (session.worker === 'starting') text = 'Starting the compiler…';
  else if (run?.status === 'running') text = 'Running…';
  else if (!settled && session.worker === 'ready') text = 'Compiling…';
  else if (run?.status === 'done') text = `Ran in ${Math.round(run.durationMs ?? 0)} ms`;
  else if (run?.status === 'failed') text = 'Run failed';
  else if (run?.status === 'stopped') text = 'Stopped';
  else if (session.compiled?.diagnostics.some((d) => d.severity === 'error')) text = 'Errors in the code';
  else text = session.compiled ? 'Ready' : '';
  return (
    <span className="status" role="status" aria-live="polite" data-settled={settled}>
      {text}
    </span>
  );
}
