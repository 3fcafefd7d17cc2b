/** The graph the worker describes for a workspace, compiled in Node by the worker's own session. */
import * as esbuild from 'esbuild';
import * as hamilton from 'hamilton';
import type { GraphDescription } from 'hamilton';
import * as frame from 'hamilton/frame';
import type { CompiledEvent } from '../../src/worker/protocol';
import { installRuntime } from '../../src/worker/runtime';
import { Session } from '../../src/worker/session';
import type { Workspace } from '../../src/share/workspace';

let installed = false;

export async function compiledGraph(workspace: Workspace): Promise<GraphDescription> {
  if (!installed) installRuntime(hamilton, frame);
  installed = true;
  const events: { readonly type: string }[] = [];
  const session = new Session({
    esbuild,
    post: (event) => void events.push(event),
    now: () => performance.now(),
  });
  await session.receive({ type: 'compile', id: 1, files: workspace.files, config: workspace.config });
  const graph = events.find((e): e is CompiledEvent => e.type === 'compiled')?.graph;
  if (!graph) throw new Error('the workspace did not compile');
  return graph;
}
