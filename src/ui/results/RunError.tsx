import type { Session } from '../state/session';
import { revealInEditor, updateView } from '../state/view';
import { CutText } from './CutText';

type RunErrorInfo = NonNullable<NonNullable<Session['run']>['error']>;

/** The run's error: which node, the error's name and message, its place in the code, and what to do for a missing input. */
export function RunError({ error }: { readonly error: RunErrorInfo }) {
  const { file, line } = error;
  return (
    <div className="run-error" role="alert">
      {error.node && <>Node {error.node} failed: </>}
      <strong>{error.name}</strong>:{' '}
      <span className="error-text">
        <CutText text={error.message} cut={error.messageCut} />
      </span>
      {file && line && (
        <>
          {' '}
          <button
            type="button"
            className="link-button"
            onClick={() => revealInEditor({ file, line, column: error.column ?? 1 })}
          >
            {file}:{line}
          </button>
        </>
      )}
      {error.name === 'MissingInputError' && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => updateView({ tab: 'inputs' })}>
            Give it in Inputs &amp; config
          </button>
        </>
      )}
    </div>
  );
}
