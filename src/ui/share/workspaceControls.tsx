/**
 * The share parts of the playground page, as the shell's workspace controls: share links, autosave and History,
 * banners, the tutorial panel, Download project. `main.tsx` opens what {@link openPlayground} decides.
 */
import { examples } from '../../examples';
import type { WorkspaceControls } from '../app/workspaceControls';
import { TutorialPanel, TutorialToggle } from '../tutorial/TutorialPanel';
import { createShareController, type ShareController } from './controller';
import { HistoryMenu } from './HistoryMenu';
import { DownloadProjectButton, ShareBanner, ShareToast } from './ShareUi';

/** The share controller: it resumes the saved work and opens what the URL names (link, example). */
export function openPlayground(): ShareController {
  return createShareController();
}

/** The shell's workspace controls, filled with the share parts. */
export function shareControls(share: ShareController): WorkspaceControls {
  return {
    examples,
    openExample: (example) => share.openExample(example),
    exampleEdited: (example) => `example:${example.id}` in share.work.state.get().edits,
    onShare: (workspace) => share.share(workspace),
    headerActions: (
      <>
        <HistoryMenu controller={share} />
        <TutorialToggle controller={share} />
        <DownloadProjectButton controller={share} />
      </>
    ),
    banner: (
      <>
        <ShareBanner controller={share} />
        <ShareToast controller={share} />
      </>
    ),
    sidePanel: <TutorialPanel controller={share} />,
  };
}
