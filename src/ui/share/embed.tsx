/**
 * Docs embeds: `embed.html` (or the playground with `?embed=1`). Query parameters:
 *   view=code|graph|results|split (default split), file=<tab to show>, readonly=1, theme=light|dark,
 *   example=<id> (otherwise the `#h1.` link in the hash, otherwise the default example).
 * Minimal chrome: Run (nothing runs before it is clicked) and "Open in playground", which carries the
 * code, edits included. The page tells its parent its height: `{ type: 'hamilton-embed-height', height }`.
 * An embed never autosaves and never changes the URL.
 */
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import snapshots from 'virtual:example-graphs';
import { createWorkerHost, type WorkerHost } from '../../worker/host';
import { deferredHost } from './deferredHost';
import { decodeLink, encodeLink } from '../../share/link';
import type { Workspace } from '../../share/workspace';
import { defaultExample, exampleById } from '../../examples';
import { EditorPane } from '../editor/EditorPane';
import { GraphPane } from '../graph/GraphPane';
import { ResultsPanel } from '../results/ResultsPanel';
import { useRevealResults } from './revealResults';
import { PlaygroundContext, usePlayground, useSessionPart, useWorkspace } from '../state/hooks';
import { createPlayground, type Playground } from '../state/playground';
import { createWorkspaceStore } from '../state/workspaceStore';
import { themeStore } from '../theme/theme';
import '../app/app.css';
import './embed.css';

type View = 'code' | 'graph' | 'results' | 'split';
const VIEWS: readonly View[] = ['code', 'graph', 'results', 'split'];

/** What the query string and hash ask for. */
export interface EmbedOptions {
  readonly view: View;
  readonly readonly: boolean;
  readonly theme: 'light' | 'dark' | null;
  readonly workspace: Workspace;
  /** Why the requested workspace could not be opened, if it could not. */
  readonly problem: string | null;
}

export function embedOptions(url: URL): EmbedOptions {
  const params = url.searchParams;
  const view = VIEWS.find((v) => v === params.get('view')) ?? 'split';
  const theme = params.get('theme');
  const link = decodeLink(url.hash);
  let workspace = exampleById(params.get('example') ?? '')?.workspace ?? defaultExample.workspace;
  let problem: string | null = null;
  if (link?.ok) workspace = link.workspace;
  else if (link) problem = `This embed's link could not be opened: ${link.message}.`;
  const file = params.get('file');
  if (file && workspace.files.some((f) => f.name === file)) workspace = { ...workspace, activeFile: file };
  return {
    view,
    readonly: params.get('readonly') === '1',
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    workspace,
    problem,
  };
}

/**
 * The active file as text, with tabs to switch files: what an embed shows first. The editor (Monaco,
 * megabytes of script) loads only when the reader asks to edit, so a page of embeds stays light.
 */
function CodeView({ onEdit }: { readonly onEdit?: () => void }) {
  const { workspace } = usePlayground();
  const ws = useWorkspace();
  const code = ws.files.find((f) => f.name === ws.activeFile)?.code ?? '';
  return (
    <div className="embed-code">
      <div className="embed-files">
        <div className="embed-tabs" role="tablist" aria-label="Files">
          {ws.files.map((f) => (
            <button
              key={f.name}
              type="button"
              role="tab"
              aria-selected={f.name === ws.activeFile}
              onClick={() => workspace.update((w) => ({ ...w, activeFile: f.name }))}
            >
              {f.name}
            </button>
          ))}
        </div>
        {onEdit && (
          <button type="button" className="embed-edit" onClick={onEdit}>
            ✎ Edit
          </button>
        )}
      </div>
      <pre tabIndex={0} aria-label={ws.activeFile}>
        {code}
      </pre>
    </div>
  );
}

