/**
 * The outputs a run asks for, checked against the graph: names that are no longer in it (a renamed
 * function), and final nodes the user wrote that no output reaches (a new function), so the UI can
 * say why a run fails or leaves a node out, and offer the fix.
 */
import type { DescribedNode, GraphDescription } from 'hamilton';
import { lineageOf } from './lineage';

export interface OutputsCheck {
  /** Requested outputs that the graph does not have: a run fails with "Unknown nodes". */
  readonly unknown: readonly string[];
  /**
   * Final function nodes (nothing consumes them) that the requested outputs leave out, when their
   * function does not run at all: a column that `extractColumns` makes but nothing reads is a
   * by-product of a function that runs, not a function the user forgot.
   */
  readonly leftOut: readonly string[];
}

const place = (n: DescribedNode) =>
  n.location ? `${n.location.file}:${n.location.line}:${n.location.column}` : null;

/** Nothing to say when no outputs are named: a run then computes every final node. */
export function checkOutputs(graph: GraphDescription, outputs: readonly string[]): OutputsCheck {
  if (!outputs.length) return { unknown: [], leftOut: [] };
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const consumed = new Set(graph.edges.map((e) => e.from));
  const requested = new Set(outputs);
  const running = new Set<string | null>(
    lineageOf(graph)
      .executed(outputs)
      .map((name) => place(byName.get(name)!)),
  );
  // A node without a location is never taken for another one's by-product.
  running.delete(null);
  return {
    unknown: outputs.filter((o) => !byName.has(o)),
    leftOut: graph.nodes
      .filter(
        (n) =>
          n.kind === 'function' && !consumed.has(n.name) && !requested.has(n.name) && !running.has(place(n)),
      )
      .map((n) => n.name),
  };
}

/** What a run asks for, and the picked outputs it leaves out because the code no longer has them. */
export interface RunOutputs {
  /** Empty: every final node. */
  readonly outputs: readonly string[];
  /** Outputs the user picked that the graph no longer has (a note says so; they leave the outputs). */
  readonly dropped: readonly string[];
}

/**
 * The outputs rule: outputs nobody picked (none, or an example's) follow the code (every final node;
 * an example's list plus the final nodes it does not reach, minus the names that are gone). Picked
 * outputs are kept as picked, and the ones the code no longer has are dropped, never a refused run.
 */
export function runOutputs(
  graph: GraphDescription,
  workspace: { readonly outputs: readonly string[]; readonly outputsChosen?: boolean },
): RunOutputs {
  const names = new Set(graph.nodes.map((n) => n.name));
  const present = workspace.outputs.filter((o) => names.has(o));
  const gone = workspace.outputs.filter((o) => !names.has(o));
  const dropped = workspace.outputsChosen ? gone : [];
  if (!present.length) return { outputs: [], dropped };
  if (workspace.outputsChosen) return { outputs: present, dropped };
  return { outputs: [...present, ...checkOutputs(graph, present).leftOut], dropped };
}

/** The function nodes a user may pick as outputs, in graph order. */
export function outputCandidates(graph: GraphDescription): string[] {
  return graph.nodes.filter((n) => n.kind === 'function').map((n) => n.name);
}
