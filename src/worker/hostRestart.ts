/**
 * The host machine's restart: the active runner is replaced (runaway code, Stop, a crash, a hijacked
 * frame), the run in progress ends or is sent again, the UI is told, and the fresh runner is brought to
 * the project the UI shows. See README.md.
 */
import type { ActiveRun, HostState } from './hostState';
import {
  armWatchdog,
  clear,
  emit,
  newRunner,
  post,
  scheduleSpare,
  type Step,
  UNWATCHED,
  WATCH,
} from './hostState';

/** Why the active runner is replaced. */
export interface Restart {
  readonly reason: 'timeout' | 'stopped' | 'crashed';
  readonly detail?: string;
  /** Whether it counts towards giving up (when the runner never became ready). */
  readonly countCrash?: boolean;
  /**
   * Send the run in progress again to the fresh runner instead of ending it: always when its user code
   * had not started on the runner that is replaced, once when it had.
   */
  readonly retryRun?: boolean;
}

/**
 * Removes the whole frame (which ends the worker even in `while (true) {}`), promotes the spare, ends or
 * resends the run in progress, tells the UI, and brings the fresh runner to the project: see README.md.
 */
export function restart(step: Step, now: number, why: Restart): void {
  const s = step.s;
  clear(step, 'watchdog');
  clear(step, 'ping');
  if (s.heartbeat) clear(step, 'heartbeat');
  const run = s.run;
  const retryRun = why.retryRun === true && run !== null && !(run.started && run.retried);
  const node = run?.running.at(-1)?.[0] ?? null;
  const compiling = s.evaluating !== null && s.evaluating !== run?.request.id ? s.evaluating : null;
  const counts = why.reason === 'crashed' && s.active?.ready !== true && why.countCrash !== false;
  const crashes = counts ? s.crashes + 1 : s.crashes;
  const gaveUp = crashes >= WATCH.maxCrashes;
  const what = compiling !== null ? 'module top-level code' : node ? `node ${node}` : 'the run';
  const message = restartMessage(s, why, what, gaveUp);
  if (s.active) step.out.push({ type: 'destroy-runner', runner: s.active.id });
  if (run && !retryRun) endRun(step, run, why.reason, message, now);
  if (!retryRun) emit(step, { type: 'worker-restarted', reason: why.reason, node, message });
  step.s = {
    ...s,
    active: null,
    crashes,
    run: retryRun ? { ...run, running: [], retried: run.retried || run.started, started: false } : null,
    pendingCompile: null,
    evaluating: null,
    ...UNWATCHED,
  };
  if (gaveUp) {
    step.s = { ...step.s, phase: 'gave-up' };
    step.out.push({ type: 'give-up', reason: `the worker could not start: ${why.detail ?? 'it crashed'}` });
    return;
  }
  promote(step);
  rebuild(step, why.reason, compiling, message);
  if (retryRun) post(step, run.request);
  armWatchdog(step, true);
}

function restartMessage(s: HostState, why: Restart, what: string, gaveUp: boolean): string {
  const seconds = `${(s.timeoutMs / 1000).toLocaleString('en')} s`;
  if (why.reason === 'timeout') return `Stopped ${what}: it ran longer than ${seconds}.`;
  if (why.reason === 'stopped') return `Stopped ${what}.`;
  const crashed = `The worker crashed${why.detail ? ` (${why.detail})` : ''}`;
  return gaveUp
    ? `${crashed}, ${WATCH.maxCrashes} times in a row before it could start; reload the page to try again.`
    : `${crashed}; it was restarted.`;
}

/** The running nodes fail and the run ends, in the host's words. */
function endRun(step: Step, run: ActiveRun, reason: Restart['reason'], message: string, now: number): void {
  const name = reason === 'timeout' ? 'TimeoutError' : reason === 'stopped' ? 'AbortError' : 'WorkerCrashed';
  const error = { name, message };
  for (const [node, since] of run.running)
    emit(step, { type: 'node-failed', runId: run.request.id, node, durationMs: now - since, error });
  emit(step, {
    type: 'run-finished',
    runId: run.request.id,
    ok: false,
    durationMs: now - run.since,
    results: {},
    skipped: [],
    validations: [],
    error,
    diagnostics: [],
  });
}

/**
 * The spare (warm) becomes the active runner, or a new one starts; and the next spare starts a second
 * after that runner is ready, busy or not, so that after any restart a warm runner is soon there to fall
 * back on again.
 */
function promote(step: Step): void {
  const { s } = step;
  const active = s.spare ?? newRunner(step, false);
  step.s = { ...step.s, active, spare: null };
  if (s.spareDue) {
    clear(step, 'spare');
    step.s = { ...step.s, spareDue: false };
  }
  // A spare that is already up said so only to the host: the UI hears it now.
  if (active.ready) {
    step.s = { ...step.s, crashes: 0 };
    emit(step, { type: 'ready', initMs: active.initMs });
  }
  // Not while a cold runner starts: two cold starts at once would slow the one the user waits for.
  step.s = { ...step.s, spareNow: true };
  if (active.ready) scheduleSpare(step);
}

/** Brings the fresh runner to the project the UI shows. */
function rebuild(step: Step, reason: Restart['reason'], compiling: number | null, message: string): void {
  const { last, lastSafe, retried } = step.s;
  if (compiling === null || !last || compiling !== last.id) {
    // Also when an older compile ran away while this one waited behind it: it gets its own time.
    if (last) {
      step.s = { ...step.s, pendingCompile: last.id };
      post(step, last);
    }
    return;
  }
  // Evaluating this project's modules is what ran away: the compile is answered without a graph (the
  // UI keeps the last good one, marked stale) and the diagnostic says why.
  emit(step, {
    type: 'compiled',
    id: last.id,
    graph: null,
    variables: [],
    configKeys: [],
    stale: false,
    diagnostics: [{ severity: 'error', source: 'worker', message }],
    timings: {},
  });
  if (reason === 'timeout' && retried !== last.id) {
    // A busy machine can stretch fine top-level code past the limit: this version gets one more try
    // on the fresh worker, whose answer (same id) replaces the one above if it evaluates.
    step.s = { ...step.s, retried: last.id, pendingCompile: last.id };
    post(step, last);
    return;
  }
  // Rebuild the last project that evaluated safely, so the fresh worker matches what is drawn.
  if (lastSafe) {
    step.s = { ...step.s, hidden: [...step.s.hidden, lastSafe.id] };
    post(step, lastSafe);
  }
  step.s = { ...step.s, last: lastSafe };
}
