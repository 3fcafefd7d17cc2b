import { describe, expect, it } from 'vitest';
import type { CompiledEvent } from '../../worker/protocol';
import { allDiagnostics, initialSession, reduceSession, type Session } from './session';

const compiled = (id: number): CompiledEvent => ({
  type: 'compiled',
  id,
  graph: { nodes: [], edges: [], cycles: [] },
  variables: [],
  configKeys: [],
  stale: false,
  diagnostics: [],
  timings: {},
});

const run = (actions: Parameters<typeof reduceSession>[1][], from: Session = initialSession) =>
  actions.reduce(reduceSession, from);

describe('reduceSession', () => {
  it('ignores answers to compile requests that a newer one superseded', () => {
    const s = run([{ type: 'compile-requested', id: 1 }, { type: 'compile-requested', id: 2 }, compiled(1)]);
    expect(s.compiled).toBeNull();
    expect(run([compiled(2)], s).compiled?.id).toBe(2);
  });
  it('follows a run: pending, running, done, failed, skipped, results', () => {
    const s = run([
      { type: 'run-requested', id: 7, nodes: ['a', 'b', 'c', 'd'] },
      { type: 'node-started', runId: 7, node: 'a' },
      {
        type: 'node-finished',
        runId: 7,
        node: 'a',
        durationMs: 3,
        preview: { kind: 'scalar', type: 'number', text: '1' },
      },
      { type: 'node-started', runId: 7, node: 'b' },
      {
        type: 'node-failed',
        runId: 7,
        node: 'b',
        durationMs: 1,
        error: { name: 'Error', message: 'boom', file: 'f.ts', line: 4 },
      },
      { type: 'node-started', runId: 6, node: 'c' },
    ]);
    expect(s.run?.nodes).toMatchObject({
      a: { state: 'done', durationMs: 3 },
      b: { state: 'failed' },
      c: { state: 'pending' },
    });
    const done = run(
      [
        {
          type: 'run-finished',
          runId: 7,
          ok: false,
          durationMs: 9,
          results: {},
          skipped: ['c'],
          validations: [],
          diagnostics: [],
        },
      ],
      s,
    );
    expect(done.run?.status).toBe('failed');
    expect(done.run?.nodes.c.state).toBe('skipped');
    expect(done.run?.nodes.d.state).toBe('skipped');
    expect(allDiagnostics(done)).toEqual([
      expect.objectContaining({ file: 'f.ts', line: 4, node: 'b', source: 'runtime' }),
    ]);
  });
  it('marks the running node failed when the worker is restarted mid-run', () => {
    const s = run([
      { type: 'run-requested', id: 1, nodes: ['a', 'b'] },
      { type: 'node-started', runId: 1, node: 'a' },
      { type: 'worker-restarted', reason: 'timeout', node: 'a', message: 'a ran for more than 5 s' },
    ]);
    expect(s.run?.status).toBe('stopped');
    expect(s.run?.nodes).toEqual({ a: { state: 'failed' }, b: { state: 'skipped' } });
    expect(s.notice).toMatch(/5 s/);
  });
  it('keeps the console bounded and clears it', () => {
    let s = initialSession;
    for (let i = 0; i < 5010; i++)
      s = reduceSession(s, { type: 'console', runId: null, level: 'log', node: null, text: String(i) });
    expect(s.console).toHaveLength(5000);
    expect(s.console.at(-1)?.text).toBe('5009');
    expect(reduceSession(s, { type: 'console-cleared' }).console).toEqual([]);
  });
});
