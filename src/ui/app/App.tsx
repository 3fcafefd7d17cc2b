import type { ReactNode } from 'react';
import { Splitter } from '../layout/Splitter';
import { useStoredShare } from '../layout/paneSizes';
import { Tabs } from '../layout/Tabs';
import { useMediaQuery } from '../layout/useMediaQuery';
import { PlaygroundContext, usePlayground, useSessionPart, useView } from '../state/hooks';
import { updateView, type Region } from '../state/view';
import type { Playground } from '../state/playground';
import { EditorPane } from '../editor/EditorPane';
import { GraphPane } from '../graph/GraphPane';
import { BottomPanel } from './BottomPanel';
import { Header } from './Header';
import { ResultsLabel } from './ResultsLabel';
import type { WorkspaceControls } from './workspaceControls';

/** The shell: header, then code | (graph / results) in resizable panes, or one region at a time on phones. */
export function App({
  playground,
  controls = {},
}: {
  readonly playground: Playground;
  readonly controls?: WorkspaceControls;
}) {
  return (
    <PlaygroundContext.Provider value={playground}>
      <Shell controls={controls} />
    </PlaygroundContext.Provider>
  );
}

function Shell({ controls }: { readonly controls: WorkspaceControls }) {
  const phone = useMediaQuery('(max-width: 719px)');
  const { region } = useView();
  const notice = useSessionPart((s) => s.notice);
  const playground = usePlayground();
  const [codeShare, setCodeShare] = useStoredShare('code', 0.42);
  const [graphShare, setGraphShare] = useStoredShare('graph', 0.55);
  const section = (r: Region, label: string, share: number | null, pane: ReactNode) => (
    <section
      className="region"
      aria-label={label}
      hidden={phone && region !== r}
      style={phone || share === null ? { flex: 1 } : { flexBasis: `${share * 100}%` }}
    >
      {pane}
    </section>
  );
  const code = section('code', 'Code', codeShare, <EditorPane />);
  const graph = section('graph', 'Graph', graphShare, <GraphPane />);
  const results = section('results', 'Results and tools', null, <BottomPanel />);
  return (
    <div className="app">
      <Header controls={controls} />
      {notice && (
        <div className="notice" role="alert">
          <span>{notice}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss the notice"
            onClick={() => playground.session.dispatch({ type: 'notice-dismissed' })}
          >
            ×
          </button>
        </div>
      )}
      {controls.banner}
      {phone ? (
        <Tabs
          label="Region"
          tabs={[
            { key: 'code', label: 'Code' },
            { key: 'graph', label: 'Graph' },
            { key: 'results', label: <ResultsLabel showing={region === 'results'} /> },
          ]}
          selected={region}
          onSelect={(r) => updateView({ region: r })}
          className="phone"
        >
          <div className="main phone-main">
            {/* The tutorial sits above whichever region is shown, so its steps stay in view while coding. */}
            {controls.sidePanel}
            {code}
            {graph}
            {results}
          </div>
        </Tabs>
      ) : (
        <main className="main">
          {controls.sidePanel}
          {code}
          <Splitter
            orientation="vertical"
            label="Resize code and graph"
            value={codeShare}
            onChange={setCodeShare}
          />
          <div className="region" style={{ flex: 1 }}>
            {graph}
            <Splitter
              orientation="horizontal"
              label="Resize graph and results"
              value={graphShare}
              onChange={setGraphShare}
            />
            {results}
          </div>
        </main>
      )}
    </div>
  );
}
