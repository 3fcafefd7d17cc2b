/**
 * Settles in a new task, queued at once (`scheduler.yield`, where the browser has it: no idle period
 * comes in between, in which the browser would run idle callbacks; else a timer). Work split at
 * `await nextTask()` lets the page paint and answer input between its parts.
 */
export function nextTask(): Promise<void> {
  return typeof scheduler !== 'undefined' && typeof scheduler.yield === 'function'
    ? scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve));
}
