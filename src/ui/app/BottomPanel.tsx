import { Tabs } from '../layout/Tabs';
import { useSession, useView } from '../state/hooks';
import { updateView, type BottomTab } from '../state/view';
import { ResultsPanel } from '../results/ResultsPanel';
import { ConsolePanel } from '../console/ConsolePanel';
import { CatalogPanel } from '../catalog/CatalogPanel';
import { InputsPanel } from '../inputs/InputsPanel';

const PANELS: Record<BottomTab, () => React.JSX.Element> = {
  results: ResultsPanel,
  console: ConsolePanel,
  catalog: CatalogPanel,
  inputs: InputsPanel,
};

/** The tabs under the graph: Results, Console, Catalog, Inputs & config. */
export function BottomPanel() {
  const { tab } = useView();
  const { console: lines } = useSession();
  const Panel = PANELS[tab];
  return (
    <Tabs
      label="Results and tools"
      selected={tab}
      onSelect={(t) => updateView({ tab: t })}
      tabs={[
        { key: 'results', label: 'Results' },
        { key: 'console', label: lines.length ? `Console (${lines.length})` : 'Console' },
        { key: 'catalog', label: 'Catalog' },
        { key: 'inputs', label: 'Inputs & config' },
      ]}
    >
      <Panel />
    </Tabs>
  );
}
