/** The answers the worker side gives when there is nothing to show: one definition each. */
import type { CompiledEvent, Diagnostic, ErrorInfo, RunFinishedEvent } from './protocol';

/** A compile that produced no graph (the UI keeps showing the last good one, stale). */
export function failedCompile(
  id: number,
  diagnostics: readonly Diagnostic[],
  timings: Readonly<Record<string, number>>,
): CompiledEvent {
  return {
    type: 'compiled',
    id,
    graph: null,
    variables: [],
    configKeys: [],
    stale: false,
    diagnostics,
    timings,
  };
}

/** A run that ended without results. */
export function failedRun(runId: number, durationMs: number, error: ErrorInfo): RunFinishedEvent {
  return {
    type: 'run-finished',
    runId,
    ok: false,
    durationMs,
    results: {},
    skipped: [],
    validations: [],
    error,
    diagnostics: [],
  };
}

/** Why a user-code worker gave no answer while loading the modules: still busy, or failed. */
export function workerDiagnostic(outcome: 'busy' | 'failed'): Diagnostic {
  return {
    severity: 'error',
    source: 'worker',
    message:
      outcome === 'busy'
        ? 'Module top-level code kept running after the modules loaded (a timer, an interval, a loop or self.close()): it was stopped.'
        : 'The code runner failed while loading the modules; it was replaced.',
  };
}
