import { describe, expect, it } from 'vitest';
import { AdapterSet, type LifecycleAdapter } from './adapters';
import { runSync } from './execution';
import { planExecution } from './plan';
import { outputsOf, startRun, type RunState } from './runState';
import { Builder } from './builder';
import { Driver } from './driver';
import { analysedModule } from './fixtures/analysed';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('async execution', () => {
  it('runs independent async branches concurrently', async () => {
    const spans: Record<string, [number, number]> = {};
    const timed = (name: string, add: number) => async (seed: number) => {
      const start = performance.now();
      await sleep(100);
      spans[name] = [start, performance.now()];
      return seed + add;
    };
    const m = analysedModule('m', {
      left: [timed('left', 4), ['seed']],
      right: [timed('right', 6), ['seed']],
      both: [(left: number, right: number) => left + right, ['left', 'right']],
    });
    const out = await new Driver({}, m).execute(['both'], { inputs: { seed: 1 } });
    expect(out).toEqual({ both: 1 + 4 + 1 + 6 });
    const [l, r] = [spans.left, spans.right];
    // Overlap: each started before the other ended.
    expect(l[0]).toBeLessThan(r[1]);
    expect(r[0]).toBeLessThan(l[1]);
  });

  it('waits for async dependencies and mixes sync and async nodes', async () => {
    const m = analysedModule('m', {
      a: [async (x: number) => (await sleep(5), x + 1), ['x']],
      b: [(a: number) => a * 10, ['a']],
      c: [async (b: number, x: number) => b + x, ['b', 'x']],
      d: [(x: number) => x - 1, ['x']],
    });
    expect(await new Driver({}, m).execute(['c', 'd'], { inputs: { x: 2 } })).toEqual({ c: 32, d: 1 });
  });

  it('starts no further node after a failure', async () => {
    const ran: string[] = [];
    const m = analysedModule('m', {
      bad: [
        async () => {
          await sleep(1);
          throw new Error('no');
        },
        [],
      ],
      after: [(bad: number) => (ran.push('after'), bad), ['bad']],
      slow: [async () => (await sleep(20), ran.push('slow')), []],
    });
    const e = await new Driver({}, m).execute(['after', 'slow']).catch((x: unknown) => x);
    expect((e as Error).message).toBe('no');
    expect(ran).not.toContain('after');
  });
});

describe('memory', () => {
  it('releases intermediate results once no remaining consumer needs them', () => {
    const m = analysedModule('m', {
      a: [(x: number) => [x], ['x']],
      b: [(a: number[]) => [...a, 2], ['a']],
      c: [(a: number[], b: number[]) => [...a, ...b], ['a', 'b']],
      d: [(c: number[]) => c.length, ['c']],
    });
    const graph = new Driver({}, m).graph;
    const plan = planExecution(graph, ['b', 'd'], { inputs: { x: 1 }, overrides: {} });
    const seen: string[] = [];
    const run: RunState = startRun(plan);
    const held = (values: readonly unknown[]) =>
      graph.nodeList.filter((_, i) => values[i] !== undefined).map((n) => n.name);
    const hooks = new AdapterSet([
      {
        runBeforeNodeExecution: ({ nodeName }) =>
          void seen.push(`${nodeName}: ${held(run.values).join(',')}`),
      },
    ]);
    runSync(plan, { hooks, runId: 'run' }, run);
    expect(seen).toEqual(['a: x', 'b: a', 'c: a,b', 'd: b,c']);
    expect(held(run.values)).toEqual(['b', 'd']);
    expect(held(plan.seed)).toEqual(['x']);
    expect(outputsOf(run)).toEqual({ b: [1, 2], d: 3 });
  });
});

