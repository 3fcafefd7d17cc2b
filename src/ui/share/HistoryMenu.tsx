import { useEffect, useSyncExternalStore } from 'react';
import type { HistoryEntry } from '../../share/history';
import { Popover } from '../layout/Popover';
import type { ShareController } from './controller';

const AGO = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "yesterday". */
function ago(time: number, now: number): string {
  const seconds = Math.round((time - now) / 1000);
  for (const [unit, size] of [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ] as const) {
    if (Math.abs(seconds) >= size) return AGO.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

function Entries({
  controller,
  close,
}: {
  readonly controller: ShareController;
  readonly close: () => void;
}) {
  const { state } = controller.work;
  const { history } = useSyncExternalStore(state.subscribe, state.get);
  // Other tabs add to History: read it again each time the menu opens.
  useEffect(() => void controller.work.refreshHistory(), [controller]);
  const now = Date.now();
  if (!history.length) {
    return (
      <p className="muted history-empty">
        Nothing here yet. Whenever you switch to an example, a tutorial step or a link, the work you had open
        is kept here first.
      </p>
    );
  }
  const restore = (entry: HistoryEntry) => {
    controller.restore(entry.id);
    close();
  };
  return (
    <ul className="menu history-list" aria-label="History">
      {history.map((entry) => (
        <li key={entry.id}>
          <button type="button" onClick={() => restore(entry)}>
            <span className="history-title">{entry.title}</span>
            <span className="hint">
              {entry.source} · {entry.files === 1 ? '1 file' : `${entry.files} files`} ·{' '}
              <time
                dateTime={new Date(entry.time).toISOString()}
                title={new Date(entry.time).toLocaleString()}
              >
                {ago(entry.time, now)}
              </time>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The header's History menu: every piece of work the editor held before a switch, newest first; one
 * click brings it back (and keeps what it replaces).
 */
export function HistoryMenu({ controller }: { readonly controller: ShareController }) {
  return (
    <Popover label="History ▾" buttonLabel="History" align="right">
      {(close) => <Entries controller={controller} close={close} />}
    </Popover>
  );
}
