import { describe, expect, it } from 'vitest';
import {
  allDiagnostics,
  CONSOLE_LIMIT,
  initialSession,
  reduceSession,
  type Session,
  type SessionAction,
} from './session';
import { reduceSessionBatch } from './sessionBatch';

const line = (text: string, runId: number | null = 1): SessionAction => ({
  type: 'console',
  runId,
  level: 'log',
  node: null,
  text,
});

const oneByOne = (actions: readonly SessionAction[], from: Session = initialSession) =>
  actions.reduce(reduceSession, from);

describe('reduceSessionBatch', () => {
  it('equals reducing the actions one by one: runs, parallel items, console, stop, a second run', () => {
    const actions: SessionAction[] = [
      { type: 'ready', initMs: 1 },
      { type: 'run-requested', id: 1, nodes: ['a', 'b', 'c'] },
      { type: 'node-started', runId: 1, node: 'a' },
      line('first'),
      { type: 'node-started', runId: 1, node: 'b', item: 0 },
      { type: 'node-started', runId: 1, node: 'b', item: 1 },
      {
        type: 'node-finished',
        runId: 1,
        node: 'b',
        item: 0,
        durationMs: 1,
        preview: { kind: 'error', text: 'x' },
      },
      { type: 'node-started', runId: 0, node: 'c' },
      { type: 'stop-requested' },
      line('second'),
      { type: 'node-failed', runId: 1, node: 'a', durationMs: 2, error: { name: 'AbortError', message: '' } },
      {
        type: 'run-finished',
        runId: 1,
        ok: false,
        durationMs: 3,
        results: {},
        skipped: [],
        validations: [],
        diagnostics: [],
        error: { name: 'AbortError', message: 'stopped' },
      },
      { type: 'run-requested', id: 2, nodes: ['a'] },
      line('third', 2),
      { type: 'node-finished', runId: 2, node: 'a', durationMs: 1, preview: { kind: 'error', text: 'y' } },
    ];
    const batched = reduceSessionBatch(initialSession, actions);
    expect(batched).toEqual(oneByOne(actions));
    expect(batched.run?.nodes.a.state).toBe('done');
    expect(batched.console.map((e) => e.text)).toEqual(['third']);
    // Every split of the stream into batches lands in the same state.
    for (let cut = 1; cut < actions.length; cut++) {
      const first = reduceSessionBatch(initialSession, actions.slice(0, cut));
      expect(reduceSessionBatch(first, actions.slice(cut))).toEqual(batched);
    }
  });

  it('copies the run and the console, never writing into the state it was given', () => {
    const before = oneByOne([{ type: 'run-requested', id: 1, nodes: ['a'] }, line('kept')]);
    const frozen = JSON.stringify(before);
    const after = reduceSessionBatch(before, [{ type: 'node-started', runId: 1, node: 'a' }, line('new')]);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(after.run?.nodes.a.state).toBe('running');
    expect(after.console.map((e) => e.text)).toEqual(['kept', 'new']);
  });

  it('keeps the newest console entries up to the limit, numbered on', () => {
    const lines = Array.from({ length: CONSOLE_LIMIT + 10 }, (_, i) => line(`line ${i}`));
    const batched = reduceSessionBatch(initialSession, lines);
    expect(batched.console).toHaveLength(CONSOLE_LIMIT);
    expect(batched.console[0].text).toBe('line 10');
    expect(batched.console.at(-1)?.seq).toBe(CONSOLE_LIMIT + 10);
    expect(batched).toEqual(oneByOne(lines));
  });

  it("copies the run's node table once for a frame's node events, however many there are", () => {
    const names = Array.from({ length: 5000 }, (_, i) => `n_${i}`);
    const requested = oneByOne([{ type: 'run-requested', id: 1, nodes: names }]);
    // Counts how often the table is read whole (a copy reads its keys).
    let wholeReads = 0;
    const table = new Proxy(requested.run!.nodes, {
      ownKeys: (target) => {
        wholeReads++;
        return Reflect.ownKeys(target);
      },
    });
    const before = { ...requested, run: { ...requested.run!, nodes: table } };
    const events: SessionAction[] = names.flatMap((node) => [
      { type: 'node-started', runId: 1, node },
      { type: 'node-finished', runId: 1, node, durationMs: 1, preview: { kind: 'error', text: '' } },
    ]);
    const after = reduceSessionBatch(before, events);
    expect(wholeReads).toBe(1);
    expect(Object.values(after.run!.nodes).every((n) => n.state === 'done')).toBe(true);
    expect(requested.run!.nodes.n_0.state).toBe('pending');
  });

  it("finds a failed node's error for the diagnostics, as one by one does", () => {
    const error = { name: 'Error', message: 'b broke', file: 'f.ts', line: 4 };
    const actions: SessionAction[] = [
      { type: 'run-requested', id: 1, nodes: ['a', 'b'] },
      { type: 'node-started', runId: 1, node: 'b' },
      { type: 'node-failed', runId: 1, node: 'b', durationMs: 1, error },
      { type: 'node-started', runId: 1, node: 'a' },
    ];
    const batched = reduceSessionBatch(initialSession, actions);
    expect(batched).toEqual(oneByOne(actions));
    expect(allDiagnostics(batched)).toEqual([
      expect.objectContaining({
        source: 'runtime',
        file: 'f.ts',
        line: 4,
        node: 'b',
        message: 'Error: b broke',
      }),
    ]);
  });

  it('returns the same state for an empty batch and for events of another run', () => {
    const s = oneByOne([{ type: 'run-requested', id: 3, nodes: ['a'] }]);
    expect(reduceSessionBatch(s, [])).toBe(s);
    expect(reduceSessionBatch(s, [{ type: 'node-started', runId: 2, node: 'a' }])).toBe(s);
  });
});
