import { usePlayground, useSessionPart, useWorkspace } from '../state/hooks';
import { addInputs, placeholderFor, setConfig, setConfigValue, setInputs } from '../state/workspaceEdits';
import { ConfigToggles } from './ConfigToggles';
import { JsonField } from './JsonField';
import { OutputsPicker } from './OutputsPicker';
import { TableUpload } from './TableUpload';
import './inputs.css';

/** Inputs (JSON and CSV tables), config (JSON and quick toggles) and the outputs to compute. */
export function InputsPanel() {
  const { workspace } = usePlayground();
  const ws = useWorkspace();
  const compiled = useSessionPart((s) => s.compiled);
  // Config values show as graph sources too; they are set under Config, not here.
  const externals = (compiled?.variables ?? [])
    .filter((v) => v.isExternalInput && v.kind !== 'config')
    .map((v) => v.name);
  const missing = externals.filter((n) => !(n in ws.inputs) && !(n in ws.tables) && !(n in ws.config));
  const typeOf = new Map((compiled?.variables ?? []).map((v) => [v.name, v.type]));
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
      <section aria-label="Outputs">
        <OutputsPicker />
      </section>
      <section aria-label="Inputs">
        <h3>Inputs</h3>
        <JsonField
          label="Inputs (JSON)"
          value={ws.inputs}
          onChange={(i) => workspace.update(setInputs(i))}
          hint={externals.length ? `External inputs: ${externals.join(', ')}` : undefined}
        />
        {missing.length > 0 && (
          <p className="muted small" role="status">
            Not given yet: <span className="mono">{missing.join(', ')}</span>{' '}
            <button
              type="button"
              className="button small"
              onClick={() =>
                workspace.update(
                  addInputs(missing.map((name) => [name, placeholderFor(typeOf.get(name) ?? '')] as const)),
                )
              }
            >
              Add {missing.length === 1 ? 'it' : 'them'} to the inputs
            </button>
          </p>
        )}
        <TableUpload inputNames={externals} />
      </section>
    </div>
  );
}
