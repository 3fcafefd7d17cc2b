/**
 * Starting a run: what Run (or live mode) sends the worker, from the workspace as it is now and the
 * graph on screen, and what the session records of it.
 */
import type { WorkerHost } from '../../worker/host';
import type { Workspace } from '../../share/workspace';
import type { WorkspaceStore } from './workspaceStore';
import type { CompileQueue } from './compileQueue';
import type { SessionStore } from './playground';
import { lineageOf } from './lineage';
import { runOutputs } from './outputs';
import { dataFilePath, namesDataFile } from './dataPath';

/** What a run is started from. */
export interface RunContext {
  readonly host: WorkerHost;
  readonly workspace: WorkspaceStore;
  readonly session: SessionStore;
  readonly compiles: CompileQueue;
  /** Removes picked outputs the code no longer has (part of the run, not an edit to run for). */
  dropOutputs(names: readonly string[]): void;
}

/** Resolves table values that name a served data file (`data/...`) to their CSV text. */
async function resolveTables(tables: Workspace['tables']): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, value]) => {
      if (!namesDataFile(value)) return [name, value] as const;
      const file = dataFilePath(value);
      if ('error' in file) throw new Error(`Could not load table ${name}: ${file.error}`);
      const response = await fetch(new URL(file.path, new URL(import.meta.env.BASE_URL, location.href)));
      if (!response.ok) throw new Error(`Could not load ${value} for table ${name}: HTTP ${response.status}`);
      return [name, await response.text()] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Starts a run of the workspace's outputs; `live`: one live mode started (a newer edit cancels it). */
export async function startRun(context: RunContext, live: boolean): Promise<void> {
  const { host, workspace, session, compiles } = context;
  session.flush();
  const now = session.get();
  if (now.worker !== 'ready' || !now.compiled?.graph || now.run?.status === 'running') return;
  // Typing not yet compiled is compiled first: the worker answers requests in order.
  compiles.flush();
  const ws = workspace.get();
  let tables: Record<string, string>;
  try {
    tables = await resolveTables(ws.tables);
  } catch (error) {
    session.dispatch({ type: 'console', runId: null, level: 'error', node: null, text: String(error) });
    return;
  }
  const graph = session.get().compiled?.graph;
  const asked = graph ? runOutputs(graph, ws) : { outputs: ws.outputs, dropped: [] };
  // Picked outputs the code no longer has leave the outputs, with a note, instead of failing the run.
  if (asked.dropped.length) context.dropOutputs(asked.dropped);
  const asRun = workspace.get();
  const id = host.run({
    outputs: asked.outputs,
    inputs: ws.inputs,
    overrides: {},
    tables,
    ...(live && { live: true }),
  });
  const { files, inputs, config, outputs } = asRun;
  session.dispatch({
    type: 'run-requested',
    id,
    source: { files, inputs, config, outputs, tables: asRun.tables },
    nodes: graph ? lineageOf(graph).executed(asked.outputs) : [],
    notes: asked.dropped.map((name) => `${name} no longer exists: removed from the outputs.`),
    ...(live && { live: true }),
  });
}
