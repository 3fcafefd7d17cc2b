/**
 * When runs start: the user's Run, and the live runs that follow changes once Live is on (`live.ts`
 * decides whether; this is its shell, with the timers and the run in progress). One run at a time: a
 * change during a run, or while a run still loads its tables, is run for once that run ends.
 */
import type { SourceFile } from '../../worker/protocol';
import { COMPILE_DEBOUNCE_MS } from './compileQueue';
import { startRun, type RunContext } from './startRun';
import { createStore } from './store';
import { initialLive, reduceLive, type LiveAction, type LiveState } from './live';

export interface LiveRuns {
  readonly live: { get(): LiveState; subscribe(listener: () => void): () => void; toggle(): void };
  /** The user's Run (or Ctrl/Cmd+Enter). */
  run(): Promise<void>;
  /** A compile answered with a new graph, or a config switch: live mode may run now. */
  changed(): void;
  /** The inputs, tables or outputs changed: live mode runs once typing pauses. */
  changedAfterPause(): void;
  /** A run ended: a change it missed is run for now. */
  runFinished(): void;
  /** The files the run in progress (or still loading its tables) was started from. */
  runFiles(): readonly SourceFile[] | undefined;
  dispose(): void;
}

export function createLiveRuns(runs: RunContext): LiveRuns {
  const { session, workspace } = runs;
  const live = createStore(initialLive);
  /** A live run is due once the run in progress ends (a change came while it ran). */
  let due = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The files of a run still loading its tables, before the session records it: a compile of these
   * files answered meanwhile is that run's, not a change for live mode to run again.
   */
  let starting: readonly SourceFile[] | null = null;
  const running = () => session.get().run?.status === 'running';

  const act = (action: LiveAction) => {
    const next = reduceLive(live.get(), action);
    live.set(next.state);
    if (!next.run) return;
    if (running() || starting) due = true;
    else void start(true);
  };
  const start = async (isLive: boolean) => {
    if (starting) return;
    starting = workspace.get().files;
    try {
      await startRun(runs, isLive);
    } finally {
      starting = null;
    }
    // A change came while the tables loaded, and no run started to wait for: run for it now.
    if (due && !running()) {
      due = false;
      act({ type: 'changed' });
    }
  };

  return {
    live: { get: live.get, subscribe: live.subscribe, toggle: () => act({ type: 'toggled' }) },
    async run() {
      act({ type: 'user-ran' });
      // A change still waiting for its pause is in this run: no live run is to repeat it from the cache
      // (and leave the Console empty). While a run is in progress this Run does not start: it still waits.
      if (!running()) clearTimeout(timer);
      // The user's Run shows what was withheld (a link's module output), even if the run never starts.
      session.dispatch({ type: 'console-released' });
      await start(false);
    },
    changed: () => act({ type: 'changed' }),
    changedAfterPause() {
      clearTimeout(timer);
      timer = setTimeout(() => act({ type: 'changed' }), COMPILE_DEBOUNCE_MS);
    },
    runFinished() {
      if (!due) return;
      due = false;
      act({ type: 'changed' });
    },
    runFiles: () => starting ?? session.get().run?.source?.files,
    dispose: () => clearTimeout(timer),
  };
}
