/**
 * Live mode, before a run: which nodes a change of the request (an input, a table, a config value) makes
 * stale, and why. The worker's compile says what an edit of the code made stale, against the last run's
 * request; a change of the request alone compiles nothing, so the graph's edges say what reads the
 * changed values, as the cache's dry run does: a node reading a changed value runs (`input`), and so does
 * every node reading one that runs (`upstream`).
 */
import type { GraphDescription } from 'hamilton';
import type { Json, StaleNodeInfo, StaleReasonInfo } from '../../worker/protocol';
import type { RunSource } from './session';

/** The values a run reads besides the code. */
export type RequestValues = Pick<RunSource, 'inputs' | 'tables' | 'config'>;

/** Whether two JSON values are equal (object keys in any order, as the cache's fingerprints). */
function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aList = Array.isArray(a);
  if (aList !== Array.isArray(b)) return false;
  const aRecord = a as Readonly<Record<string, Json>>;
  const bRecord = b as Readonly<Record<string, Json>>;
  // An array's keys are its indices: the same comparison covers both.
  const keys = Object.keys(aRecord);
  return (
    keys.length === Object.keys(bRecord).length &&
    keys.every((k) => k in bRecord && sameJson(aRecord[k], bRecord[k]))
  );
}

/** The names whose value differs between two sets of named values (given in one, not the other, too). */
function changedNames<T extends Json>(
  ran: Readonly<Record<string, T>>,
  now: Readonly<Record<string, T>>,
): string[] {
  const names = new Set([...Object.keys(ran), ...Object.keys(now)]);
  return [...names].filter((name) => !sameJson(ran[name], now[name]));
}

/** The graph's inputs and config values whose value differs from what the run read. */
export function changedValues(ran: RequestValues, now: RequestValues): Set<string> {
  return new Set([
    ...changedNames(ran.inputs, now.inputs),
    ...changedNames(ran.tables, now.tables),
    ...changedNames(ran.config, now.config),
  ]);
}

/** The function nodes of `graph` that read a changed value, directly or through other nodes, with why. */
export function staleFromRequest(
  graph: GraphDescription,
  ran: RequestValues,
  now: RequestValues,
): StaleNodeInfo[] {
  const changed = changedValues(ran, now);
  if (!changed.size) return [];
  const sources = new Set(graph.nodes.filter((n) => n.kind !== 'function').map((n) => n.name));
  const parents = new Map<string, string[]>();
  for (const edge of graph.edges) parents.set(edge.to, [...(parents.get(edge.to) ?? []), edge.from]);
  const reasons = new Map<string, StaleReasonInfo[]>();
  const visit = (name: string, path: Set<string>): readonly StaleReasonInfo[] => {
    const known = reasons.get(name);
    // A cycle cannot build; the guard only keeps a malformed description from looping.
    if (known || path.has(name)) return known ?? [];
    path.add(name);
    const why: StaleReasonInfo[] = [];
    for (const parent of parents.get(name) ?? []) {
      if (sources.has(parent)) {
        if (changed.has(parent)) why.push({ kind: 'input', node: parent });
      } else if (visit(parent, path).length) why.push({ kind: 'upstream', node: parent });
    }
    path.delete(name);
    reasons.set(name, why);
    return why;
  };
  return graph.nodes
    .filter((n) => n.kind === 'function')
    .map((n) => ({ node: n.name, reasons: [...visit(n.name, new Set())] }))
    .filter((n) => n.reasons.length > 0);
}

/** Two lists of stale nodes as one: a node in both has the reasons of both, each once. */
export function mergeStale(a: readonly StaleNodeInfo[], b: readonly StaleNodeInfo[]): StaleNodeInfo[] {
  const merged = new Map<string, StaleReasonInfo[]>();
  for (const { node, reasons } of [...a, ...b]) {
    const kept = merged.get(node) ?? [];
    for (const r of reasons) if (!kept.some((k) => k.kind === r.kind && k.node === r.node)) kept.push(r);
    merged.set(node, kept);
  }
  return [...merged].map(([node, reasons]) => ({ node, reasons }));
}
