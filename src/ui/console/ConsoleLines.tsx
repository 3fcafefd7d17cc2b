import { useEffect, useLayoutEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { updateView } from '../state/view';
import type { ConsoleEntry } from '../state/session';
import { CutText } from '../results/CutText';

/** A line's height before it is measured (one line of text); wrapped lines are measured as drawn. */
const ESTIMATED_ROW_PX = 22;
/** Rows drawn above and below the view, so scrolling shows no gap before React catches up. */
const OVERSCAN = 12;
/** Within this distance of the end the list counts as following the output. */
const AT_END_PX = 32;

/**
 * The console's lines, virtualized: only the rows in and around the view are in the DOM, each measured
 * as it is drawn (lines wrap and stacks span several lines), so thousands of lines cost what a screenful
 * does. While the user is at the end it follows new output; scrolled up, it stays where it is.
 */
export function ConsoleLines({ lines }: { lines: readonly ConsoleEntry[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    getItemKey: (i) => lines[i].seq,
  });
  useLayoutEffect(() => {
    if (following.current && lines.length) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines, virtualizer]);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      following.current = el.scrollHeight - el.scrollTop - el.clientHeight < AT_END_PX;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);
  return (
    <div className="console-scroller" ref={scroller}>
      <ol
        className="console-lines"
        aria-label="Console output"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const e = lines[row.index];
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className={`console-line ${e.level}`}
              aria-posinset={row.index + 1}
              aria-setsize={lines.length}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <span className="level">{e.level}</span>
              {e.node ? (
                <button
                  type="button"
                  className="chip"
                  onClick={() => updateView({ selected: e.node })}
                  title={`Select ${e.node}`}
                >
                  {e.node}
                </button>
              ) : (
                <span className="chip muted">module</span>
              )}
              <span className="text">
                <CutText text={e.text} cut={e.cut} />
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
