/** The last run as a waterfall: one bar per node that ran, from its start to its end, sorted by start. */
import type { NodeRun, NodeState } from '../state/session';

export interface WaterfallBar {
  readonly name: string;
  readonly state: NodeState;
  readonly startMs: number;
  readonly endMs: number;
}

export interface Waterfall {
  readonly bars: readonly WaterfallBar[];
  /** The time axis' length: the run's duration, or its last node's end. */
  readonly totalMs: number;
  /** Nodes the run did not time (skipped before they started, or still waiting). */
  readonly untimed: number;
}

/** The bars of a run's nodes, earliest start first (ties: the earlier end, then the name). */
export function waterfallOf(nodes: Readonly<Record<string, NodeRun>>, runMs?: number): Waterfall {
  const bars: WaterfallBar[] = [];
  let untimed = 0;
  for (const [name, run] of Object.entries(nodes)) {
    if (run.startMs === undefined || run.endMs === undefined) untimed++;
    else bars.push({ name, state: run.state, startMs: run.startMs, endMs: run.endMs });
  }
  bars.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.name.localeCompare(b.name));
  const lastEnd = bars.reduce((end, bar) => Math.max(end, bar.endMs), 0);
  return { bars, totalMs: Math.max(runMs ?? 0, lastEnd), untimed };
}

/** Round steps for the time axis: about `count` ticks from 0 to `totalMs`. */
export function axisTicks(totalMs: number, count = 4): number[] {
  if (totalMs <= 0) return [0];
  const raw = totalMs / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t <= totalMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}
