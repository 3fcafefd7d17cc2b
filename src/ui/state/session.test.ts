import { describe, expect, it } from 'vitest';
import { failedRun } from '../../worker/answers';
import type { CompiledEvent } from '../../worker/protocol';
import { compiledEvent as compiled, finishedRun } from '../../worker/fixtures/events';
import { allDiagnostics, initialSession, reduceSession, runIsOutdated, type Session } from './session';

const run = (actions: Parameters<typeof reduceSession>[1][], from: Session = initialSession) =>
  actions.reduce(reduceSession, from);

describe('reduceSession', () => {
  it('keeps the last graph that built, marked stale, while the code does not compile', () => {
    const good: CompiledEvent = {
      ...compiled(1),
      graph: { nodes: [{ name: 'a' } as never], edges: [], cycles: [] },
      variables: [{ name: 'x' } as never],
    };
    const error = {
      severity: 'error',
      source: 'syntax',
      message: 'Expected ";"',
      file: 'a.ts',
      line: 2,
    } as const;
    const broken: CompiledEvent = { ...compiled(2), graph: null, diagnostics: [error] };
    const s = run([good, broken]);
    expect(s.compiled).toMatchObject({ id: 2, stale: true, graph: good.graph, variables: good.variables });
    expect(s.compiled?.diagnostics).toEqual([error]);
    // Still broken: still the last graph that built; fixed: the new graph, not stale.
    expect(run([{ ...broken, id: 3 }], s).compiled).toMatchObject({ id: 3, stale: true, graph: good.graph });
    expect(run([compiled(4)], s).compiled).toMatchObject({ id: 4, stale: false, graph: { nodes: [] } });
    // Nothing built yet: nothing to show.
    expect(run([broken]).compiled).toMatchObject({ graph: null, stale: false });
  });
  it('withholds module output until Run while asked to (code from a link), then shows it in order', () => {
    const log = (text: string, runId: number | null = null) =>
      ({ type: 'console', runId, level: 'log', node: null, text }) as const;
    const held = run([{ type: 'console-held' }, log('printed at open'), compiled(1)]);
    expect(held.console).toEqual([]);
    expect(held.heldConsole?.map((e) => e.text)).toEqual(['printed at open']);
    const ran = run([{ type: 'run-requested', id: 2, nodes: [] }, log('from the run', 2)], held);
    expect(ran.console.map((e) => e.text)).toEqual(['printed at open', 'from the run']);
    expect(ran.heldConsole).toBeNull();
    // Released without a run (another workspace opened): shown at once, and no longer withheld.
    const released = run([{ type: 'console-released' }, log('later')], held);
    expect(released.console.map((e) => e.text)).toEqual(['printed at open', 'later']);
    // Output of an older evaluation of the modules is dropped, withheld or not.
    expect(run([compiled(3)], held).heldConsole).toEqual([]);
  });
  it('keeps a finished run on a graph that is only stale (its nodes are the same)', () => {
    const good: CompiledEvent = {
      ...compiled(1),
      graph: { nodes: [{ name: 'a' } as never], edges: [], cycles: [] },
    };
    const s = run([
      good,
      { type: 'run-requested', id: 2, nodes: ['a'] },
      finishedRun(2),
      { ...compiled(3), graph: null },
    ]);
    expect(s.run?.status).toBe('done');
  });
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
  it('leaves the graph idle when a run is refused before any node starts', () => {
    const s = run([
      { type: 'run-requested', id: 3, nodes: ['a', 'b'] },
      {
        type: 'run-finished',
        runId: 3,
        ok: false,
        durationMs: 1,
        results: {},
        skipped: ['a', 'b'],
        validations: [],
        error: { name: 'MissingInputError', message: 'Required input x not provided' },
        diagnostics: [],
      },
    ]);
    expect(s.run?.status).toBe('failed');
    expect(s.run?.nodes).toEqual({});
    expect(s.run?.error?.name).toBe('MissingInputError');
  });
  it("shows the latest run's output and the latest evaluation's module output", () => {
    const log = (runId: number | null, text: string) =>
      ({ type: 'console', runId, level: 'log', node: null, text }) as const;
    let s = run([
      { type: 'compile-requested', id: 1 },
      log(null, 'loaded v1'),
      compiled(1),
      { type: 'run-requested', id: 1, nodes: [] },
      log(1, 'run 1'),
    ]);
    expect(s.console.map((e) => e.text)).toEqual(['loaded v1', 'run 1']);
    // The user edits: the modules print again; the first evaluation's line goes, the run's stays.
    s = run([{ type: 'compile-requested', id: 2 }, log(null, 'loaded v2'), compiled(2)], s);
    expect(s.console.map((e) => e.text)).toEqual(['run 1', 'loaded v2']);
    // A new run replaces the previous run's output.
    s = run([{ type: 'run-requested', id: 2, nodes: [] }, log(2, 'run 2')], s);
    expect(s.console.map((e) => e.text)).toEqual(['loaded v2', 'run 2']);
  });
  it('knows when the workspace moved on from what a run computed', () => {
    const source = { files: [], inputs: {}, config: {}, tables: {}, outputs: [] };
    const s = run([{ type: 'run-requested', id: 1, nodes: [], source }]);
    expect(runIsOutdated(s.run!, source)).toBe(false);
    expect(runIsOutdated(s.run!, { ...source, files: [{ name: 'f.ts', code: '' }] })).toBe(true);
    expect(runIsOutdated(s.run!, { ...source, config: { mode: 'batch' } })).toBe(true);
  });
  it('lists a node’s error once when the run reports it too', () => {
    const error = { name: 'Error', message: 'c broke', file: 'f.ts', line: 5, column: 3 };
    const s = run([
      { type: 'run-requested', id: 1, nodes: ['c'] },
      { type: 'node-failed', runId: 1, node: 'c', durationMs: 1, error },
      {
        type: 'run-finished',
        runId: 1,
        ok: false,
        durationMs: 2,
        results: {},
        skipped: [],
        validations: [],
        error: { ...error, node: 'c' },
        diagnostics: [
          { severity: 'error', source: 'runtime', message: 'Error: c broke', file: 'f.ts', line: 5 },
        ],
      },
    ]);
    expect(allDiagnostics(s)).toHaveLength(1);
  });
  it('keeps the same diagnostics while a run changes nothing in them, and new ones once it does', () => {
    const error = { name: 'Error', message: 'b broke', file: 'f.ts', line: 4 };
    const running = run([
      { type: 'run-requested', id: 1, nodes: ['a', 'b', 'c'] },
      { type: 'node-started', runId: 1, node: 'a' },
    ]);
    const before = allDiagnostics(running);
    const later = run(
      [{ type: 'node-finished', runId: 1, node: 'a', durationMs: 1, preview: { kind: 'error', text: '' } }],
      running,
    );
    expect(later.run).not.toBe(running.run);
    expect(allDiagnostics(later)).toBe(before);
    const failed = run([{ type: 'node-failed', runId: 1, node: 'b', durationMs: 1, error }], later);
    const after = allDiagnostics(failed);
    expect(after).not.toBe(before);
    expect(after).toEqual([expect.objectContaining({ file: 'f.ts', line: 4, node: 'b' })]);
    // The same failure read again (another frame of the run) is the same list.
    const next = run([{ type: 'node-started', runId: 1, node: 'c' }], failed);
    expect(allDiagnostics(next)).toBe(after);
  });
  it('a stop the user asked for is "stopped", with no error and no notice', () => {
    const abort = { name: 'AbortError', message: 'Stopped node a.' };
    const s = run([
      { type: 'run-requested', id: 1, nodes: ['a', 'b'] },
      { type: 'node-started', runId: 1, node: 'a' },
      { type: 'stop-requested' },
      { type: 'node-failed', runId: 1, node: 'a', durationMs: 5, error: abort },
      {
        type: 'run-finished',
        runId: 1,
        ok: false,
        durationMs: 5,
        results: {},
        skipped: [],
        validations: [],
        error: abort,
        diagnostics: [],
      },
      { type: 'worker-restarted', reason: 'stopped', node: 'a', message: 'Stopped node a.' },
    ]);
    expect(s.run?.status).toBe('stopped');
    expect(s.run?.error).toBeUndefined();
    expect(s.notice).toBeNull();
    expect(Object.values(s.run?.nodes ?? {}).map((n) => n.state)).toEqual(['skipped', 'skipped']);
  });
  it('the console drops the output of a run whose graph is gone (another example)', () => {
    const graph = (names: string[]) => ({
      ...compiled(0),
      graph: { nodes: names.map((name) => ({ name }) as never), edges: [], cycles: [] },
    });
    let s = run([
      { ...graph(['a']), id: 1 },
      { type: 'run-requested', id: 1, nodes: ['a'] },
    ]);
    s = run([{ type: 'console', runId: 1, level: 'log', node: 'a', text: 'hi' }], s);
    s = run([finishedRun(1)], s);
    expect(run([{ ...graph(['a']), id: 2 }], s).console).toHaveLength(1);
    expect(run([{ ...graph(['x', 'y']), id: 2 }], s).console).toHaveLength(0);
  });
});

