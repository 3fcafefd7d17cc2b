/**
 * What a tutorial step's check reads: the graph the worker compiled and the previews of the last run,
 * exactly as the UI holds them. Helpers turn previews back into plain values for comparisons.
 */
import type { GraphDescription } from 'hamilton';
import type { Json, ValuePreview } from '../../worker/protocol';

/** The state a step is checked against. */
export interface CheckContext {
  /** The compiled graph (null when the project does not compile). */
  readonly graph: GraphDescription | null;
  /** The last successful run's results by output name (empty before a run). */
  readonly results: Readonly<Record<string, ValuePreview>>;
  /** The workspace's config. */
  readonly config: Readonly<Record<string, Json>>;
}

/** One thing a step requires, and whether it holds. */
export interface CheckItem {
  readonly label: string;
  readonly ok: boolean;
  /** True when only a run can satisfy it (it reads results, not the graph). */
  readonly needsRun?: boolean;
}

/** The node of the graph with this name. */
export function nodeOf(ctx: CheckContext, name: string) {
  return ctx.graph?.nodes.find((n) => n.name === name);
}

/** A check that the graph has a function node with this name. */
export function hasFunction(ctx: CheckContext, name: string): CheckItem {
  return { label: `a node ${name} exists`, ok: nodeOf(ctx, name)?.kind === 'function' };
}

/** A check that `to` reads `from`. */
export function hasEdge(ctx: CheckContext, from: string, to: string): CheckItem {
  return {
    label: `${to} depends on ${from}`,
    ok: !!ctx.graph?.edges.some((e) => e.from === from && e.to === to),
  };
}

/** The values of a series result (numbers with NaN for missing; booleans; strings), or undefined. */
export function seriesValues(
  preview: ValuePreview | undefined,
): (number | boolean | string | null)[] | undefined {
  if (preview?.kind !== 'series') return undefined;
  const { column } = preview;
  if (column.dtype === 'boolean') return Array.from(column.values, (v) => (v === 2 ? null : v === 1));
  if (column.dtype === 'string') return [...column.values];
  return Array.from(column.values);
}

/** A scalar result as a number, or NaN. */
export function scalarNumber(preview: ValuePreview | undefined): number {
  return preview?.kind === 'scalar' ? Number(preview.text) : NaN;
}

/** Equality of numbers to a tolerance, NaN equal to NaN. */
export function close(a: number, b: number, tolerance = 1e-9): boolean {
  return (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
}

/** A check that output `name` was computed and its values satisfy `test`. */
export function resultIs(
  ctx: CheckContext,
  name: string,
  label: string,
  test: (preview: ValuePreview) => boolean,
): CheckItem {
  const preview = ctx.results[name];
  return { label: `${name} ${label}`, ok: preview !== undefined && test(preview), needsRun: true };
}
