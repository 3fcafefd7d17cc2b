import { describe, expect, it } from 'vitest';
import {
  BLOCK_BYTES,
  javascriptMixer,
  LANES,
  ROW_BYTES,
  webAssemblyMixer,
  type LaneMixer,
} from './laneMixer';

/** Mixes `data` (whole rows) through `mixer` from lanes `start`, a block at a time. */
function mixAll(mixer: LaneMixer, start: Int32Array, data: Uint8Array): number[] {
  mixer.lanes.set(start);
  for (let at = 0; at < data.length; at += BLOCK_BYTES) {
    const count = Math.min(BLOCK_BYTES, data.length - at);
    mixer.block.set(data.subarray(at, at + count));
    mixer.mix(count);
  }
  return [...mixer.lanes];
}

describe('lane mixer', () => {
  const wasm = webAssemblyMixer();

  it('compiles to WebAssembly SIMD in Node', () => {
    expect(wasm).toBeDefined();
  });

  it('gives the same lanes in WebAssembly as in JavaScript, row by row and across blocks', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) | 0);
    const js = javascriptMixer();
    for (const rows of [0, 1, 2, 511, 512, 513, 1_500]) {
      const data = new Uint8Array(rows * ROW_BYTES);
      const words = new Int32Array(data.buffer);
      for (let i = 0; i < words.length; i++) words[i] = next();
      const start = Int32Array.from({ length: LANES }, next);
      const expected = mixAll(js, start, data);
      expect(mixAll(wasm!, start, data)).toEqual(expected);
      if (rows > 0) expect(expected).not.toEqual([...start]);
    }
  });

  it('lets a change in any word of a row reach its lane', () => {
    const js = javascriptMixer();
    const start = new Int32Array(LANES);
    const data = new Uint8Array(4 * ROW_BYTES);
    const base = mixAll(js, start, data);
    for (const word of [0, 1, 31, 32, 127]) {
      const changed = data.slice();
      new Int32Array(changed.buffer)[word] = 1;
      const lanes = mixAll(js, start, changed);
      expect(lanes[word % LANES]).not.toBe(base[word % LANES]);
      expect(lanes.filter((lane, j) => lane !== base[j])).toHaveLength(1);
    }
  });
});
