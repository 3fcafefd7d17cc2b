/**
 * The worker host's decisions, as a pure reducer: `supervise(state, input, now)` returns the next state
 * and the commands the shell (host.ts) carries out. Inputs are the UI's requests, the runners' checked
 * messages, pongs and failures, and the expiry of the timers the machine armed; commands create,
 * destroy, post to and ping runners, arm and clear timers, and emit events to the UI. Runners are named
 * by number: the shell maps each number to a frame, and knows nothing of which one is active or spare.
 * README.md has the table of states, inputs and commands.
 */
import {
  letGo,
  type EvaluatingNotice,
  type WorkerEvent,
  type CompileRequest,
  type RunRequest,
} from './protocol';
import { restart } from './hostRestart';
import {
  arm,
  armWatchdog,
  clear,
  emit,
  type HostCommand,
  type HostInput,
  type HostState,
  newRunner,
  post,
  type Runner,
  type RunnerFailure,
  scheduleSpare,
  startSpare,
  type Step,
  type TimerName,
  WATCH,
} from './hostState';

/** What the banner says for each way a runner fails on its own (never text from the frame). */
const FAILURES: Readonly<Record<RunnerFailure, string>> = {
  'worker-failed': 'the worker failed',
  'unreadable-message': 'a message could not be read',
  'wasm-failed': 'esbuild could not be compiled',
  tampered: 'its frame was navigated away or answered without its key',
  'no-start': 'it did not start in time',
};

/** A frame that stops answering pings while user code runs has lost its process: in practice, to memory. */
const OUT_OF_MEMORY = 'it ran out of memory';
/** A request unanswered past the loose deadlines, by a frame that no longer answers or never will. */
const STOPPED_ANSWERING = 'it stopped answering';

/** The next state and what to do, for one input. `now` is the shell's clock (ms), for durations. */
export function supervise(
  state: HostState,
  input: HostInput,
  now: number,
): { state: HostState; commands: HostCommand[] } {
  if (state.phase === 'disposed') return { state, commands: [] };
  const step: Step = { s: state, out: [] };
  if (input.type === 'dispose') dispose(step);
  else if (state.phase === 'running') onInput(step, input, now);
  else if (input.type === 'compile' || input.type === 'run') step.s = { ...state, nextId: state.nextId + 1 };
  // No runner holds anything any more.
  else if (input.type === 'held') emit(step, letGo(input.request));
  return { state: step.s, commands: step.out };
}

function onInput(step: Step, input: Exclude<HostInput, { type: 'dispose' }>, now: number): void {
  switch (input.type) {
    case 'start': {
      const active = newRunner(step, true);
      step.s = { ...step.s, active };
      return;
    }
    case 'compile': {
      const request: CompileRequest = {
        type: 'compile',
        id: step.s.nextId,
        files: input.files,
        config: input.config,
      };
      step.s = { ...step.s, nextId: request.id + 1, last: request, pendingCompile: request.id };
      post(step, request);
      armWatchdog(step, false);
      return;
    }
    case 'run': {
      const request: RunRequest = { type: 'run', id: step.s.nextId, ...input.request };
      step.s = {
        ...step.s,
        nextId: request.id + 1,
        run: { request, since: now, running: [], retried: false, started: false },
      };
      post(step, request);
      // Not fresh: a compile's user code already running keeps its deadline.
      armWatchdog(step, false);
      return;
    }
    case 'held':
      // Not user code: no watchdog. A restart before the answer loses the string (the shell says so).
      post(step, input.request);
      return;
    case 'stop':
      restart(step, now, { reason: 'stopped' });
      return;
    case 'message':
      onMessage(step, input.runner, input.message, now);
      return;
    case 'pong':
      if (input.runner === step.s.active?.id) onPong(step, now);
      return;
    case 'runner-failed':
      onRunnerFailed(step, input.runner, input.cause, now);
      return;
    case 'expired':
      onExpired(step, input.timer, now);
  }
}

function dispose(step: Step): void {
  for (const timer of ['watchdog', 'heartbeat', 'ping', 'spare'] as const) clear(step, timer);
  for (const runner of [step.s.active, step.s.spare])
    if (runner) step.out.push({ type: 'destroy-runner', runner: runner.id });
  step.s = { ...step.s, phase: 'disposed', active: null, spare: null };
}

/** While user code runs the frame is pinged every beat: a worker out of memory takes its process down. */
function updateHeartbeat(step: Step): void {
  const beating = step.s.evaluating !== null;
  if (beating === step.s.heartbeat) return;
  if (beating) arm(step, 'heartbeat', WATCH.heartbeatMs);
  else clear(step, 'heartbeat');
  step.s = { ...step.s, heartbeat: beating, missed: 0 };
}

function ping(step: Step): void {
  if (step.s.pinging || !step.s.active) return;
  step.out.push({ type: 'ping', runner: step.s.active.id });
  arm(step, 'ping', WATCH.pingMs);
  step.s = { ...step.s, pinging: true };
}

