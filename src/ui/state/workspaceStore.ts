/**
 * The workspace store: the one place the user's work lives (files, inputs, config, outputs, tables).
 * Everything else derives from it. Its API is deliberately small, because examples, share links,
 * autosave and embeds build on it:
 *
 * - `get()` returns the current {@link Workspace} (immutable; a new object after every change);
 * - `load(workspace)` replaces it wholesale (an example, a share link, an autosave);
 * - `update(change)` applies a pure edit (see `workspaceEdits.ts`);
 * - `subscribe(listener)` is called after every change and returns its unsubscribe function.
 */
import type { Workspace } from '../../share/workspace';
import { createStore } from './store';

export interface WorkspaceStore {
  /** The current workspace. */
  get(): Workspace;
  /** Replaces the whole workspace (examples, share links, autosave). */
  load(workspace: Workspace): void;
  /** Applies a pure edit; a change that returns the same object notifies nobody. */
  update(change: (current: Workspace) => Workspace): void;
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: (workspace: Workspace) => void): () => void;
}

export function createWorkspaceStore(initial: Workspace): WorkspaceStore {
  const store = createStore(initial);
  return {
    get: store.get,
    load: store.set,
    update: (change) => store.set(change(store.get())),
    subscribe: store.subscribe,
  };
}
