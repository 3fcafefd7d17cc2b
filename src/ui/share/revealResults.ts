import { useEffect, useRef, type RefObject } from 'react';

/** Results starting this close to the bottom of the window (or lower) count as out of sight, in px. */
const SIGHT_PX = 120;
/** Room left above the results once they are brought into view, in px. */
const ABOVE_PX = 8;

/**
 * After a Run the reader asked for, brings the embed's results into view when they start out of sight.
 * A docs page that gives the iframe a fixed height (rather than the height the embed posts) would
 * otherwise show the results nowhere the reader looks. Only the embed's own document scrolls, never the
 * page around it. Returns what the Run button calls.
 */
export function useRevealResults(results: RefObject<HTMLElement | null>, settled: boolean): () => void {
  const wanted = useRef(false);
  useEffect(() => {
    const element = results.current;
    if (!settled || !wanted.current || !element) return;
    wanted.current = false;
    const top = element.getBoundingClientRect().top;
    if (top <= window.innerHeight - SIGHT_PX) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    window.scrollBy({ top: top - ABOVE_PX, behavior: reduced ? 'auto' : 'smooth' });
  }, [settled, results]);
  return () => {
    wanted.current = true;
  };
}
