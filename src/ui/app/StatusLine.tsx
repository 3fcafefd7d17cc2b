import { useEffect } from 'react';
import { usePlayground, useSessionPart, useView, useWorkspace } from '../state/hooks';
import { updateView } from '../state/view';

/** How long the answer to Ctrl/⌘+S stays. */
const SAVED_NOTE_MS = 3000;

/**
 * One line of what is happening: worker start, compiling, the last run. Announced politely.
 * `data-settled` says the graph on screen is the compile of the text in the editor: an edit waiting
 * for its compile (typing pauses first) counts as compiling, so the line never says Ready too early.
 */
export function StatusLine() {
  // Parts, not the whole session: a run's frames change its node states, not this line.
  const compiling = useSessionPart((s) => s.compiling);
  const compiled = useSessionPart((s) => s.compiled);
  const worker = useSessionPart((s) => s.worker);
  const status = useSessionPart((s) => s.run?.status);
  const durationMs = useSessionPart((s) => s.run?.durationMs);
  const { files } = useWorkspace();
  const { filesOf } = usePlayground();
  const { savedAt } = useView();
  const settled = compiling === null && compiled !== null && filesOf(compiled.id) === files;
  useEffect(() => {
    if (savedAt === null) return;
    const timer = setTimeout(() => updateView({ savedAt: null }), SAVED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [savedAt]);
  let text: string;
  if (savedAt !== null) text = 'No need to save: your work is kept in this browser as you type.';
  else if (worker === 'starting') text = 'Starting the compiler…';
  else if (status === 'running') text = 'Running…';
  else if (!settled && worker === 'ready') text = 'Compiling…';
  else if (status === 'done') text = `Ran in ${Math.round(durationMs ?? 0)} ms`;
  else if (status === 'failed') text = 'Run failed';
  else if (status === 'stopped') text = 'Stopped';
  else if (compiled?.diagnostics.some((d) => d.severity === 'error')) text = 'Errors in the code';
  else text = compiled ? 'Ready' : '';
  return (
    <span className="status" role="status" aria-live="polite" data-settled={settled}>
      {text}
    </span>
  );
}
