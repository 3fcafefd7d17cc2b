/**
 * Tutorial progress, kept in localStorage: the step the user was last on and the steps done. (Whether
 * the tutorial is open is whether the editor holds a step: see `src/ui/share/work.ts`.) Read
 * defensively: a stored value from another version is ignored, not trusted.
 */
import { preferences, readItem, writeItem } from '../../share/storage';
import { createStore } from '../state/store';

export interface TutorialProgress {
  /** The id of the step last opened. */
  readonly step: string | null;
  /** Ids of steps whose checks passed. */
  readonly done: readonly string[];
}

const KEY = 'hamilton-playground:tutorial';
const EMPTY: TutorialProgress = { step: null, done: [] };

function read(): TutorialProgress {
  try {
    const value: unknown = JSON.parse(readItem(preferences, KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return EMPTY;
    const { step, done } = value as Record<string, unknown>;
    return {
      step: typeof step === 'string' ? step : null,
      done: Array.isArray(done) ? done.filter((d): d is string => typeof d === 'string') : [],
    };
  } catch {
    return EMPTY;
  }
}

export const progressStore = createStore<TutorialProgress>(read());

// Storage unavailable: progress lasts for this page.
progressStore.subscribe((progress) => writeItem(preferences, KEY, JSON.stringify(progress)));

export function updateProgress(change: Partial<TutorialProgress>): void {
  progressStore.set({ ...progressStore.get(), ...change });
}
