import { useEffect } from 'react';
import { usePlayground, useSession, useWorkspace } from '../state/hooks';
import { ThemeToggle } from '../theme/ThemeToggle';
import { ExamplesMenu } from './ExamplesMenu';
import { HelpMenu } from './HelpMenu';
import { StatusLine } from './StatusLine';
import type { AppSlots } from './slots';
import { MOD_KEY } from './platform';

/** The top bar: product name, Examples, Run/Stop, Share, theme and help. */
export function Header({ slots }: { readonly slots: AppSlots }) {
  const playground = usePlayground();
  const session = useSession();
  const workspace = useWorkspace();
  const running = session.run?.status === 'running';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        void playground.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [playground]);

  return (
    <header className="header">
      <h1>Hamilton Playground</h1>
      <ExamplesMenu examples={slots.examples ?? []} />
      <button
        type="button"
        className="button primary"
        aria-label="Run"
        title={`Run (${MOD_KEY}+Enter)`}
        disabled={running || session.worker !== 'ready' || !session.compiled?.graph}
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
        ■ Stop
      </button>
      <StatusLine />
      <span className="spacer" />
      {slots.headerActions}
      <button
        type="button"
        className="button"
        aria-label="Share"
        title={slots.onShare ? 'Share a link to this workspace' : 'Sharing is not available in this build'}
        disabled={!slots.onShare}
        onClick={() => void slots.onShare?.(workspace)}
      >
        Share
      </button>
      <ThemeToggle />
      <HelpMenu />
    </header>
  );
}
