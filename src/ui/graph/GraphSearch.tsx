import { useId, useState } from 'react';
import type { DescribedNode } from 'hamilton';
import { findNodes } from './search';

interface GraphSearchProps {
  readonly nodes: readonly DescribedNode[];
  /** Selects the node (the graph then brings it and its lineage into view). */
  readonly onFound: (name: string) => void;
}

/** The graph's search box: Enter goes to the next node matching a name, a tag or a type. */
export function GraphSearch({ nodes, onFound }: GraphSearchProps) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; index: number; count: number } | null>(null);
  const listId = useId();
  // The suggestions are made only while the box has the focus: a big graph's hundreds of them would
  // otherwise be built with every new graph, for nobody.
  const [suggesting, setSuggesting] = useState(false);
  const go = () => {
    const matches = findNodes(nodes, query);
    const index = found?.query === query && matches.length ? (found.index + 1) % matches.length : 0;
    setFound({ query, index, count: matches.length });
    if (matches.length) onFound(matches[index].name);
  };
  const status =
    found && found.query === query && query.trim()
      ? found.count
        ? `${found.index + 1} of ${found.count}`
        : 'No node matches'
      : '';
  return (
    <form
      className="graph-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        go();
      }}
    >
      <input
        type="search"
        aria-label="Find a node by name, tag or type"
        placeholder="Find a node"
        list={listId}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onFocus={() => setSuggesting(true)}
        onBlur={() => setSuggesting(false)}
      />
      <datalist id={listId}>
        {suggesting && nodes.slice(0, 500).map((n) => <option key={n.name} value={n.name} />)}
      </datalist>
      <span className="graph-search-status" role="status">
        {status}
      </span>
    </form>
  );
}
