import { useMemo, useState, useSyncExternalStore } from 'react';
import type { TagValue, Variable } from 'hamilton';
import { useMediaQuery } from '../layout/useMediaQuery';
import { useSessionPart, useView } from '../state/hooks';
import { lineageOf, type Lineage } from '../state/lineage';
import { resolvedTypeOf, resolvedTypesStore } from '../state/resolvedTypes';
import { revealInEditor, updateView } from '../state/view';
import { NodeList } from '../shared/NodeList';
import { TagList } from '../shared/TagList';
import { matchesTags, parseTagFilter, tagFilterText } from './tagFilter';
import './catalog.css';

type Kind = 'all' | 'function' | 'source';

const text = (v: Variable) => `${v.name} ${v.type} ${v.documentation} ${v.tags.module ?? ''}`.toLowerCase();

/** The feature catalog: every variable, searchable and filterable by tag, with its lineage one click away. */
export function CatalogPanel() {
  const compiled = useSessionPart((s) => s.compiled);
  const { selected } = useView();
  const [query, setQuery] = useState('');
  const [tagFilter, setTagFilter] = useState('');
  const [kind, setKind] = useState<Kind>('all');
  const [open, setOpen] = useState<string | null>(null);
  const graph = compiled?.graph;
  const lineage = useMemo(() => (graph ? lineageOf(graph) : null), [graph]);
  const variables = compiled?.variables ?? [];
  const clauses = parseTagFilter(tagFilter);
  const q = query.trim().toLowerCase();
  const shown = variables.filter(
    (v) =>
      (!q || text(v).includes(q)) &&
      matchesTags(v.tags, clauses) &&
      (kind === 'all' ||
        (kind === 'function' ? !v.isExternalInput && v.kind === 'function' : v.kind !== 'function')),
  );
  const expanded = open ?? selected;
  const phone = useMediaQuery('(max-width: 719px)');
  const vocabulary = useMemo(() => tagVocabulary(variables), [variables]);
  // The example in the tag field is this graph's own tags (`module` ones when it has no others).
  const own = vocabulary.filter((t) => !t.startsWith('module='));
  const example = (own.length ? own : vocabulary).slice(0, 2);
  const rowProps = (v: Variable) => ({
    variable: v,
    lineage,
    open: expanded === v.name,
    onToggle: () => setOpen(expanded === v.name ? '' : v.name),
    onTag: setTagFilter,
  });

  return (
    <div className="catalog panel-pad">
      <div className="toolbar catalog-filters">
        <input
          type="search"
          aria-label="Search variables"
          placeholder="Search name, type, doc…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <input
          type="text"
          aria-label="Filter by tags"
          placeholder={`Tags: ${example.length ? example.join(' ') : 'pii=true owner=data-engineering'}`}
          value={tagFilter}
          onChange={(e) => setTagFilter(e.target.value)}
          className="mono"
        />
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="all">All variables</option>
          <option value="function">Computed</option>
          <option value="source">Inputs and config</option>
        </select>
        <span className="muted small" role="status">
          {shown.length} of {variables.length}
        </span>
      </div>
      {!compiled ? (
        <p className="empty">The catalog fills in once the code has compiled.</p>
      ) : shown.length === 0 ? (
        <div className="empty" role="status">
          <p>
            {variables.length
              ? 'No variable matches these filters.'
              : 'No variables yet: export a function and it is listed here.'}
          </p>
          {variables.length > 0 && vocabulary.length > 0 && (
            <p>
              Tags in this graph:{' '}
              {vocabulary.map((t) => (
                <button key={t} type="button" className="chip" onClick={() => setTagFilter(t)}>
                  {t}
                </button>
              ))}
            </p>
          )}
        </div>
      ) : phone ? (
        <ul className="catalog-cards" aria-label="Variables">
          {shown.map((v) => (
            <CatalogCard key={v.name} {...rowProps(v)} />
          ))}
        </ul>
      ) : (
        <table className="catalog-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Tags</th>
              <th scope="col">Documentation</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((v) => (
              <CatalogRow key={v.name} {...rowProps(v)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

interface RowProps {
  readonly variable: Variable;
  readonly lineage: Lineage | null;
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly onTag: (filter: string) => void;
}

/** Every `key=value` of the graph's tags (a list-valued tag gives one per value), sorted. */
function tagVocabulary(variables: readonly Variable[]): string[] {
  const all = new Set<string>();
  for (const v of variables)
    for (const [key, value] of Object.entries(v.tags) as [string, TagValue][])
      for (const one of typeof value === 'string' ? [value] : value) all.add(tagFilterText(key, one));
  return [...all].sort();
}

function NameButton({ variable: v, open, onToggle }: RowProps) {
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>
        {v.name}
      </button>
      {v.isExternalInput && (
        <span className="chip tag-kind" title="An external input: given at run time in Inputs & config">
          external
        </span>
      )}
      {v.kind === 'config' && <span className="chip tag-kind">config</span>}
    </>
  );
}

/** The type as written, and as TypeScript resolves it when that reads differently. */
function TypeText({ variable: v }: { readonly variable: Variable }) {
  const types = useSyncExternalStore(resolvedTypesStore.subscribe, resolvedTypesStore.get);
  const resolved = resolvedTypeOf(types, v.name, v.type);
  return (
    <>
      {v.type}
      {resolved && (
        <span className="resolved-type" title="The type as TypeScript resolves it">
          {' '}
          = {resolved}
        </span>
      )}
    </>
  );
}

function CatalogRow(props: RowProps) {
  const { variable: v, lineage, open, onTag } = props;
  return (
    <>
      <tr data-variable={v.name} className={open ? 'open' : undefined}>
        <th scope="row">
          <NameButton {...props} />
        </th>
        <td className="mono">
          <TypeText variable={v} />
        </td>
        <td>
          <TagList tags={v.tags} onPick={onTag} />
        </td>
        <td className="doc-cell">{v.documentation}</td>
      </tr>
      {open && lineage && (
        <tr className="lineage-row">
          <td colSpan={4}>
            <LineageAnswers variable={v} lineage={lineage} />
          </td>
        </tr>
      )}
    </>
  );
}

/** On a phone, a variable is a card: name and type, documentation, tags, then its lineage when open. */
function CatalogCard(props: RowProps) {
  const { variable: v, lineage, open, onTag } = props;
  return (
    <li className={`catalog-card${open ? ' open' : ''}`} data-variable={v.name}>
      <div className="catalog-card-head">
        <NameButton {...props} />
        <span className="mono small muted">
          <TypeText variable={v} />
        </span>
      </div>
      {v.documentation && <p className="small">{v.documentation}</p>}
      <div>
        <TagList tags={v.tags} onPick={onTag} />
      </div>
      {open && lineage && <LineageAnswers variable={v} lineage={lineage} />}
    </li>
  );
}

/** The talk's catalog questions about one variable: owner, how computed, where used, which sources. */
function LineageAnswers({
  variable: v,
  lineage,
}: {
  readonly variable: Variable;
  readonly lineage: Lineage;
}) {
  const owner = v.tags.owner;
  return (
    <>
      <dl className="details-list" aria-label={`Lineage of ${v.name}`}>
        <dt>Who owns it</dt>
        <dd>
          {owner ? (
            Array.isArray(owner) ? (
              owner.join(', ')
            ) : (
              owner
            )
          ) : (
            <span className="muted">no owner tag</span>
          )}
        </dd>
        <dt>How it is computed</dt>
        <dd>
          <NodeList names={lineage.upstream(v.name)} empty="it is a source" />
        </dd>
        <dt>Where it is used</dt>
        <dd>
          <NodeList names={lineage.downstream(v.name)} empty="nowhere (a final output)" />
        </dd>
        <dt>Sources that feed it</dt>
        <dd>
          <NodeList names={lineage.sources(v.name)} empty="none" />
        </dd>
      </dl>
      <p>
        <button
          type="button"
          className="button small"
          onClick={() => updateView({ selected: v.name, region: 'graph' })}
        >
          Show in graph
        </button>{' '}
        {v.location && (
          <button type="button" className="button small" onClick={() => revealInEditor(v.location!)}>
            Go to code ({v.location.file}:{v.location.line})
          </button>
        )}
      </p>
    </>
  );
}
