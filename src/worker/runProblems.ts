/** Problems of a compile or a run, each at its place: the nodes a failure skipped, graph and request errors. */
import type { Driver } from 'hamilton';
import type { Diagnostic } from './protocol';

/** Nodes of the execution path that never started (something upstream failed first). */
export function skippedNodes(
  driver: Driver,
  outputs: readonly string[],
  inputs: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, unknown>>,
  started: ReadonlyMap<string, number>,
): string[] {
  try {
    const path = driver.visualizeExecution(outputs, { inputs, overrides, bypassValidation: true });
    return path.nodes
      .filter((n) => n.onPath && n.kind === 'function' && !n.isOverride && !started.has(n.name))
      .map((n) => n.name);
  } catch {
    // The run failed validation before any node ran (missing inputs, unknown outputs): nothing ran.
    return [];
  }
}

/** Graph-building errors, one diagnostic per problem, at the offending function when known. */
export function problemDiagnostics(thrown: unknown, source: 'graph' | 'runtime'): Diagnostic[] {
  const errors = (thrown as { errors?: unknown }).errors;
  const list = Array.isArray(errors) && errors.length > 0 ? errors : [thrown];
  return list.map((e: unknown): Diagnostic => {
    const error = e as {
      message?: unknown;
      location?: { file: string; line: number; column: number };
      nodeName?: unknown;
      input?: unknown;
      problem?: unknown;
    };
    // An input problem's own line, without the count Hamilton's message wraps around the run's problems.
    const message =
      typeof error.problem === 'string'
        ? error.problem
        : typeof error.message === 'string'
          ? error.message
          : String(e);
    // The node to mark on the graph: the one at fault, or a missing input.
    const node =
      typeof error.nodeName === 'string'
        ? error.nodeName
        : typeof error.input === 'string'
          ? error.input
          : null;
    return {
      severity: 'error',
      source,
      message,
      ...(error.location && {
        file: error.location.file,
        line: error.location.line,
        column: error.location.column,
      }),
      ...(node !== null && { node }),
    };
  });
}
