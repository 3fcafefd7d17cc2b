import type { DescribedNode } from 'hamilton';
import type { CheckResult } from '../../worker/protocol';
import type { Lineage } from '../state/lineage';
import type { NodeRun } from '../state/session';
import { revealInEditor } from '../state/view';
import { ValueView } from '../results/ValueView';
import { ValidationBadge } from '../results/ValidationBadge';
import { NodeList } from '../shared/NodeList';
import { TagList } from '../shared/TagList';
import { formatDuration } from './GraphNode';
import { staleReasonText } from './staleReason';

interface NodeDetailsProps {
  readonly node: DescribedNode;
  readonly lineage: Lineage;
  readonly run?: NodeRun;
  readonly validations: readonly CheckResult[];
  readonly onSelect: (name: string | null) => void;
}

/** Everything about the selected node: documentation, type, tags, lineage, code, value and checks. */
export function NodeDetails({ node, lineage, run, validations, onSelect }: NodeDetailsProps) {
  const mine = validations.filter((v) => v.node === node.name || v.validator === node.name);
  return (
    <aside className="node-details" aria-label={`Details of ${node.name}`}>
      <div className="details-head">
        <h2>{node.name}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close details"
          onClick={() => onSelect(null)}
        >
          ×
        </button>
      </div>
      <p>
        <span className="chip">{node.kind === 'input' ? 'external input' : node.kind}</span>
        {node.isOutput && <span className="chip">output</span>}
        {node.isOverride && <span className="chip">override</span>}{' '}
        <code>{node.kind === 'config' ? `= ${node.value ?? ''}` : node.type}</code>
      </p>
      {node.documentation && <p className="doc">{node.documentation}</p>}
      {node.location && (
        <p>
          <button type="button" className="link-button" onClick={() => revealInEditor(node.location!)}>
            Go to definition: {node.location.file}:{node.location.line}
          </button>
        </p>
      )}
      <dl className="details-list">
        <dt>Tags</dt>
        <dd>
          <TagList tags={node.tags} />
        </dd>
        <dt>Computed from</dt>
        <dd>
          <NodeList names={lineage.parents(node.name)} onSelect={onSelect} empty="nothing (a source)" />
        </dd>
        <dt>Used by</dt>
        <dd>
          <NodeList names={lineage.children(node.name)} onSelect={onSelect} empty="nothing (a sink)" />
        </dd>
        <dt>Fed by the sources</dt>
        <dd>
          <NodeList names={lineage.sources(node.name)} onSelect={onSelect} empty="none" />
        </dd>
      </dl>
      {run && run.state !== 'idle' && (
        <section aria-label="Last run">
          <h3>
            Last run: {run.state}
            {run.cached && ' (reused from the cache)'}
            {run.durationMs !== undefined && ` in ${formatDuration(run.durationMs)}`}
          </h3>
          {run.reasons && run.reasons.length > 0 && (
            <p className="stale-reasons">
              {run.state === 'stale' ? 'Would run again: ' : 'Ran because '}
              {run.reasons.map(staleReasonText).join('; ')}.
            </p>
          )}
          {run.error && <p className="error-text">{`${run.error.name}: ${run.error.message}`}</p>}
          {run.preview && <ValueView preview={run.preview} compact />}
        </section>
      )}
      {mine.length > 0 && (
        <section aria-label="Data quality">
          <h3>Data quality</h3>
          <ul className="plain-list">
            {mine.map((v) => (
              <li key={v.validator}>
                <ValidationBadge result={v} /> {v.validator}: {v.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