function onExpired(step: Step, timer: TimerName, now: number): void {
  const { s } = step;
  if (timer === 'watchdog') {
    step.s = { ...s, watchdog: null };
    if (s.watchdog !== null) {
      step.s = { ...step.s, suspect: s.watchdog };
      ping(step);
    }
  } else if (timer === 'heartbeat') {
    if (!s.heartbeat) return;
    arm(step, 'heartbeat', WATCH.heartbeatMs);
    ping(step);
  } else if (timer === 'ping') {
    if (!s.pinging) return;
    const missed = s.missed + 1;
    step.s = { ...s, pinging: false, missed };
    if (s.suspect === 'silent') restart(step, now, { reason: 'crashed', detail: STOPPED_ANSWERING });
    else if (s.suspect || (missed >= WATCH.missedPings && s.evaluating !== null))
      restart(step, now, { reason: 'crashed', detail: OUT_OF_MEMORY });
  } else {
    step.s = { ...s, spareDue: false };
    if ((s.pendingCompile !== null || s.run !== null) && !s.spareNow) scheduleSpare(step);
    else {
      startSpare(step);
      step.s = { ...step.s, spareNow: false };
    }
  }
}

function onPong(step: Step, now: number): void {
  if (!step.s.pinging) return;
  clear(step, 'ping');
  const { suspect, silentWaits } = step.s;
  step.s = { ...step.s, pinging: false, missed: 0 };
  // A frame that answers while its user code is past the limit: the code runs away.
  if (suspect === 'runaway') restart(step, now, { reason: 'timeout' });
  else if (suspect === 'silent') {
    // Alive but slow to answer its request: wait another loose deadline, a bounded number of times.
    if (silentWaits >= WATCH.maxSilentWaits)
      restart(step, now, { reason: 'crashed', detail: STOPPED_ANSWERING });
    else {
      armWatchdog(step, true);
      step.s = { ...step.s, silentWaits: silentWaits + 1 };
    }
  }
}

function onRunnerFailed(step: Step, runner: number, cause: RunnerFailure, now: number): void {
  const { s } = step;
  if (runner === s.spare?.id) {
    step.out.push({ type: 'destroy-runner', runner });
    step.s = { ...s, spare: null };
    scheduleSpare(step);
  } else if (runner === s.active?.id) {
    // A runner that was tampered with did not fail to start: that does not count towards giving up
    // (the page that framed us may stop; the next runner then works). The run it held is not the
    // run's fault: it goes to the fresh runner (once more only, if it had started running).
    const tampered = cause === 'tampered';
    restart(step, now, {
      reason: 'crashed',
      detail: FAILURES[cause],
      countCrash: !tampered,
      retryRun: tampered,
    });
  }
}

function onMessage(
  step: Step,
  runner: number,
  message: WorkerEvent | EvaluatingNotice | null,
  now: number,
): void {
  const { s } = step;
  if (message?.type === 'ready') {
    const ready = (r: Runner | null) =>
      r?.id === runner ? { ...r, ready: true, initMs: message.initMs } : r;
    step.s = { ...s, active: ready(s.active), spare: ready(s.spare) };
  }
  // A spare speaks only to say it is ready; its warm-up output is nobody's business.
  if (runner !== s.active?.id) return;
  if (message?.type === 'evaluating') {
    const run = step.s.run;
    const started = run?.request.id === message.id ? { ...run, started: true } : run;
    step.s = { ...step.s, evaluating: message.done ? null : message.id, run: started };
    armWatchdog(step, true);
    updateHeartbeat(step);
    return;
  }
  // The worker never speaks for the host: a restart notice from that side is forged.
  if (!message || message.type === 'worker-restarted') {
    step.out.push({ type: 'ignored' });
    return;
  }
  onEvent(step, message, now);
}

function onEvent(step: Step, event: WorkerEvent, now: number): void {
  const { s } = step;
  const run = 'runId' in event && s.run?.request.id === event.runId ? s.run : null;
  switch (event.type) {
    case 'ready':
      step.s = { ...s, crashes: 0 };
      step.out.push({ type: 'ready' });
      armWatchdog(step, true);
      scheduleSpare(step);
      break;
    case 'compiled':
      if (s.hidden.includes(event.id)) {
        step.s = { ...s, hidden: s.hidden.filter((id) => id !== event.id) };
        return;
      }
      step.s = {
        ...s,
        pendingCompile: s.pendingCompile !== null && event.id >= s.pendingCompile ? null : s.pendingCompile,
        lastSafe: s.last && event.id === s.last.id ? s.last : s.lastSafe,
      };
      armWatchdog(step, true);
      scheduleSpare(step);
      break;
    case 'node-started':
      if (run) step.s = { ...s, run: { ...run, running: [...run.running, [event.node, now]] } };
      break;
    case 'node-finished':
    case 'node-failed':
      if (run) step.s = { ...s, run: { ...run, running: run.running.filter(([n]) => n !== event.node) } };
      break;
    case 'run-finished':
      if (run) {
        step.s = { ...s, run: null };
        armWatchdog(step, true);
        scheduleSpare(step);
      }
      break;
  }
  emit(step, event);
}
