/**
 * Items handed over in batches, at most once per animation frame: the worker's events become one
 * session update (and one redraw) per frame however fast they come. A hidden tab gets no frames, so a
 * timer hands the batch over too, whichever comes first.
 */

/** Calls `run` once soon; returns what cancels it. */
export type Schedule = (run: () => void) => () => void;

/** When frames do not come (a hidden tab), a batch waits this long at most. */
const FALLBACK_MS = 250;

/** The next animation frame, or {@link FALLBACK_MS}, whichever comes first. */
export const nextFrame: Schedule = (run) => {
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, FALLBACK_MS);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

export interface FrameBatch<T> {
  add(item: T): void;
  /** Hands over what is pending now (before an action that must come after it). */
  flush(): void;
  /** Drops what is pending and cancels the scheduled hand-over. */
  dispose(): void;
}

/** Collects items and passes them to `flush` in arrival order, one call per scheduled turn. */
export function createFrameBatch<T>(
  flush: (items: T[]) => void,
  schedule: Schedule = nextFrame,
): FrameBatch<T> {
  let pending: T[] = [];
  let cancel: (() => void) | null = null;
  const handOver = () => {
    cancel?.();
    cancel = null;
    const items = pending;
    pending = [];
    if (items.length) flush(items);
  };
  return {
    add(item) {
      pending.push(item);
      cancel ??= schedule(handOver);
    },
    flush: handOver,
    dispose() {
      cancel?.();
      cancel = null;
      pending = [];
    },
  };
}
