import type { Session } from '../state/session';
import { updateView } from '../state/view';
import { ValidationBadge } from './ValidationBadge';

type Validations = NonNullable<Session['run']>['validations'];

/** Every data-quality check of the run: its badge, the checked node (selects it), the validator and its message. */
export function DataQuality({ validations }: { readonly validations: Validations }) {
  if (validations.length === 0) return null;
  return (
    <section aria-label="Data quality" className="validations">
      <h3>Data quality</h3>
      <ul className="plain-list">
        {validations.map((v) => (
          <li key={v.validator}>
            <ValidationBadge result={v} />{' '}
            <button type="button" className="link-button" onClick={() => updateView({ selected: v.node })}>
              {v.node}
            </button>{' '}
            <span className="muted">{v.validator}</span>: {v.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
