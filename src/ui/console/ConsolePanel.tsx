import { useEffect, useRef, useState } from 'react';
import { usePlayground, useSession } from '../state/hooks';
import { updateView } from '../state/view';
import type { ConsoleEntry } from '../state/session';
import './console.css';

type Level = ConsoleEntry['level'];
const LEVELS: readonly Level[] = ['log', 'info', 'warn', 'error'];

/**
 * Output the user's code printed, with the node that printed it; filter by level; clear. It holds the
 * latest run's output and the latest module load's (the session drops older ones).
 */
export function ConsolePanel() {
  const { session } = usePlayground();
  const { console: entries } = useSession();
  const [levels, setLevels] = useState<ReadonlySet<Level>>(new Set(LEVELS));
  const list = useRef<HTMLOListElement>(null);
  const shown = entries.filter((e) => levels.has(e.level));
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [shown.length]);
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
      </div>
      {shown.length === 0 ? (
        <p className="empty">
          {entries.length
            ? 'Nothing at the chosen levels.'
            : 'console.log output appears here: what your modules print when they load, and what the latest run printed.'}
        </p>
      ) : (
        <ol className="console-lines" ref={list} aria-label="Console output">
          {shown.map((e) => (
            <li key={e.seq} className={`console-line ${e.level}`}>
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
              <span className="text">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
