import { useEffect, useState } from 'react';
import { useSessionPart } from '../state/hooks';

/**
 * Whether a run finished that the user has not seen: one that ended while `showing` (the results are on
 * screen) was false, until they are shown.
 */
export function useUnseenRun(showing: boolean): boolean {
  const [seenRun, setSeenRun] = useState<number | null>(null);
  const finished = useSessionPart(({ run }) => (run && run.status !== 'running' ? run.id : null));
  useEffect(() => {
    if (showing) setSeenRun(finished);
  }, [showing, finished]);
  return finished !== null && finished !== seenRun && !showing;
}

/**
 * "Results", for a tab that shows them: marked (a dot, and "(new)" for screen readers) while a finished
 * run is unseen, so a Run from another tab or region does not pull the user away yet says where to look.
 */
export function ResultsLabel({ showing }: { readonly showing: boolean }) {
  if (!useUnseenRun(showing)) return 'Results';
  return (
    <>
      Results <span className="fresh-dot" aria-hidden="true" />
      <span className="visually-hidden"> (new)</span>
    </>
  );
}
