import { useEffect } from 'react';
import { Popover } from '../layout/Popover';
import { useMediaQuery } from '../layout/useMediaQuery';
import { usePlayground, useSessionPart, useWorkspace } from '../state/hooks';
import { announceSaved } from '../state/view';
import { ThemeToggle } from '../theme/ThemeToggle';
import { ExamplesMenu } from './ExamplesMenu';
import { HelpMenu } from './HelpMenu';
import { StatusLine } from './StatusLine';
import { LiveToggle } from './LiveToggle';
import type { WorkspaceControls } from './workspaceControls';
import { MOD_KEY } from './platform';

/**
 * The top bar: product name, Examples, Run/Stop, Share, theme and help. On a phone it stays one row
 * (the screen is for the code and the graph): the name is kept for screen readers only, Stop is an
 * icon, and the secondary actions move into a "More" menu.
 */
export function Header({ controls }: { readonly controls: WorkspaceControls }) {
  const playground = usePlayground();
  const running = useSessionPart((s) => s.run?.status === 'running');
  const canRun = useSessionPart((s) => s.worker === 'ready' && !!s.compiled?.graph);
  const workspace = useWorkspace();
  const phone = useMediaQuery('(max-width: 719px)');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        void playground.run();
      } else if (event.key === 's' || event.key === 'S') {
        event.preventDefault();
        announceSaved();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [playground]);

  const secondary = (
    <>
      {controls.headerActions}
      <button
        type="button"
        className="button"
        aria-label="Share"
        title={controls.onShare ? 'Share a link to this workspace' : 'Sharing is not available in this build'}
        disabled={!controls.onShare}
        onClick={() => void controls.onShare?.(workspace)}
      >
        Share
      </button>
      <ThemeToggle labelled={phone} />
      <HelpMenu labelled={phone} />
    </>
  );

  return (
    <header className="bar header">
      <h1 className={phone ? 'visually-hidden' : undefined}>Hamilton Playground</h1>
      <ExamplesMenu
        examples={controls.examples ?? []}
        openExample={controls.openExample}
        edited={controls.exampleEdited}
      />
      <button
        type="button"
        className="button primary"
        aria-label="Run"
        title={`Run (${MOD_KEY}+Enter)`}
        disabled={running || !canRun}
        onClick={() => void playground.run()}
      >
        ▶ Run
      </button>
      <button
        type="button"
        className="button"
        aria-label="Stop"
        title="Stop the run"
        disabled={!running}
        onClick={() => playground.stop()}
      >
        {phone ? <span aria-hidden="true">■</span> : '■ Stop'}
      </button>
      <LiveToggle />
      <StatusLine />
      <span className="spacer" />
      {phone ? (
        <Popover
          label={<span aria-hidden="true">⋯</span>}
          buttonLabel="More actions"
          className="icon-button"
          align="right"
        >
          {(close) => (
            // An action chosen closes the menu (its effect is then in view); a toggle of a nested
            // popover (help) keeps it open.
            <div
              className="header-more"
              onClick={(event) => {
                const button = (event.target as HTMLElement).closest('button');
                if (button && !button.hasAttribute('aria-expanded')) close();
              }}
            >
              {secondary}
            </div>
          )}
        </Popover>
      ) : (
        secondary
      )}
    </header>
  );
}