describe('parallel blocks', () => {
  it('counts the items a node of a parallel block has finished', () => {
    const preview = { kind: 'scalar', type: 'number', text: '1' } as const;
    const s = run([
      { type: 'run-requested', id: 3, nodes: ['each'] },
      { type: 'node-started', runId: 3, node: 'each', item: 0 },
      { type: 'node-started', runId: 3, node: 'each', item: 1 },
      { type: 'node-finished', runId: 3, node: 'each', item: 1, durationMs: 2, preview },
      { type: 'node-finished', runId: 3, node: 'each', item: 0, durationMs: 1, preview },
    ]);
    expect(s.run?.nodes.each).toMatchObject({ state: 'done', items: 2 });
  });

  it('draws a node of a parallel block from the cache only when every item came from it', () => {
    const preview = { kind: 'scalar', type: 'number', text: '1' } as const;
    const item = (i: number, cached: boolean) =>
      ({ type: 'node-finished', runId: 3, node: 'each', item: i, durationMs: 0, preview, cached }) as const;
    const start = { type: 'run-requested', id: 3, nodes: ['each'] } as const;
    expect(run([start, item(0, true), item(1, true)]).run?.nodes.each.cached).toBe(true);
    expect(run([start, item(0, true), item(1, false)]).run?.nodes.each.cached).toBeUndefined();
    expect(run([start, item(0, false), item(1, true)]).run?.nodes.each.cached).toBeUndefined();
    // Items one after another: each starts after the one before it finished.
    const started = (i: number) => ({ type: 'node-started', runId: 3, node: 'each', item: i }) as const;
    const oneByOne = [start, started(0), item(0, true), started(1), item(1, true)];
    expect(run(oneByOne).run?.nodes.each.cached).toBe(true);
  });

  it('spans a node of a parallel block from the first item start to the last item end', () => {
    const preview = { kind: 'scalar', type: 'number', text: '1' } as const;
    const s = run([
      { type: 'run-requested', id: 3, nodes: ['each'] },
      { type: 'node-finished', runId: 3, node: 'each', item: 1, startMs: 4, durationMs: 2, preview },
      { type: 'node-finished', runId: 3, node: 'each', item: 0, startMs: 3, durationMs: 1, preview },
    ]);
    expect(s.run?.nodes.each).toMatchObject({ startMs: 3, endMs: 6 });
  });
});

