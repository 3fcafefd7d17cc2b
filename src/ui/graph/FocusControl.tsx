/** The toolbar's focus mode: on, the graph shows only the nodes within N hops of the selected one. */
interface FocusControlProps {
  /** The hops shown, or null when focus mode is off. */
  readonly hops: number | null;
  readonly onChange: (hops: number | null) => void;
}

const DEFAULT_HOPS = 2;
const MAX_HOPS = 9;

export function FocusControl({ hops, onChange }: FocusControlProps) {
  return (
    <span className="focus-control">
      <label title="Show only the nodes within N hops of the selected node">
        <input
          type="checkbox"
          checked={hops !== null}
          onChange={(event) => onChange(event.target.checked ? DEFAULT_HOPS : null)}
        />{' '}
        Focus
      </label>
      {hops !== null && (
        <input
          type="number"
          min={1}
          max={MAX_HOPS}
          value={hops}
          aria-label="Hops shown around the selected node"
          onChange={(event) => {
            const value = Math.round(Number(event.target.value));
            if (value >= 1 && value <= MAX_HOPS) onChange(value);
          }}
        />
      )}
    </span>
  );
}
