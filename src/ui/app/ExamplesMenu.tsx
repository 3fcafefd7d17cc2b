import { Popover } from '../layout/Popover';
import { usePlayground } from '../state/hooks';
import { updateView } from '../state/view';
import type { Example } from '../../examples';

/** The Examples menu: loading one replaces the workspace. */
export function ExamplesMenu({ examples }: { readonly examples: readonly Example[] }) {
  const { workspace } = usePlayground();
  const open = (example: Example, close: () => void) => {
    workspace.load(example.workspace);
    updateView({ selected: null });
    close();
  };
  return (
    <Popover label="Examples ▾">
      {(close) => (
        <>
          {examples.length === 0 ? (
            <p className="muted">No examples in this build.</p>
          ) : (
            <ul className="menu" aria-label="Examples">
              {examples.map((example) => (
                <li key={example.id}>
                  <button type="button" onClick={() => open(example, close)}>
                    {example.title}
                    <span className="hint">{example.summary}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Popover>
  );
}
