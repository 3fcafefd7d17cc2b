import { Tabs } from '../layout/Tabs';
import { useSessionPart, useView } from '../state/hooks';
import { updateView, type BottomTab } from '../state/view';
import { ResultsPanel } from '../results/ResultsPanel';
import { ConsolePanel } from '../console/ConsolePanel';
import { CatalogPanel } from '../catalog/CatalogPanel';
import { InputsPanel } from '../inputs/InputsPanel';
import { ResultsLabel } from './ResultsLabel';

const PANELS: Record<BottomTab, () => React.JSX.Element> = {
  results: ResultsPanel,
  console: ConsolePanel,
  catalog: CatalogPanel,
  inputs: InputsPanel,
};

/**
 * The tabs under the graph: Results, Console, Catalog, Inputs & config. A run finished while another
 * tab is open marks the Results tab (Run from the inputs does not pull the user away from them).
 */
export function BottomPanel() {
  const { tab } = useView();
  const lineCount = useSessionPart((s) => s.console.length);
  const Panel = PANELS[tab];
  return (
    <Tabs
      label="Results and tools"
      selected={tab}
      onSelect={(t) => updateView({ tab: t })}
      tabs={[
        { key: 'results', label: <ResultsLabel showing={tab === 'results'} /> },
        { key: 'console', label: lineCount ? `Console (${lineCount})` : 'Console' },
        { key: 'catalog', label: 'Catalog' },
        { key: 'inputs', label: 'Inputs & config' },
      ]}
    >
      <Panel />
    </Tabs>
  );
}
