/**
 * The playground's entry: starts the worker at once (esbuild warms up while the page renders), opens
 * what the URL or the autosave says, and renders the shell. Share links, autosave, the tutorial and
 * Download project plug in through the workspace store and the App's workspace controls (see share/workspaceControls.tsx).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWorkerHost } from '../worker/host';
import { App } from './app/App';
import { createPlayground } from './state/playground';
import { holdLinkConsole } from './share/linkConsole';
import { nextTask } from './shared/nextTask';
import { openPlayground, shareControls } from './share/workspaceControls';
import './theme/theme';
import './app/app.css';

const root = document.getElementById('root')!;
if (new URLSearchParams(location.search).get('embed') === '1') {
  // `?embed=1`: the docs embed (embed.html is the lighter entry for the same thing).
  void import('./share/embed').then(({ mountEmbed }) => mountEmbed(root));
} else {
  const host = createWorkerHost();
  // Opening the saved work (a link is inflated and checked) waits for a task after the one that
  // evaluated the page's scripts: together they held the page for over 100 ms.
  void nextTask().then(() => {
    // The saved work, with a share link or an example opened on top; see share/opening.ts.
    const share = openPlayground();
    const playground = createPlayground(host, share.workspace);
    holdLinkConsole(share, playground);
    createRoot(root).render(
      <StrictMode>
        <App playground={playground} controls={shareControls(share)} />
      </StrictMode>,
    );
  });
}
