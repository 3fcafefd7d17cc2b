/**
 * Share links, autosave, History and export, wired to the workspace store:
 * - every edit is autosaved (debounced) and written into the URL with `history.replaceState`, so the
 *   address bar always holds the document as a link (the hash alone);
 * - every switch of what the editor holds (an example, a tutorial step, a link, Reset, a restore)
 *   keeps the current work in History first (see `work.ts`); a link's banner offers it back at once;
 * - storage that is blocked or full is said once, and the work goes on in memory;
 * - Share copies the link and says so in a toast; Download project builds the zip.
 */
import { createAutosave } from '../../share/autosave';
import { openHistoryStore } from '../../share/historyStore';
import { isEdited } from '../../share/history';
import { decodeLink, encodeLink } from '../../share/link';
import { browserStorage, STORAGE_MESSAGES } from '../../share/storage';
import { WORKSPACE_LIMITS } from '../../share/validate';
import type { Workspace } from '../../share/workspace';
import { defaultExample, type Example } from '../../examples';
import { tutorialSteps, type TutorialStep } from '../../examples/tutorial/steps';
import { download } from '../shared/download';
import { createStore, type Store } from '../state/store';
import type { WorkspaceStore } from '../state/workspaceStore';
import { progressStore, updateProgress } from '../tutorial/progress';
import { openingFor } from './opening';
import { createWork, exampleHolding, originals, stepHolding, type Work } from './work';

/** A banner under the header. */
export interface Banner {
  readonly kind: 'link' | 'bad-link' | 'edits' | 'tabs';
  readonly message: string;
  /** The History entry "Restore my previous work" brings back, if any. */
  readonly restoreId: string | null;
  /** Whether "Reset to original" is offered (the current example or step has the user's edits). */
  readonly canReset: boolean;
}

/** What the share UI shows. */
export interface ShareState {
  readonly banner: Banner | null;
  /** Said once: the browser keeps nothing (blocked) or no more (full). */
  readonly storageNote: string | null;
  /** A short message that fades (`seq` tells repeated messages apart). */
  readonly toast: { readonly text: string; readonly seq: number } | null;
}

export interface ShareController {
  /** The workspace store to give the playground. */
  readonly workspace: WorkspaceStore;
  /** What the editor holds, the edits kept per example and step, and History. */
  readonly work: Work;
  readonly state: Store<ShareState>;
  /** Puts the link in the URL and on the clipboard. */
  share(workspace: Workspace): Promise<void>;
  openExample(example: Example): void;
  /** A tutorial step's kept edits (or its start), or its solution. */
  openStep(step: TutorialStep, which: 'start' | 'solution'): void;
  /** Opens the tutorial where the user left it. */
  openTutorial(): void;
  /** Back to the work open before the tutorial. */
  closeTutorial(): void;
  /** The current example or step back to its original (the edits go to History). */
  resetToOriginal(): void;
  /** Opens a History entry (what it replaces goes to History). */
  restore(id: string): void;
  dismissBanner(): void;
  /** The link's banner stops saying nothing has run (the user pressed Run). */
  linkRan(): void;
  dismissStorageNote(): void;
  /** Downloads the workspace as a Node project (zip), named after the example. */
  downloadProject(workspace: Workspace): Promise<void>;
  dispose(): void;
}

const LINK_MESSAGE = 'This code came from a link. Nothing has run: read it, then click Run.';
const LINK_RAN_MESSAGE = 'This code came from a link, and you have run it.';

/** The History entry of work an older playground set aside. */
const LEGACY_ENTRY = 'legacy-previous';

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

const wasReloaded = () =>
  (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type ===
  'reload';

/** The share UI's store and the ways to change it: a toast, a banner, the storage note (said once). */
function createNotices() {
  const state = createStore<ShareState>({ banner: null, storageNote: null, toast: null });
  let toastSeq = 0;
  let storageReported = false;
  return {
    state,
    toast: (text: string) => state.set({ ...state.get(), toast: { text, seq: ++toastSeq } }),
    setBanner: (banner: Banner | null) => state.set({ ...state.get(), banner }),
    /** A banner with a message alone: no restore, no reset. */
    say: (kind: Banner['kind'], message: string) =>
      state.set({ ...state.get(), banner: { kind, message, restoreId: null, canReset: false } }),
    storageFailed(reason: 'unavailable' | 'full') {
      if (storageReported) return;
      storageReported = true;
      state.set({ ...state.get(), storageNote: STORAGE_MESSAGES[reason] });
    },
  };
}

/** What an older playground set aside goes to History, once. */
function keepSetAside(setAside: Workspace | null, work: Work) {
  if (!setAside) return;
  void work.refreshHistory().then(() => {
    if (work.state.get().history.some((e) => e.id === LEGACY_ENTRY)) return;
    work.remember([
      {
        id: LEGACY_ENTRY,
        time: Date.now(),
        key: 'own',
        title: 'Earlier work',
        source: 'your work set aside by an earlier version of the playground',
        files: setAside.files.length,
        workspace: setAside,
      },
    ]);
  });
}

/**
 * The address bar holds the work as a link: it follows edits after a quiet time and on page hide,
 * and a link pasted into the address bar of an open playground opens (our own replaceState fires
 * no hashchange). The link is the hash alone: `?example=` would open the example again on a reload.
 */
function syncUrl(work: Work, openLink: (link: ReturnType<typeof decodeLink>) => void) {
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const writeUrl = (workspace: Workspace) => {
    clearTimeout(urlTimer);
    if (linkSize(workspace) > WORKSPACE_LIMITS.maxBytes) return false;
    history.replaceState(history.state, '', location.pathname + encodeLink(workspace));
    return true;
  };
  const unsubscribe = work.workspace.subscribe((workspace) => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => writeUrl(workspace), URL_DELAY_MS);
  });
  const onHide = () => {
    work.flush();
    writeUrl(work.workspace.get());
  };
  const onHashChange = () => openLink(decodeLink(location.hash));
  addEventListener('pagehide', onHide);
  addEventListener('hashchange', onHashChange);
  return {
    writeUrl,
    dispose() {
      clearTimeout(urlTimer);
      unsubscribe();
      removeEventListener('pagehide', onHide);
      removeEventListener('hashchange', onHashChange);
    },
  };
}

