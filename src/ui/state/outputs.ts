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

/** The function nodes a user may pick as outputs, final nodes first, each group in graph order. */
export function outputCandidates(graph: GraphDescription): string[] {
  const consumed = new Set(graph.edges.map((e) => e.from));
  const functions = graph.nodes.filter((n) => n.kind === 'function');
  return [
    ...functions.filter((n) => !consumed.has(n.name)),
    ...functions.filter((n) => consumed.has(n.name)),
  ].map((n) => n.name);
}
