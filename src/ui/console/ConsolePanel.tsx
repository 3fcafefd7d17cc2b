import { lazy, Suspense, useMemo, useState } from 'react';
import { usePlayground, useSessionPart } from '../state/hooks';
import type { ConsoleEntry } from '../state/session';
import { consoleFile, overflowNote } from './consoleFile';
import { download } from '../shared/download';
import './console.css';

// The virtualized list (and its library) loads with the first line to show, not with the page.
const ConsoleLines = lazy(() => import('./ConsoleLines').then((m) => ({ default: m.ConsoleLines })));

type Level = ConsoleEntry['level'];
const LEVELS: readonly Level[] = ['log', 'info', 'warn', 'error'];

/**
 * Output the user's code printed, with the node that printed it; filter by level; clear. It holds the
 * latest run's output and the latest module load's (the session drops older ones).
 */
export function ConsolePanel() {
  const playground = usePlayground();
  const { session } = playground;
  const entries = useSessionPart((s) => s.console);
  const [saving, setSaving] = useState(false);
  const overflow = useMemo(() => overflowNote(entries), [entries]);
  const save = () => {
    setSaving(true);
    void consoleFile(entries, playground.consoleLines)
      .then((parts) => download('console.txt', new Blob(parts, { type: 'text/plain' })))
      .finally(() => setSaving(false));
  };
  const [levels, setLevels] = useState<ReadonlySet<Level>>(new Set(LEVELS));
  const shown = useMemo(() => entries.filter((e) => levels.has(e.level)), [entries, levels]);
  const toggle = (level: Level) => {
    const next = new Set(levels);
    if (next.has(level)) next.delete(level);
    else next.add(level);
    setLevels(next);
  };
  return (
    <div className="console-panel">
      <div className="toolbar">
        <fieldset className="level-filter">
          <legend className="visually-hidden">Levels shown</legend>
          {LEVELS.map((level) => (
            <label key={level}>
              <input type="checkbox" checked={levels.has(level)} onChange={() => toggle(level)} /> {level}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="button small"
          onClick={() => session.dispatch({ type: 'console-cleared' })}
          disabled={!entries.length}
        >
          Clear
        </button>
        <button
          type="button"
          className="button small"
          onClick={save}
          disabled={!entries.length || saving}
          title={overflow ?? 'Every line, the ones left out of this list included, as a text file'}
        >
          {saving ? 'Preparing…' : 'Download all lines'}
        </button>
        {overflow && <span className="muted small">{overflow}</span>}
      </div>
      {shown.length === 0 ? (
        <p className="empty">
          {entries.length
            ? 'Nothing at the chosen levels.'
            : 'console.log output appears here: what your modules print when they load, and what the latest run printed.'}
        </p>
      ) : (
        <Suspense fallback={<p className="empty">Loading the console…</p>}>
          <ConsoleLines lines={shown} />
        </Suspense>
      )}
    </div>
  );
}