describe('lifecycle adapters', () => {
  const m = analysedModule('m', {
    a: [(x: number) => x + 1, ['x']],
    b: [
      (a: number) => {
        if (a > 1) throw new Error('too big');
        return a;
      },
      ['a'],
    ],
  });

  function recorder(log: string[], asyncHooks = false): LifecycleAdapter {
    const maybe = (entry: string) => {
      log.push(entry);
      return asyncHooks ? sleep(1) : undefined;
    };
    return {
      runAfterGraphConstruction: ({ graph }) => maybe(`constructed ${graph.size}`),
      runBeforeGraphExecution: ({ finalVars, executionPath, inputs }) =>
        maybe(`before graph ${finalVars.join(',')} path=${executionPath.join(',')} x=${String(inputs.x)}`),
      runBeforeNodeExecution: ({ nodeName, nodeKwargs, nodeTags }) =>
        maybe(`before ${nodeName} ${JSON.stringify(nodeKwargs)} ${String(nodeTags.module)}`),
      runAfterNodeExecution: ({ nodeName, success, result, error }) =>
        maybe(
          `after ${nodeName} ${success} ${String(result)} ${error instanceof Error ? error.message : ''}`,
        ),
      runAfterGraphExecution: ({ success, error, results }) =>
        maybe(
          `after graph ${success} ${error instanceof Error ? error.message : ''} ${JSON.stringify(results)}`,
        ),
    };
  }

  const expected = [
    'constructed 3',
    'before graph b path=a,b x=1',
    'before a {"x":1} m',
    'after a true 2 ',
    'before b {"a":2} m',
    'after b false undefined too big',
    'after graph false too big undefined',
  ];

  it('calls hooks in Hamilton order; a failing node still gets its after hook', () => {
    const log: string[] = [];
    const dr = new Builder().withModules(m).withAdapters(recorder(log)).build();
    expect(() => dr.executeSync(['b'], { inputs: { x: 1 } })).toThrow('too big');
    expect(log).toEqual(expected);
  });

  it('waits for async hooks with execute', async () => {
    const log: string[] = [];
    const dr = new Builder().withModules(m).withAdapters(recorder(log, true)).build();
    await expect(dr.execute(['b'], { inputs: { x: 1 } })).rejects.toThrow('too big');
    expect(log).toEqual(expected);
    log.length = 0;
    expect(await dr.execute(['b'], { inputs: { x: 0 } })).toEqual({ b: 1 });
    expect(log.at(-1)).toBe('after graph true  {"b":1}');
  });

  it('lists an overridden node on the execution path, as Hamilton does, and does not run it', () => {
    const log: string[] = [];
    const dr = new Builder().withModules(m).withAdapters(recorder(log)).build();
    expect(() => dr.executeSync(['b'], { overrides: { a: 5 } })).toThrow('too big');
    expect(log[1]).toBe('before graph b path=a,b x=undefined');
    expect(log.filter((l) => l.startsWith('before a'))).toEqual([]);
  });

  it('runs the after-graph hook when validation fails, without the before-graph hook', () => {
    const log: string[] = [];
    const dr = new Builder().withModules(m).withAdapters(recorder(log)).build();
    expect(() => dr.executeSync(['b'])).toThrow(/Required input x/);
    expect(log).toEqual([
      'constructed 3',
      expect.stringMatching(/^after graph false 1 errors encountered: [^]*Required input x [^]* undefined$/),
    ]);
  });

  it('gives after-hooks the awaited result of an async node, and its rejection', async () => {
    const log: string[] = [];
    const am = analysedModule('am', {
      ok: [async (x: number) => (await sleep(1), x * 3), ['x']],
      no: [async (ok: number) => Promise.reject(new Error(`rejected ${ok}`)), ['ok']],
    });
    const dr = new Builder()
      .withModules(am)
      .withAdapters({
        runAfterNodeExecution: ({ nodeName, success, result, error }) =>
          void log.push(
            `${nodeName} ${success} ${String(result)} ${error instanceof Error ? error.message : ''}`,
          ),
      })
      .build();
    await expect(dr.execute(['no'], { inputs: { x: 2 } })).rejects.toThrow(/^rejected 6$/);
    expect(log).toEqual(['ok true 6 ', 'no false undefined rejected 6']);
  });

  it('executeSync waits for nothing: it refuses a pending async construction hook, then runs', async () => {
    const dr = new Builder()
      .withModules(m)
      .withAdapters({ runAfterGraphConstruction: () => sleep(5) })
      .build();
    expect(() => dr.executeSync(['a'], { inputs: { x: 1 } })).toThrow(
      /runAfterGraphConstruction hook returned a Promise/,
    );
    await dr.execute(['a'], { inputs: { x: 1 } });
    expect(dr.executeSync(['a'], { inputs: { x: 1 } })).toEqual({ a: 2 });
  });

  it('executeSync refuses async hooks', () => {
    const dr = new Builder()
      .withModules(m)
      .withAdapters({ runBeforeNodeExecution: () => sleep(1) })
      .build();
    expect(() => dr.executeSync(['a'], { inputs: { x: 1 } })).toThrow(/An adapter hook returned a Promise/);
  });
});
