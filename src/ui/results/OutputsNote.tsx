import { usePlayground, useSessionPart, useWorkspace } from '../state/hooks';
import { checkOutputs } from '../state/outputs';
import { updateView } from '../state/view';
import { addOutputs, removeOutputs } from '../state/workspaceEdits';

const names = (list: readonly string[]) => list.join(', ');
/** What a button names: the nodes themselves when few, else how many. */
const these = (list: readonly string[]) => (list.length <= 3 ? names(list) : `these ${list.length}`);

/**
 * Above the results, when the user picked the outputs: a function they just wrote that no output
 * reaches is not computed by Run, and an output they renamed is left out of it. Both say so and
 * offer the one-click fix, instead of leaving the user to find the outputs field.
 */
export function OutputsNote() {
  const { workspace } = usePlayground();
  const { outputs, outputsChosen } = useWorkspace();
  const graph = useSessionPart((s) => s.compiled?.graph);
  // Outputs nobody picked follow the code: nothing to say.
  if (!graph || !outputsChosen) return null;
  const { unknown, leftOut } = checkOutputs(graph, outputs);
  if (!unknown.length && !leftOut.length) return null;
  return (
    <div className="outputs-note" aria-label="Outputs" role="group">
      {unknown.length > 0 && (
        <p>
          {unknown.length === 1 ? 'The output ' : 'The outputs '}
          <strong className="mono">{names(unknown)}</strong> {unknown.length === 1 ? 'is' : 'are'} no longer
          in the code: Run leaves {unknown.length === 1 ? 'it' : 'them'} out.{' '}
          <button
            type="button"
            className="button small"
            onClick={() => workspace.update(removeOutputs(unknown))}
          >
            Remove {these(unknown)} from the outputs
          </button>
        </p>
      )}
      {leftOut.length > 0 && (
        <p>
          Run does not compute <strong className="mono">{names(leftOut)}</strong>: no requested output needs{' '}
          {leftOut.length === 1 ? 'it' : 'them'}.{' '}
          <button
            type="button"
            className="button small"
            onClick={() => workspace.update(addOutputs(leftOut))}
          >
            Add {these(leftOut)} to the outputs
          </button>{' '}
          <button type="button" className="link-button small" onClick={() => updateView({ tab: 'inputs' })}>
            Choose outputs…
          </button>
        </p>
      )}
    </div>
  );
}
