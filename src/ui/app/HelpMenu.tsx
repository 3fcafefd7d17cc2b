import { Popover } from '../layout/Popover';
import { MOD_KEY } from './platform';

const SHORTCUTS: readonly (readonly [string, string])[] = [
  [`${MOD_KEY}+Enter`, 'Run'],
  [`${MOD_KEY}+S`, 'Nothing to do: your work is saved as you type'],
  [`${MOD_KEY}+Space`, 'Completion (editor)'],
  ['F1', 'Command palette (editor)'],
  ['Tab / Shift+Tab', 'Move between controls (Ctrl+M lets Tab leave the editor)'],
  ['Arrow keys', 'Graph: move between nodes (← upstream, → downstream)'],
  ['Enter', 'Graph: select the focused node'],
  ['Escape', 'Graph: clear the selection'],
  ['F / + / −', 'Graph: fit, zoom in, zoom out'],
];

/** A small help: the keyboard shortcuts. `labelled` spells it out (in a menu, "?" alone says little). */
export function HelpMenu({ labelled = false }: { readonly labelled?: boolean }) {
  return (
    <Popover
      label={labelled ? '? Keyboard shortcuts' : '?'}
      buttonLabel="Help: keyboard shortcuts"
      className={labelled ? 'button' : 'icon-button'}
      align="right"
    >
      {() => (
        <table className="shortcuts">
          <caption className="visually-hidden">Keyboard shortcuts</caption>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Popover>
  );
}