describe('live mode in reduceSession', () => {
  const scalar = { kind: 'scalar', type: 'number', text: '1' } as const;
  const finished = (runId: number, node: string, cached?: boolean) =>
    ({
      type: 'node-finished',
      runId,
      node,
      durationMs: 1,
      preview: scalar,
      ...(cached && { cached }),
    }) as const;
  const superseded = { name: 'AbortError', message: 'A newer edit superseded this live run.' };
  const done = (runId: number) => ({ ...failedRun(runId, 2, superseded), ok: true, error: undefined });
  const first = run([
    compiled(1),
    { type: 'run-requested', id: 2, nodes: ['a', 'b'] },
    finished(2, 'a'),
    finished(2, 'b'),
    done(2),
  ]);

  it('marks the nodes an edit made stale, and done again when the edit is undone', () => {
    const edited = run([{ ...compiled(3), staleNodes: [{ node: 'b', reasons: [{ kind: 'code' }] }] }], first);
    expect(edited.run?.nodes.a).toMatchObject({ state: 'done' });
    expect(edited.run?.nodes.b).toMatchObject({
      state: 'stale',
      reasons: [{ kind: 'code' }],
      preview: scalar,
    });
    const undone = run([{ ...compiled(4), staleNodes: [] }], edited);
    expect(undone.run?.nodes.b).toMatchObject({ state: 'done' });
    expect(undone.run?.nodes.b.reasons).toBeUndefined();
  });

  it('marks what a changed input makes stale, with what the code edit since the run made stale', () => {
    const graph = {
      nodes: [
        { name: 'x', kind: 'input' },
        { name: 'a', kind: 'function' },
        { name: 'b', kind: 'function' },
      ],
      edges: [{ from: 'x', to: 'a' }],
      cycles: [],
    } as never;
    const request = { inputs: { x: 1 }, tables: {}, config: {} };
    const source = { ...request, files: [], outputs: [] };
    const ran = run([
      { ...compiled(1), graph },
      { type: 'run-requested', id: 2, nodes: ['a', 'b'], source },
      finished(2, 'a'),
      finished(2, 'b'),
      done(2),
    ]);
    const changed = run([{ type: 'request-edited', request: { ...request, inputs: { x: 2 } } }], ran);
    expect(changed.run?.nodes.a).toMatchObject({ state: 'stale', reasons: [{ kind: 'input', node: 'x' }] });
    expect(changed.run?.nodes.b).toMatchObject({ state: 'done' });
    // An edit of b's code then: both stale; the input set back: only b.
    const edited = run(
      [
        { ...compiled(3), graph, staleNodes: [{ node: 'b', reasons: [{ kind: 'code' }] }] },
        { type: 'request-edited', request: { ...request, inputs: { x: 2 } } },
      ],
      changed,
    );
    expect(edited.run?.nodes.a.state).toBe('stale');
    expect(edited.run?.nodes.b).toMatchObject({ state: 'stale', reasons: [{ kind: 'code' }] });
    const back = run([{ type: 'request-edited', request }], edited);
    expect(back.run?.nodes.a).toMatchObject({ state: 'done' });
    expect(back.run?.nodes.b.state).toBe('stale');
    // Code that does not compile says nothing of staleness: b stays stale.
    const broken = run(
      [
        { ...compiled(4), graph: null },
        { type: 'request-edited', request },
      ],
      back,
    );
    expect(broken.run?.nodes.b.state).toBe('stale');
  });

  it('keeps why a node ran, and marks a node reused from the cache', () => {
    const s = run(
      [
        { type: 'run-requested', id: 5, nodes: ['a', 'b'], live: true },
        { type: 'node-started', runId: 5, node: 'a' },
        finished(5, 'a', true),
        { type: 'node-started', runId: 5, node: 'b', reasons: [{ kind: 'upstream', node: 'a' }] },
        finished(5, 'b'),
      ],
      first,
    );
    expect(s.run?.nodes.a).toMatchObject({ state: 'done', cached: true });
    expect(s.run?.nodes.b).toMatchObject({ state: 'done', reasons: [{ kind: 'upstream', node: 'a' }] });
    expect(s.run?.nodes.b.cached).toBeUndefined();
  });

  it('ends a live run a newer edit cancelled quietly, as stopped', () => {
    const s = run(
      [
        { type: 'run-requested', id: 5, nodes: ['a'], live: true },
        {
          ...done(5),
          ok: false,
          error: { name: 'AbortError', message: 'A newer edit superseded this live run.' },
        },
      ],
      first,
    );
    expect(s.run?.status).toBe('stopped');
    expect(s.run?.error).toBeUndefined();
  });
});