function Embed({
  options,
  startWorker,
}: {
  readonly options: EmbedOptions;
  readonly startWorker: () => Promise<void>;
}) {
  const playground = usePlayground();
  const ran = useSessionPart((s) => s.run !== null);
  const running = useSessionPart((s) => s.run?.status === 'running');
  const graph = useSessionPart((s) => s.compiled?.graph);
  const workspace = useWorkspace();
  const root = useRef<HTMLDivElement>(null);
  const results = useRef<HTMLElement>(null);
  const revealResults = useRevealResults(results, ran && !running);
  const [editing, setEditing] = useState(false);
  const { view } = options;
  const lines = workspace.files.find((f) => f.name === workspace.activeFile)?.code.split('\n').length ?? 10;
  const codeHeight = Math.min(480, Math.max(160, lines * 19 + 48));
  const showResults = view === 'results' || (view !== 'graph' && ran);

  useEffect(() => {
    const element = root.current;
    if (!element || parent === window) return;
    let last = -1;
    const post = () => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      parent.postMessage({ type: 'hamilton-embed-height', height }, '*');
    };
    const observer = new ResizeObserver(post);
    observer.observe(element);
    post();
    return () => observer.disconnect();
  }, []);

  const playgroundUrl = new URL(
    `./${encodeLink(workspace)}`,
    new URL(import.meta.env.BASE_URL, location.href),
  ).href;
  const code =
    options.readonly || !editing ? (
      <CodeView
        onEdit={
          options.readonly
            ? undefined
            : () => {
                setEditing(true);
                void startWorker();
              }
        }
      />
    ) : (
      <EditorPane />
    );
  return (
    <div className={`embed view-${view}`} ref={root}>
      <div className="bar embed-bar">
        <button
          type="button"
          className="button primary"
          aria-label="Run"
          disabled={running || !graph}
          onClick={() => {
            revealResults();
            void startWorker().then(() => playground.run());
          }}
        >
          ▶ Run
        </button>
        <span className="embed-status" role="status">
          {graph ? '' : 'Building the graph…'}
        </span>
        <a className="embed-open" href={playgroundUrl} target="_blank" rel="noopener">
          Open in playground ↗
        </a>
      </div>
      {options.problem && (
        <div className="share-banner bad-link" role="alert">
          {options.problem}
        </div>
      )}
      <div className="embed-main">
        {(view === 'code' || view === 'split') && (
          <section
            className="embed-region embed-code-region"
            aria-label="Code"
            style={{ height: codeHeight }}
          >
            {code}
          </section>
        )}
        {(view === 'graph' || view === 'split') && (
          <section className="embed-region embed-graph-region" aria-label="Graph">
            <GraphPane />
          </section>
        )}
      </div>
      {showResults && (
        <section className="embed-region embed-results" aria-label="Results" ref={results}>
          <ResultsPanel />
        </section>
      )}
    </div>
  );
}

/** The example's graph compiled at build time, when the workspace is an example unchanged. */
function exampleGraphOf(workspace: Workspace) {
  const key = (files: unknown, config: unknown) => JSON.stringify([files, config]);
  return (
    snapshots.find((s) => key(s.files, s.config) === key(workspace.files, workspace.config))?.compiled ?? null
  );
}

/**
 * The embed's worker host, and how to make sure its worker is up. For an example unchanged, the
 * build-time graph is told to the playground at once and the worker starts only when the reader edits
 * or clicks Run (a page of embeds loads no esbuild until then); any other workspace needs the worker
 * for its graph, so it starts at once. No spare worker: a cold restart after a runaway is fine here.
 */
function embedHost(workspace: Workspace): {
  readonly host: WorkerHost;
  readonly startWorker: () => Promise<void>;
} {
  const create = () => createWorkerHost({ spare: false });
  const graph = exampleGraphOf(workspace);
  if (!graph) {
    const host = create();
    return { host, startWorker: () => host.ready };
  }
  const deferred = deferredHost(create);
  const host: WorkerHost = {
    ...deferred,
    subscribe(listener) {
      const unsubscribe = deferred.subscribe(listener);
      listener(graph);
      return unsubscribe;
    },
  };
  return {
    host,
    startWorker: () => {
      deferred.start();
      return deferred.ready;
    },
  };
}

/** Starts an embed in this page. */
export function mountEmbed(element: HTMLElement): Playground {
  const options = embedOptions(new URL(location.href));
  if (options.theme) themeStore.set({ choice: options.theme, theme: options.theme });
  document.documentElement.classList.add('embedded');
  const { host, startWorker } = embedHost(options.workspace);
  const playground = createPlayground(host, createWorkspaceStore(options.workspace));
  createRoot(element).render(
    <StrictMode>
      <PlaygroundContext.Provider value={playground}>
        <Embed options={options} startWorker={startWorker} />
      </PlaygroundContext.Provider>
    </StrictMode>,
  );
  return playground;
}
