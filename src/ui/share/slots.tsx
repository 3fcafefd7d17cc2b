/**
 * H7's parts of the playground page, as the shell's slots: share links, autosave, banners, the
 * tutorial panel, Download project. `main.tsx` opens what {@link openPlayground} decides.
 */
import { createAutosave } from '../../share/autosave';
import { examples } from '../../examples';
import type { AppSlots } from '../app/slots';
import { createWorkspaceStore, type WorkspaceStore } from '../state/workspaceStore';
import { TutorialPanel, TutorialToggle } from '../tutorial/TutorialPanel';
import { createShareController, type ShareController } from './controller';
import { openingFor } from './opening';
import { DownloadProjectButton, ShareBanner, ShareToast } from './ShareUi';

/** The workspace store to start the playground with (link, example, autosave or default), and its share controller. */
export function openPlayground(): { readonly workspace: WorkspaceStore; readonly share: ShareController } {
  const autosave = createAutosave();
  const opening = openingFor(new URL(location.href), autosave);
  const share = createShareController(createWorkspaceStore(opening.workspace), opening, autosave);
  return { workspace: share.workspace, share };
}

/** The shell's slots filled with H7's parts. */
export function shareSlots(share: ShareController): AppSlots {
  return {
    examples,
    onShare: (workspace) => share.share(workspace),
    headerActions: (
      <>
        <TutorialToggle />
        <DownloadProjectButton controller={share} />
      </>
    ),
    banner: (
      <>
        <ShareBanner controller={share} />
        <ShareToast controller={share} />
      </>
    ),
    sidePanel: <TutorialPanel />,
  };
}
