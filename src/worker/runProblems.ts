/** Problems of a compile or a run, each at its place: the nodes a failure skipped, graph and request errors. */
import { problemsOf, type Driver } from 'hamilton';
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

/** Graph-building errors, one diagnostic per problem, at the offending function or node when known. */
export function problemDiagnostics(thrown: unknown, source: 'graph' | 'runtime'): Diagnostic[] {
  return problemsOf(thrown).map(({ message, node, location }) => ({
    severity: 'error',
    source,
    message,
    ...(location && { file: location.file, line: location.line, column: location.column }),
    ...(node !== undefined && { node }),
  }));
}
