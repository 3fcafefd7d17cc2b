/**
 * The workspace's compiles: sent when typing pauses (a config switch at once), and only once the worker
 * can compile. The worker answers requests in order, so a newer one makes older ones obsolete; the
 * files of the last few are kept so a view reads a graph's locations in the text they point into.
 */
import type { WorkerHost } from '../../worker/host';
import type { SourceFile } from '../../worker/protocol';
import type { WorkspaceStore } from './workspaceStore';

/** Typing pauses this long before the project is compiled again. */
export const COMPILE_DEBOUNCE_MS = 150;
/** Compile requests whose files are remembered. */
const SENT_KEPT = 8;

export interface CompileQueue {
  /** Compiles the workspace after a typing pause (`debounced`), or at once. */
  schedule(debounced: boolean): void;
  /** Whether an edit waits for its compile. */
  waiting(): boolean;
  /** Sends the waiting compile now (a run must follow the newest text). */
  flush(): void;
  /** The files compile request `id` was made of, for the last few requests. */
  filesOf(id: number): readonly SourceFile[] | undefined;
  dispose(): void;
}

/** `onSent` hears of each request as it goes to the worker. */
export function createCompileQueue(
  host: WorkerHost,
  workspace: WorkspaceStore,
  onSent: (id: number) => void,
): CompileQueue {
  // Until esbuild is up, the latest request simply waits.
  let hostReady = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sent = new Map<number, readonly SourceFile[]>();
  const send = () => {
    const ws = workspace.get();
    const id = host.compile(ws.files, ws.config);
    sent.set(id, ws.files);
    if (sent.size > SENT_KEPT) sent.delete(sent.keys().next().value!);
    onSent(id);
  };
  const compile = () => {
    clearTimeout(timer);
    timer = undefined;
    if (hostReady) send();
  };
  void host.ready.then(() => {
    hostReady = true;
    send();
  });
  return {
    schedule(debounced) {
      clearTimeout(timer);
      if (debounced) timer = setTimeout(compile, COMPILE_DEBOUNCE_MS);
      else compile();
    },
    waiting: () => timer !== undefined,
    flush() {
      if (timer !== undefined) compile();
    },
    filesOf: (id) => sent.get(id),
    dispose: () => clearTimeout(timer),
  };
}
