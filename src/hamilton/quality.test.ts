import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import { checkOutput, IS_DATA_VALIDATOR_TAG } from './function_modifiers';
import { dataQualityResultOf } from './quality';

describe('dataQualityResultOf', () => {
  it("reads a checkOutput validator node's value, and nothing else", async () => {
    const mod = { score: checkOutput({ range: [0, 1] })((x: number) => x) };
    const dr = new Driver({}, mod);
    const validator = dr.listAvailableVariables().find((v) => v.tags[IS_DATA_VALIDATOR_TAG] === 'true');
    expect(validator).toBeDefined();
    const name = validator!.name;
    const { [name]: value } = await dr.execute([name], { inputs: { x: 2 } });
    expect(dataQualityResultOf(validator!.tags, value)).toMatchObject({
      node: 'score',
      passes: false,
      importance: 'warn',
    });
    expect(dataQualityResultOf({}, value)).toBeNull();
    expect(dataQualityResultOf(validator!.tags, { passes: 'yes' })).toBeNull();
  });
});
