import { useLive, usePlayground } from '../state/hooks';

/**
 * The header's Live switch: on, each compile, input or config change re-runs what it made stale (the
 * rest comes from the worker's cache). Off until the first Run in this page; that Run turns it on.
 */
export function LiveToggle() {
  const playground = usePlayground();
  const live = useLive();
  return (
    <button
      type="button"
      className={live.on ? 'button live-toggle on' : 'button live-toggle'}
      aria-label="Live"
      aria-pressed={live.on}
      title={
        live.on
          ? 'Live: changes re-run what they made stale (click to run only on Run)'
          : 'Live is off: nothing runs until Run (click to re-run on every change)'
      }
      onClick={() => playground.live.toggle()}
    >
      <span className="live-dot" aria-hidden="true" />
      Live
    </button>
  );
}
