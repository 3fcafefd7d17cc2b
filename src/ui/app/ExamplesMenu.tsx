import { Popover } from '../layout/Popover';
import { usePlayground } from '../state/hooks';
import { updateView } from '../state/view';
import type { Example } from '../../examples';

/** The Examples menu: picking one opens it (with the user's edits of it, when the page keeps them). */
export function ExamplesMenu({
  examples,
  openExample,
  edited,
}: {
  readonly examples: readonly Example[];
  readonly openExample?: (example: Example) => void;
  readonly edited?: (example: Example) => boolean;
}) {
  const { workspace } = usePlayground();
  const open = (example: Example, close: () => void) => {
    if (openExample) openExample(example);
    else workspace.load(example.workspace);
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
                    {edited?.(example) && <span className="edited-mark"> · your edits</span>}
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
