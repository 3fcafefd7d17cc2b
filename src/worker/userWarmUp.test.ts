import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import { bundle } from './build';
import type { EvaluatingNotice, WorkerEvent } from './protocol';
import { installRuntime } from './runtime';
import { Session } from './session';
import { WARM_UP_COMPILE, warmUpSession } from './userWarmUp';

beforeAll(() => installRuntime(hamilton, frame));

describe('the user-code worker warm-up', () => {
  it('compiles and runs its project, cold then from the cache, without an error', async () => {
    const events: (WorkerEvent | EvaluatingNotice)[] = [];
    const session = new Session({ post: (e) => events.push(e), now: () => performance.now() });
    const bundled = await bundle(esbuild, WARM_UP_COMPILE.files);
    await warmUpSession(
      session,
      bundled,
      () => Promise.resolve(),
      () => false,
    );
    const compiled = events.filter((e) => e.type === 'compiled');
    expect(compiled).toHaveLength(3);
    for (const c of compiled) expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const finished = events.filter((e) => e.type === 'run-finished');
    expect(finished.map((e) => e.ok)).toEqual([true, true, true, true, true, true]);
    expect(Object.keys(finished[0].results)).toEqual([
      'features',
      'low_band',
      'high_band',
      'checked',
      'left',
      'right',
      'ratio',
      'shifted',
    ]);
    // The second run reuses every function's value.
    const second = finished[1].runId;
    const nodes = events.filter((e) => e.type === 'node-finished' && e.runId === second);
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.every((e) => e.type === 'node-finished' && e.cached)).toBe(true);
    expect(events.some((e) => e.type === 'console')).toBe(false);
  });

  it('stops between steps once a request came', async () => {
    const events: (WorkerEvent | EvaluatingNotice)[] = [];
    const session = new Session({ post: (e) => events.push(e), now: () => performance.now() });
    const bundled = await bundle(esbuild, WARM_UP_COMPILE.files);
    let steps = 0;
    await warmUpSession(
      session,
      bundled,
      () => Promise.resolve(void steps++),
      () => steps > 2,
    );
    expect(events.filter((e) => e.type === 'compiled')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'run-finished')).toHaveLength(1);
  });
});
