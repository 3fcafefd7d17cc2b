import { describe, expect, it } from 'vitest';
import { configKeysOf } from './configKeys';
import { config } from './function_modifiers';

describe('configKeysOf', () => {
  it('lists the keys decorators read with their values, in first-seen order, across modules', () => {
    const batch = {
      mean__batch: config.when({ mode: 'batch' })((x: number[]) => x[0]),
      mean__streaming: config.when({ mode: 'streaming' })((x: number[]) => x[1]),
    };
    const regions = {
      tax: config.whenIn({ region: ['uk', 'us'] })((price: number) => price * 0.2),
      plain: (price: number) => price,
    };
    expect(configKeysOf(batch, regions)).toEqual([
      { key: 'mode', values: ['batch', 'streaming'] },
      { key: 'region', values: ['uk', 'us'] },
    ]);
  });

  it('skips what the driver skips: `_`-prefixed exports add no key', () => {
    const mod = { _hidden: config.when({ secret: 'on' })((x: number) => x), shown: (x: number) => x };
    expect(configKeysOf(mod)).toEqual([]);
  });
});
