import { describe, expect, it } from 'vitest';
import { initialLive, reduceLive, type LiveAction, type LiveState } from './live';

function play(actions: LiveAction['type'][], from: LiveState = initialLive) {
  let state = from;
  const runs: boolean[] = [];
  for (const type of actions) {
    const next = reduceLive(state, { type } as LiveAction);
    state = next.state;
    runs.push(next.run);
  }
  return { state, runs };
}

describe('live mode switch', () => {
  it('runs nothing by itself before the first Run', () => {
    expect(play(['changed', 'changed']).runs).toEqual([false, false]);
  });

  it('is on after the first Run, and then re-runs on each change', () => {
    const { state, runs } = play(['user-ran', 'changed', 'changed']);
    expect(state.on).toBe(true);
    expect(runs).toEqual([false, true, true]);
  });

  it('keeps the user’s choice: off stays off after Run', () => {
    const { state, runs } = play(['toggled', 'toggled', 'user-ran', 'changed']);
    expect(state).toEqual({ on: false, chosen: true });
    expect(runs).toEqual([true, false, false, false]);
  });

  it('turned off after the first Run, nothing runs until the next Run', () => {
    const { state, runs } = play(['user-ran', 'toggled', 'changed', 'user-ran', 'changed']);
    expect(state.on).toBe(false);
    expect(runs).toEqual([false, false, false, false, false]);
  });

  it('turned on, it brings the results up to date at once', () => {
    expect(play(['user-ran', 'toggled', 'toggled']).runs).toEqual([false, false, true]);
  });
});
