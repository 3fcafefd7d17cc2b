import { usePlayground, useSession, useWorkspace } from '../state/hooks';
import { setConfig, setConfigValue, setInputs, setOutputs } from '../state/workspaceEdits';
import { ConfigToggles } from './ConfigToggles';
import { JsonField } from './JsonField';
import { TableUpload } from './TableUpload';
import './inputs.css';

/** Inputs (JSON and CSV tables), config (JSON and quick toggles) and the outputs to compute. */
export function InputsPanel() {
  const { workspace } = usePlayground();
  const ws = useWorkspace();
  const { compiled } = useSession();
  const externals = (compiled?.variables ?? []).filter((v) => v.isExternalInput).map((v) => v.name);
  const missing = externals.filter((n) => !(n in ws.inputs) && !(n in ws.tables) && !(n in ws.config));
  return (
    <div className="inputs-panel panel-pad">
      <section aria-label="Config">
        <h3>Config</h3>
        <ConfigToggles
          keys={compiled?.configKeys ?? []}
          config={ws.config}
          onPick={(key, value) => workspace.update(setConfigValue(key, value))}
        />
        <JsonField
          label="Config (JSON)"
          value={ws.config}
          onChange={(c) => workspace.update(setConfig(c))}
          hint="Values given when the graph is built; config.when reads them."
        />
      </section>
      <section aria-label="Inputs">
        <h3>Inputs</h3>
        <JsonField
          label="Inputs (JSON)"
          value={ws.inputs}
          onChange={(i) => workspace.update(setInputs(i))}
          hint={externals.length ? `External inputs: ${externals.join(', ')}` : undefined}
        />
        {missing.length > 0 && <p className="muted small">Not given yet: {missing.join(', ')}</p>}
        <TableUpload inputNames={externals} />
      </section>
      <section aria-label="Outputs">
        <h3>Outputs</h3>
        <label>
          Outputs to compute (comma-separated; empty: every final node){' '}
          <input
            type="text"
            className="mono"
            value={ws.outputs.join(', ')}
            onChange={(e) =>
              workspace.update(
                setOutputs(
                  e.target.value
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                ),
              )
            }
          />
        </label>
      </section>
    </div>
  );
}
