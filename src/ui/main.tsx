/**
 * The playground's entry: starts the worker at once (esbuild warms up while the page renders), opens
 * the first example, and renders the shell. H7's share links, autosave and tutorial plug in through
 * the store (`createWorkspaceStore`: get, load, update, subscribe) and the App's slots.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWorkerHost } from '../worker/host';
import { examples } from '../examples';
import { App } from './app/App';
import { createPlayground } from './state/playground';
import { createWorkspaceStore } from './state/workspaceStore';
import './theme/theme';
import './app/app.css';

const host = createWorkerHost();
const workspace = createWorkspaceStore(examples[0].workspace);
const playground = createPlayground(host, workspace);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App playground={playground} slots={{ examples }} />
  </StrictMode>,
);
