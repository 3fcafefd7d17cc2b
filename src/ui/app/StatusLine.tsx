import { useEffect } from 'react';
import { useSession, useView } from '../state/hooks';
import { updateView } from '../state/view';

/** How long the answer to Ctrl/⌘+S stays. */
const SAVED_NOTE_MS = 3000;

/** One line of what is happening: worker start, compiling, the last run. Announced politely. */
export function StatusLine() {
  const session = useSession();
  const { savedAt } = useView();
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
  else if (session.compiling !== null) text = 'Compiling…';
  else if (run?.status === 'done') text = `Ran in ${Math.round(run.durationMs ?? 0)} ms`;
  else if (run?.status === 'failed') text = 'Run failed';
  else if (run?.status === 'stopped') text = 'Stopped';
  else if (session.compiled?.diagnostics.some((d) => d.severity === 'error')) text = 'Errors in the code';
  else text = session.compiled ? 'Ready' : '';
  return (
    <span className="status" role="status" aria-live="polite">
      {text}
    </span>
  );
}
