/**
 * Data-quality results as a run produces them, for tools that list them: which node values are the
 * results of `checkOutput` validators, told by the validator tag the library puts on those nodes.
 */
import { IS_DATA_VALIDATOR_TAG, type DataQualityResult } from './function_modifiers/check_output';

/**
 * The data-quality result a node computed, when the node is a `checkOutput` validator (its tags carry
 * {@link IS_DATA_VALIDATOR_TAG}) and its value is one (an override may replace it); otherwise null.
 */
export function dataQualityResultOf(
  nodeTags: Readonly<Record<string, unknown>>,
  value: unknown,
): DataQualityResult | null {
  if (nodeTags[IS_DATA_VALIDATOR_TAG] !== 'true' || typeof value !== 'object' || value === null) return null;
  const result = value as Partial<DataQualityResult>;
  const wellFormed =
    typeof result.passes === 'boolean' &&
    typeof result.node === 'string' &&
    typeof result.message === 'string' &&
    (result.importance === 'warn' || result.importance === 'fail');
  return wellFormed ? (value as DataQualityResult) : null;
}
