import type { CheckResult } from '../../worker/protocol';

/** pass / warn / fail, as Hamilton's data-quality results read. */
export function ValidationBadge({ result }: { readonly result: CheckResult }) {
  const kind = result.passes ? 'pass' : result.importance;
  return <span className={`badge ${kind}`}>{kind}</span>;
}
