/** React access to the playground: the workspace, the session, and UI-only state (selection). */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Workspace } from '../../share/workspace';
import type { Playground } from './playground';
import type { LiveState } from './live';
import type { Session } from './session';
import { viewStore, type ViewState } from './view';

export const PlaygroundContext = createContext<Playground | null>(null);

export function usePlayground(): Playground {
  const playground = useContext(PlaygroundContext);
  if (!playground) throw new Error('usePlayground needs a PlaygroundContext provider');
  return playground;
}

export function useWorkspace(): Workspace {
  const { workspace } = usePlayground();
  return useSyncExternalStore(workspace.subscribe, workspace.get);
}

export function useSession(): Session {
  const { session } = usePlayground();
  return useSyncExternalStore(session.subscribe, session.get);
}

/**
 * One part of the session: the component draws again only when `select` answers another value, not on
 * every frame of a run. `select` returns a part of the session (or a value cached from it), never a new
 * object.
 */
export function useSessionPart<T>(select: (session: Session) => T): T {
  const { session } = usePlayground();
  return useSyncExternalStore(session.subscribe, () => select(session.get()));
}

export function useLive(): LiveState {
  const { live } = usePlayground();
  return useSyncExternalStore(live.subscribe, live.get);
}

export function useView(): ViewState {
  return useSyncExternalStore(viewStore.subscribe, viewStore.get);
}
