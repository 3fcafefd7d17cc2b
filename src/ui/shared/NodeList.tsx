import { updateView } from '../state/view';

/** Node names as buttons that select the node (a lineage answer you can follow). */
export function NodeList({
  names,
  onSelect,
  empty,
}: {
  readonly names: Iterable<string>;
  readonly onSelect?: (name: string) => void;
  readonly empty: string;
}) {
  const list = [...names];
  if (!list.length) return <span className="muted">{empty}</span>;
  const select = onSelect ?? ((name: string) => updateView({ selected: name }));
  return (
    <>
      {list.map((name) => (
        <button key={name} type="button" className="chip" onClick={() => select(name)}>
          {name}
        </button>
      ))}
    </>
  );
}
