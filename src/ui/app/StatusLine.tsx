import { useSession } from '../state/hooks';

/** One line of what is happening: worker start, compiling, the last run. Announced politely. */
export function StatusLine() {
  const session = useSession();
  const run = session.run;
  let text: string;
  if (session.worker === 'starting') text = 'Starting the compiler…';
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
