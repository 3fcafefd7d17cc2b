/**
 * Tutorial progress, kept in localStorage: whether the panel is open, the current step and the steps
 * done. Read defensively: a stored value from another version is ignored, not trusted.
 */
import { createStore } from '../state/store';

export interface TutorialProgress {
  readonly open: boolean;
  /** The current step's id. */
  readonly step: string | null;
  /** Ids of steps whose checks passed. */
  readonly done: readonly string[];
}

const KEY = 'hamilton-playground:tutorial';
const EMPTY: TutorialProgress = { open: false, step: null, done: [] };

function read(): TutorialProgress {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return EMPTY;
    const { open, step, done } = value as Record<string, unknown>;
    return {
      open: open === true,
      step: typeof step === 'string' ? step : null,
      done: Array.isArray(done) ? done.filter((d): d is string => typeof d === 'string') : [],
    };
  } catch {
    return EMPTY;
  }
}

export const progressStore = createStore<TutorialProgress>(read());

progressStore.subscribe((progress) => {
  try {
    localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage unavailable: progress lasts for this page.
  }
});

export function updateProgress(change: Partial<TutorialProgress>): void {
  progressStore.set({ ...progressStore.get(), ...change });
}
