import { usePlayground, useSession, useWorkspace } from '../state/hooks';
import { checkOutputs, outputCandidates } from '../state/outputs';
import { addOutputs, removeOutputs } from '../state/workspaceEdits';

/**
 * The outputs a run computes, as checkboxes of the graph's functions (final nodes first). None
 * checked: every final node, as Hamilton's driver is usually asked. A requested name that is no longer
 * in the graph stays listed, checked and marked, until the user unticks it.
 */
export function OutputsPicker() {
  const { workspace } = usePlayground();
  const { outputs } = useWorkspace();
  const graph = useSession().compiled?.graph;
  const candidates = graph ? outputCandidates(graph) : [];
  const unknown = graph ? checkOutputs(graph, outputs).unknown : [];
  const finals = graph ? candidates.filter((n) => !graph.edges.some((e) => e.from === n)) : [];
  const names = [...candidates, ...outputs.filter((o) => !candidates.includes(o))];
  return (
    <fieldset className="outputs-picker">
      <legend>Outputs to compute</legend>
      <p className="muted small" role="status">
        {outputs.length
          ? `Run computes ${outputs.length === 1 ? 'this node and what it needs' : `these ${outputs.length} nodes and what they need`}.`
          : `None chosen: Run computes every final node${finals.length ? ` (${finals.join(', ')})` : ''}.`}
      </p>
      {names.length === 0 ? (
        <p className="muted small">The functions of your code appear here once it compiles.</p>
      ) : (
        <ul className="outputs-list">
          {names.map((name) => (
            <li key={name}>
              <label className={unknown.includes(name) ? 'unknown' : undefined}>
                <input
                  type="checkbox"
                  checked={outputs.includes(name)}
                  onChange={(e) =>
                    workspace.update(e.target.checked ? addOutputs([name]) : removeOutputs([name]))
                  }
                />{' '}
                <span className="mono">{name}</span>
                {unknown.includes(name) && <span className="field-error"> not in the graph</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {outputs.length > 0 && (
        <button
          type="button"
          className="button small"
          onClick={() => workspace.update(removeOutputs(outputs))}
        >
          Compute every final node instead
        </button>
      )}
    </fieldset>
  );
}
