import type { ValidationResult } from '../../worker/protocol';

/** pass / warn / fail, as Hamilton's data-quality results read. */
export function ValidationBadge({ result }: { readonly result: ValidationResult }) {
  const kind = result.passes ? 'pass' : result.importance;
  return <span className={`badge ${kind}`}>{kind}</span>;
}