/** Builds the Node project zip of a workspace and downloads it as `hamilton-<name>.zip`. */
async function downloadZip(current: Workspace, name: string): Promise<void> {
  const [{ exportProject }, runtime] = await Promise.all([
    import('../../share/export/project'),
    import('virtual:hamilton-export-runtime'),
  ]);
  const zip = await exportProject(current, { runtime: runtime.default, readTable: fetchTable });
  download(`hamilton-${name}.zip`, new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
}

/** Starts the work for this page: resumes the saved work and opens what the URL names on top of it. */
export function createShareController(): ShareController {
  const { state, toast, setBanner, say, storageFailed } = createNotices();
  const autosave = createAutosave({ storage: browserStorage(), onError: storageFailed });
  const opening = openingFor(new URL(location.href), autosave.saved(), wasReloaded());
  let otherTabSaid = false;
  const work = createWork({
    initial: opening.resume,
    autosave,
    history: openHistoryStore(storageFailed),
    tab: Math.random().toString(36).slice(2, 10),
    onOtherTab() {
      if (otherTabSaid) return;
      otherTabSaid = true;
      say(
        'tabs',
        'The playground is open in another tab too. Each tab keeps the other’s latest work in History, so neither overwrites the other.',
      );
    },
  });
  keepSetAside(autosave.setAside(), work);
  const linkBanner = (restoreId: string | null) =>
    setBanner({ kind: 'link', message: LINK_MESSAGE, restoreId, canReset: false });
  const { origin } = opening;
  const openedId = opening.open ? work.switchTo({ type: 'open', ...opening.open }) : null;
  if (origin.kind === 'link') linkBanner(openedId);
  else if (origin.kind === 'bad-link') {
    history.replaceState(history.state, '', location.pathname);
    say('bad-link', `${origin.message} Your own work is open instead, unchanged.`);
  } else if (origin.kind === 'example') editsBanner();

  /** Opening an example or step that has the user's edits says so, and offers the original. */
  function editsBanner() {
    const edited = isEdited(work.state.get(), originals);
    const message = `These are your edits to ${work.state.get().current.title}.`;
    if (edited) setBanner({ kind: 'edits', message, restoreId: null, canReset: true });
    else if (state.get().banner?.kind !== 'tabs') setBanner(null);
  }

  const url = syncUrl(work, (link) => {
    if (!link) return;
    if (!link.ok) {
      say('bad-link', `This link could not be opened: ${link.message}. Your work is unchanged.`);
      return;
    }
    if (JSON.stringify(link.workspace) === JSON.stringify(work.workspace.get())) return;
    linkBanner(
      work.switchTo({
        type: 'open',
        target: { key: 'own', title: 'Shared link', workspace: link.workspace },
        fresh: true,
      }),
    );
  });

  const openStep = (step: TutorialStep, which: 'start' | 'solution') => {
    updateProgress({ step: step.id });
    work.switchTo({ type: 'open', target: stepHolding(step, which), fresh: which === 'solution' });
  };

  return {
    workspace: work.workspace,
    work,
    state,
    async share(current) {
      if (!url.writeUrl(current)) {
        toast('This workspace is over 512 KB, too large for a link: download the project instead.');
        return;
      }
      toast(
        (await copyText(location.href))
          ? 'Link copied to the clipboard.'
          : 'The link is in the address bar: copy it from there.',
      );
    },
    openExample(example) {
      work.switchTo({ type: 'open', target: exampleHolding(example) });
      editsBanner();
    },
    openStep,
    openTutorial() {
      const last = tutorialSteps.find((s) => s.id === progressStore.get().step) ?? tutorialSteps[0];
      openStep(last, 'start');
    },
    closeTutorial() {
      work.switchTo({ type: 'close-tutorial', fallback: exampleHolding(defaultExample) });
      setBanner(null);
    },
    resetToOriginal() {
      if (!originals(work.state.get().current.key)) return;
      work.switchTo({ type: 'reset' });
      setBanner(null);
      toast('Back to the original. Your edits are in History.');
    },
    restore(id) {
      work.switchTo({ type: 'restore', id });
      setBanner(null);
      toast('Restored. What was open before is in History.');
    },
    dismissBanner: () => setBanner(null),
    linkRan() {
      const { banner } = state.get();
      if (banner?.kind === 'link' && banner.message !== LINK_RAN_MESSAGE)
        setBanner({ ...banner, message: LINK_RAN_MESSAGE });
    },
    dismissStorageNote: () => state.set({ ...state.get(), storageNote: null }),
    async downloadProject(current) {
      const { key } = work.state.get().current;
      try {
        await downloadZip(current, key.startsWith('example:') ? key.slice('example:'.length) : 'project');
        toast('Project downloaded: unzip it, then npm install && npm start.');
      } catch (error) {
        toast(`The project could not be exported: ${(error as Error).message}`);
      }
    },
    dispose() {
      url.dispose();
      work.dispose();
    },
  };
}
