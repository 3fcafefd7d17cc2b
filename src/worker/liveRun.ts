/**
 * Live mode's side of a session: a run request's values (tables parsed into frames), and which nodes a
 * request would execute rather than reuse from the cache, with why, as the protocol carries it.
 */
import type { Driver, GraphDescription, StaleReason } from 'hamilton';
import { readCsv, type DataFrame } from 'hamilton/frame';
import type { RunRequest, StaleNodeInfo, StaleReasonInfo } from './protocol';

/**
 * A request's tables as frames, each text parsed once: a compile's staleness check and the run after it
 * read the same frames (whose fingerprints are then taken once too). Only the newest text of each
 * table is kept.
 */
export class ParsedTables {
  private readonly frames = new Map<string, { readonly csv: string; readonly frame: DataFrame }>();

  /** Table `name`'s frame from `csv`. Throws for a bad CSV. */
  frameOf(name: string, csv: string): DataFrame {
    const known = this.frames.get(name);
    if (known?.csv === csv) return known.frame;
    const frame = readCsv(csv);
    this.frames.set(name, { csv, frame });
    return frame;
  }
}

/** A run's inputs: the request's JSON inputs and its tables as DataFrames. Throws for a bad CSV. */
export function runInputs(request: RunRequest, tables = new ParsedTables()): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...request.inputs };
  for (const [name, csv] of Object.entries(request.tables)) inputs[name] = tables.frameOf(name, csv);
  return inputs;
}

/** Functions nothing else in the graph reads: what a run computes when no output is named. */
export function sinksOf(graph: GraphDescription): string[] {
  const read = new Set(graph.edges.map((e) => e.from));
  return graph.nodes.filter((n) => n.kind === 'function' && !read.has(n.name)).map((n) => n.name);
}

/** The outputs a request asks for (every sink when it names none). */
export function outputsOf(request: RunRequest, graph: GraphDescription): string[] {
  return request.outputs.length > 0 ? [...request.outputs] : sinksOf(graph);
}

/**
 * The nodes `driver` would execute for this request now, and why (a dry run over its cache); undefined
 * when the request cannot run (a missing input, an unknown output: the run itself says so).
 */
export function staleNodesOf(
  driver: Driver,
  outputs: readonly string[],
  inputs: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, unknown>>,
): StaleNodeInfo[] | undefined {
  try {
    return driver.cache
      .wouldExecute(outputs, { inputs, overrides })
      .map((n) => ({ node: n.name, reasons: n.reasons.map(reasonInfo) }));
  } catch {
    return undefined;
  }
}

/** The stale nodes of the last run's request on a freshly built driver (what an edit made stale). */
export function staleAfterEdit(
  driver: Driver,
  graph: GraphDescription,
  lastRun: RunRequest,
  tables?: ParsedTables,
): StaleNodeInfo[] | undefined {
  let inputs: Record<string, unknown>;
  try {
    inputs = runInputs(lastRun, tables);
  } catch {
    return undefined;
  }
  const names = new Set(graph.nodes.map((n) => n.name));
  // Outputs the edit removed are not asked for: the rest of the request still tells what is stale.
  const outputs = outputsOf(lastRun, graph).filter((name) => names.has(name));
  return staleNodesOf(driver, outputs, inputs, lastRun.overrides);
}

/** Whether a request gives loaders the files the one before it gave. */
export function sameTables(before: RunRequest | undefined, request: RunRequest): boolean {
  if (!before) return false;
  const names = Object.keys(request.tables);
  return (
    names.length === Object.keys(before.tables).length &&
    names.every((name) => before.tables[name] === request.tables[name])
  );
}

function reasonInfo(reason: StaleReason): StaleReasonInfo {
  return 'node' in reason ? { kind: reason.kind, node: reason.node } : { kind: reason.kind };
}
