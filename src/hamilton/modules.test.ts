import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import * as shadowing from './fixtures/shadowing';
import { sourceOf } from './source';

describe('analysed ES modules', () => {
  it('sees the parameter as written, not the bundler rename', () => {
    // The names come from the analysis the Vite plugin attached, never from the (renamable) function text.
    expect(sourceOf(shadowing.f)?.params.map((p) => p.name)).toEqual(['client_id']);
    const dr = new Driver({}, shadowing);
    expect(dr.whatIsUpstreamOf('f').map((v) => v.name)).toEqual(['client_id', 'f']);
    expect(dr.executeSync(['f'])).toEqual({ f: 14 });
    expect(dr.warnings).toEqual([]);
    const f = dr.listAvailableVariables().find((v) => v.name === 'f');
    expect(f).toMatchObject({
      type: 'number',
      documentation: "Twice the client's id.",
      tags: { module: 'shadowing' },
      location: { file: expect.stringMatching(/shadowing\.ts$/), line: 10 },
    });
  });
});
