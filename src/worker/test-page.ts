/**
 * The page behind worker-test.html, for e2e/worker-*.spec.ts and the worker benchmark: a host on
 * `window.workerTest`, every event recorded, and each event's text rendered as text (forged markup
 * must stay inert). It also plants secrets in this origin's storage for the isolation tests to look for,
 * and offers the examples' workspaces to the benchmark.
 */
import { examples } from '../examples';
import { createWorkerHost } from './host';
import type { WorkerEvent } from './protocol';

const params = new URLSearchParams(location.search);
const timeoutMs = params.has('timeout') ? Number(params.get('timeout')) : undefined;
const host = createWorkerHost(timeoutMs === undefined ? {} : { timeoutMs });
const events: WorkerEvent[] = [];
/** `performance.now()` when each event arrived. */
const times: number[] = [];
const log = document.getElementById('log')!;
const LOG_LINES = 200;
/**
 * Items of a list a line shows: writing out a 20,000-node graph would be this page's own long task, in
 * the measure of the host's.
 */
const LOG_ITEMS = 100;
const shortList = (list: readonly unknown[]) =>
  list.length > LOG_ITEMS ? [...list.slice(0, LOG_ITEMS), `… ${list.length - LOG_ITEMS} more`] : list;
host.subscribe((event) => {
  events.push(event);
  times.push(performance.now());
  const line = document.createElement('div');
  line.textContent = JSON.stringify(event, (_, v: unknown) =>
    ArrayBuffer.isView(v) ? shortList(Array.from(v as Float64Array)) : Array.isArray(v) ? shortList(v) : v,
  );
  log.appendChild(line);
  // Only the latest lines are rendered: a flood of events must not make this page's own layout slow.
  if (log.childElementCount > LOG_LINES) log.firstElementChild!.remove();
});

declare global {
  interface Window {
    workerTest: {
      host: typeof host;
      events: WorkerEvent[];
      times: number[];
      readyAt?: number;
      examples: typeof examples;
    };
  }
}
window.workerTest = { host, events, times, examples };
void host.ready.then(() => (window.workerTest.readyAt = performance.now()));

// Framed by another site, the page may have no storage at all (third-party storage blocked).
try {
  localStorage.setItem('secret', 'page-secret');
  document.cookie = 'secret=page-secret; SameSite=Strict';
  const open = indexedDB.open('secrets', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('s').put('page-secret', 'secret');
} catch {
  // Nothing to plant.
}
