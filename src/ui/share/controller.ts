/**
 * Share links, autosave and export, wired to the workspace store:
 * - every change is autosaved (debounced) and written into the URL with `history.replaceState`, so the
 *   address bar always holds the document;
 * - loading a workspace from outside (a link, an example, a tutorial step) sets the user's saved work
 *   aside instead of overwriting it, and a banner offers "Restore my previous work";
 * - Share copies the link and says so in a toast; Download project builds the zip.
 */
import { createAutosave, type Autosave } from '../../share/autosave';
import { decodeLink, encodeLink } from '../../share/link';
import { WORKSPACE_LIMITS } from '../../share/validate';
import type { Workspace } from '../../share/workspace';
import { download } from '../shared/download';
import { createStore, type Store } from '../state/store';
import type { WorkspaceStore } from '../state/workspaceStore';
import type { Opening } from './opening';

/** A banner under the header. */
export interface Banner {
  readonly kind: 'link' | 'bad-link' | 'loaded';
  readonly message: string;
  /** Whether "Restore my previous work" is offered. */
  readonly canRestore: boolean;
}

/** What the share UI shows. */
export interface ShareState {
  readonly banner: Banner | null;
  /** A short message that fades (`seq` tells repeated messages apart). */
  readonly toast: { readonly text: string; readonly seq: number } | null;
}

export interface ShareController {
  /** The workspace store to give the playground: its `load` sets the saved work aside first. */
  readonly workspace: WorkspaceStore;
  readonly state: Store<ShareState>;
  /** Puts the link in the URL and on the clipboard. */
  share(workspace: Workspace): Promise<void>;
  /** Opens the work that a link or an example set aside. */
  restore(): void;
  dismissBanner(): void;
  /** Downloads the workspace as a Node project (zip). */
  downloadProject(workspace: Workspace): Promise<void>;
  dispose(): void;
}

const LINK_MESSAGE = 'This code came from a link. Nothing has run: read it, then click Run.';

/** Quiet time before the URL follows an edit. */
const URL_DELAY_MS = 300;

function linkSize(workspace: Workspace): number {
  return new TextEncoder().encode(JSON.stringify(workspace)).length;
}

/** Resolves a `data/...` table to its text, served by the playground. */
async function fetchTable(path: string): Promise<string> {
  const response = await fetch(new URL(path, new URL(import.meta.env.BASE_URL, location.href)));
  if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}`);
  return response.text();
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function createShareController(
  inner: WorkspaceStore,
  opening: Opening,
  autosave: Autosave = createAutosave(),
): ShareController {
  const state = createStore<ShareState>({ banner: null, toast: null });
  let toastSeq = 0;
  const toast = (text: string) => state.set({ ...state.get(), toast: { text, seq: ++toastSeq } });
  const setBanner = (banner: Banner | null) => state.set({ ...state.get(), banner });

  const { origin } = opening;
  autosave.opened(opening.workspace, origin.kind === 'bad-link' ? 'example' : origin.kind);
  const canRestore = () => autosave.restorable() !== null;
  if (origin.kind === 'link') {
    setBanner({ kind: 'link', message: LINK_MESSAGE, canRestore: canRestore() });
  } else if (origin.kind === 'bad-link') {
    history.replaceState(history.state, '', location.pathname + location.search);
    setBanner({
      kind: 'bad-link',
      message: `${origin.message} The default example is open instead; your saved work is untouched.`,
      canRestore: canRestore(),
    });
  }

  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const writeUrl = (workspace: Workspace) => {
    if (linkSize(workspace) > WORKSPACE_LIMITS.maxBytes) return false;
    history.replaceState(history.state, '', encodeLink(workspace));
    return true;
  };
  const unsubscribe = inner.subscribe((workspace) => {
    autosave.change(workspace);
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => writeUrl(workspace), URL_DELAY_MS);
  });
  const onHide = () => autosave.flush();
  addEventListener('pagehide', onHide);
  // A link pasted into the address bar of an open playground (our own replaceState fires no hashchange).
  const onHashChange = () => {
    const link = decodeLink(location.hash);
    if (!link) return;
    if (!link.ok) {
      setBanner({
        kind: 'bad-link',
        message: `This link could not be opened: ${link.message}. Your work is unchanged.`,
        canRestore: false,
      });
      return;
    }
    workspace.load(link.workspace);
    setBanner({ kind: 'link', message: LINK_MESSAGE, canRestore: canRestore() });
  };
  addEventListener('hashchange', onHashChange);

  const workspace: WorkspaceStore = {
    ...inner,
    load(next) {
      autosave.flush();
      autosave.opened(next, 'example');
      inner.load(next);
      if (canRestore() && state.get().banner?.kind !== 'link') {
        setBanner({ kind: 'loaded', message: 'Your previous work is kept.', canRestore: true });
      }
    },
  };

  return {
    workspace,
    state,
    async share(current) {
      clearTimeout(urlTimer);
      if (!writeUrl(current)) {
        toast('This workspace is over 512 KB, too large for a link: download the project instead.');
        return;
      }
      toast(
        (await copyText(location.href))
          ? 'Link copied to the clipboard.'
          : 'The link is in the address bar: copy it from there.',
      );
    },
    restore() {
      const previous = autosave.restorable();
      if (!previous) return;
      autosave.dismissRestorable();
      inner.load(previous);
      setBanner(null);
      toast('Your previous work is back.');
    },
    dismissBanner: () => setBanner(null),
    async downloadProject(current) {
      try {
        const [{ exportProject }, runtime] = await Promise.all([
          import('../../share/export/project'),
          import('virtual:hamilton-export-runtime'),
        ]);
        const zip = await exportProject(current, { runtime: runtime.default, readTable: fetchTable });
        const name = current.files[0]?.name.replace(/\.ts$/, '') || 'project';
        download(
          `hamilton-${name}.zip`,
          new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        );
        toast('Project downloaded: unzip it, then npm install && npm start.');
      } catch (error) {
        toast(`The project could not be exported: ${(error as Error).message}`);
      }
    },
    dispose() {
      clearTimeout(urlTimer);
      unsubscribe();
      removeEventListener('pagehide', onHide);
      removeEventListener('hashchange', onHashChange);
    },
  };
}
