/** Data-quality results of `checkOutput` validator nodes, as the UI lists them. */
import { dataQualityResultOf } from 'hamilton';
import type { CheckResult } from './protocol';

/** The check result a finished node reports, when it is a validator node. */
export function validationOf(
  nodeName: string,
  tags: Readonly<Record<string, unknown>>,
  value: unknown,
): CheckResult | null {
  const result = dataQualityResultOf(tags, value);
  return (
    result && {
      node: result.node,
      validator: nodeName,
      passes: result.passes,
      importance: result.importance,
      message: result.message,
    }
  );
}
