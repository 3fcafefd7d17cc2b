/** Data-quality results of `checkOutput` validator nodes, as the UI lists them. */
import { IS_DATA_VALIDATOR_TAG, type DataQualityResult } from '../hamilton/function_modifiers/check_output';
import type { CheckResult } from './protocol';

/** The validation a finished node reports, when it is a validator node. */
export function validationOf(
  nodeName: string,
  tags: Readonly<Record<string, unknown>>,
  result: unknown,
): CheckResult | null {
  if (tags[IS_DATA_VALIDATOR_TAG] !== 'true' || typeof result !== 'object' || result === null) return null;
  const r = result as Partial<DataQualityResult>;
  if (typeof r.passes !== 'boolean' || typeof r.node !== 'string') return null;
  return {
    node: r.node,
    validator: nodeName,
    passes: r.passes,
    importance: r.importance === 'fail' ? 'fail' : 'warn',
    message: typeof r.message === 'string' ? r.message : '',
  };
}
