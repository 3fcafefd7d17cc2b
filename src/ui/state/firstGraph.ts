/** The build-time compile of the default example (build/exampleGraphs.ts), for the workspace it was made from. */
import snapshot from 'virtual:first-graph';
import type { CompiledEvent } from '../../worker/protocol';
import type { Workspace } from '../../share/workspace';

/** The default example's compiled event when `workspace` is that example unchanged, else null. */
export function firstGraphFor(workspace: Workspace): CompiledEvent | null {
  const same =
    JSON.stringify(workspace.files) === JSON.stringify(snapshot.files) &&
    JSON.stringify(workspace.config) === JSON.stringify(snapshot.config);
  return same ? snapshot.compiled : null;
}
