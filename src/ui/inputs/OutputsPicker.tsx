import { usePlayground, useSessionPart, useWorkspace } from '../state/hooks';
import { checkOutputs, outputCandidates, runOutputs } from '../state/outputs';
import { setOutputs } from '../state/workspaceEdits';

/**
 * The outputs a run computes, as checkboxes of the graph's functions in graph order. Until the user
 * picks, the boxes show what Run computes by the outputs rule (the code's final nodes, or an example's
 * outputs plus what they leave out); a click makes it the user's pick. A picked name that is no
 * longer in the graph stays listed, checked and marked: the next Run drops it.
 */
export function OutputsPicker() {
  const { workspace } = usePlayground();
  const ws = useWorkspace();
  const { outputs, outputsChosen } = ws;
  const graph = useSessionPart((s) => s.compiled?.graph);
  const candidates = graph ? outputCandidates(graph) : [];
  const unknown = graph && outputsChosen ? checkOutputs(graph, outputs).unknown : [];
  const finals = graph ? candidates.filter((n) => !graph.edges.some((e) => e.from === n)) : [];
  const computed = graph ? runOutputs(graph, ws).outputs : outputs;
  const checked = outputsChosen ? outputs : computed;
  const names = [...candidates, ...unknown];
  const pick = (name: string, on: boolean) =>
    workspace.update(setOutputs(on ? [...checked, name] : checked.filter((n) => n !== name)));
  let summary: string;
  if (outputsChosen)
    summary = `Your pick: Run computes ${outputs.length === 1 ? 'this node and what it needs' : `these ${outputs.length} nodes and what they need`}.`;
  else if (computed.length)
    summary = `Not picked: Run computes ${computed.join(', ')}, and follows the code as you change it.`;
  else
    summary = `Not picked: Run computes every final node${finals.length ? ` (${finals.join(', ')})` : ''}.`;
  return (
    <fieldset className="outputs-picker">
      <legend>Outputs to compute</legend>
      <p className="muted small" role="status">
        {summary}
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
                  checked={checked.includes(name)}
                  onChange={(e) => pick(name, e.target.checked)}
                />{' '}
                <span className="mono">{name}</span>
                {unknown.includes(name) && <span className="field-error"> no longer in the code</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {outputs.length > 0 && (
        <button type="button" className="button small" onClick={() => workspace.update(setOutputs([]))}>
          Compute every final node instead
        </button>
      )}
    </fieldset>
  );
}
