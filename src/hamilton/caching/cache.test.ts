import { describe, expect, it } from 'vitest';
import { DataFrame, Series } from '../../frame';
import { Builder } from '../builder';
import type { Driver } from '../driver';
import { analysedModule } from '../fixtures/analysed';
import { cache } from '../function_modifiers/cache';
import { toDot } from '../visualize';
import type { CacheOptions } from './options';

type Calls = Record<string, number>;
const tick = (calls: Calls, name: string) => (calls[name] = (calls[name] ?? 0) + 1);

/**
 * A module whose functions count their calls. Each function is written out in full: a code version is
 * the function's own text, so variants must differ in their text, not only in what a closure captures.
 */
function counted(calls: Calls, variant: 'plain' | 'bSame' | 'bOther' | 'bSpaced' | 'aOther' = 'plain') {
  const b = {
    plain: (a: number) => (tick(calls, 'b'), a * 2),
    bSame: (a: number) => (tick(calls, 'b'), a + a),
    bOther: (a: number) => (tick(calls, 'b'), a * 3),
    // prettier-ignore
    bSpaced: (a: number) => (tick(calls, 'b'),   /* doubled */ a   *   2),
  }[variant === 'aOther' ? 'plain' : variant];
  const a =
    variant === 'aOther'
      ? (x: number) => (tick(calls, 'a'), x - 1)
      : (x: number) => (tick(calls, 'a'), x + 1);
  return {
    calls,
    module: analysedModule('m', {
      a: [a, ['x']],
      b: [b, ['a']],
      c: [(a: number, b: number) => (tick(calls, 'c'), a + b), ['a', 'b']],
    }),
  };
}

/** Builds the counted module with `options`, runs `c` twice on the same input, and returns the calls. */
function callsOverTwoRuns(options: CacheOptions): { calls: Calls; dr: Driver } {
  const { calls, module } = counted({});
  const dr = built(module, options);
  dr.executeSync(['c'], { inputs: { x: 1 } });
  dr.executeSync(['c'], { inputs: { x: 1 } });
  return { calls, dr };
}

const built = (module: object, options: CacheOptions = {}) =>
  new Builder().withModules(module).withCache(options).build();
const executed = (dr: Driver) =>
  Object.entries(dr.cache.logs({ runId: dr.cache.lastRunId }))
    .filter(([, events]) => events.some((e) => e.eventType === 'EXECUTE_NODE'))
    .map(([name]) => name);
const retrieved = (dr: Driver) =>
  Object.entries(dr.cache.logs({ runId: dr.cache.lastRunId }))
    .filter(([, events]) => events.some((e) => e.eventType === 'GET_RESULT'))
    .map(([name]) => name);

describe('withCache', () => {
  it('executes on the first run and retrieves on the second (hit), with equal results', () => {
    const { calls, module } = counted({});
    const dr = built(module);
    const first = dr.executeSync(['c'], { inputs: { x: 1 } });
    expect(executed(dr)).toEqual(['a', 'b', 'c']);
    const second = dr.executeSync(['c'], { inputs: { x: 1 } });
    expect(second).toEqual(first);
    expect(calls).toEqual({ a: 1, b: 1, c: 1 });
    expect(retrieved(dr)).toEqual(['a', 'b', 'c']);
    expect(executed(dr)).toEqual([]);
  });

  it('misses when an input changes, and only where the data changed', () => {
    const calls: Record<string, number> = {};
    const module = analysedModule('m', {
      a: [(x: number) => ((calls.a = (calls.a ?? 0) + 1), Math.sign(x)), ['x']],
      b: [(a: number) => ((calls.b = (calls.b ?? 0) + 1), a * 2), ['a']],
    });
    const dr = built(module);
    dr.executeSync(['b'], { inputs: { x: 1 } });
    // a runs again for the new input but returns the same value: b's key is unchanged, so b is retrieved.
    expect(dr.executeSync(['b'], { inputs: { x: 5 } })).toEqual({ b: 2 });
    expect(executed(dr)).toEqual(['a']);
    expect(retrieved(dr)).toEqual(['b']);
    expect(dr.executeSync(['b'], { inputs: { x: -5 } })).toEqual({ b: -2 });
    expect(executed(dr)).toEqual(['a', 'b']);
  });

  it('misses after a code change, and downstream only when the data changed', () => {
    const { module } = counted({});
    const dr = built(module);
    dr.executeSync(['c'], { inputs: { x: 1 } });
    const stores = { metadataStore: dr.cache.metadataStore, resultStore: dr.cache.resultStore };
    // b's code changes but gives the same value: only b runs.
    const same = built(counted({}, 'bSame').module, stores);
    expect(same.executeSync(['c'], { inputs: { x: 1 } })).toEqual({ c: 6 });
    expect(executed(same)).toEqual(['b']);
    // b's code changes its value: b and c run.
    const other = built(counted({}, 'bOther').module, stores);
    expect(other.executeSync(['c'], { inputs: { x: 1 } })).toEqual({ c: 8 });
    expect(executed(other)).toEqual(['b', 'c']);
  });

  it('keeps comments and whitespace out of code versions', () => {
    const { module } = counted({});
    const dr = built(module);
    dr.executeSync(['b'], { inputs: { x: 1 } });
    const reformatted = built(counted({}, 'bSpaced').module, {
      metadataStore: dr.cache.metadataStore,
      resultStore: dr.cache.resultStore,
    });
    reformatted.executeSync(['b'], { inputs: { x: 1 } });
    expect(executed(reformatted)).toEqual([]);
  });

  it('recompute always runs the node but keeps its data version for downstream keys', () => {
    const { calls, dr } = callsOverTwoRuns({ recompute: ['a'] });
    expect(calls).toEqual({ a: 2, b: 1, c: 1 });
    expect(retrieved(dr)).toEqual(['b', 'c']);
    expect(dr.cache.behaviors()).toMatchObject({ a: 'recompute', b: 'default' });
  });

  it('recompute: true runs every node', () => {
    const { calls } = callsOverTwoRuns({ recompute: true });
    expect(calls).toEqual({ a: 2, b: 2, c: 2 });
  });

  it('disable runs the node uncached, and its consumers always miss', () => {
    const { calls, dr } = callsOverTwoRuns({ disable: ['b'] });
    expect(calls).toEqual({ a: 1, b: 2, c: 2 });
    const events = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' });
    expect(events.b.map((e) => e.eventType)).toEqual(['RESOLVE_BEHAVIOR', 'EXECUTE_NODE']);
  });

  it('ignore runs the node uncached and leaves it out of its consumers’ keys', () => {
    const { calls } = callsOverTwoRuns({ ignore: ['b'] });
    expect(calls).toEqual({ a: 1, b: 2, c: 1 });
  });

  it('defaultBehavior applies to nodes nothing else names; the cache decorator sets a node’s own', () => {
    const calls: Record<string, number> = {};
    const module = analysedModule('m', {
      a: [cache({ behavior: 'recompute' })((x: number) => ((calls.a = (calls.a ?? 0) + 1), x)), ['x']],
      b: [(a: number) => ((calls.b = (calls.b ?? 0) + 1), a), ['a']],
    });
    const dr = built(module);
    dr.executeSync(['b'], { inputs: { x: 1 } });
    dr.executeSync(['b'], { inputs: { x: 1 } });
    expect(calls).toEqual({ a: 2, b: 1 });
    const all = built(module, { defaultBehavior: 'disable', default: ['a'] });
    expect(all.cache.behaviors()).toMatchObject({ a: 'default', b: 'disable' });
  });

  it('refuses a node named for two behaviours, and unknown behaviours', () => {
    expect(() => new Builder().withCache({ recompute: ['a'], ignore: ['a'] })).toThrow(
      'Multiple caching behaviors specified by Driver for node: a',
    );
    expect(() => new Builder().withCache({ defaultBehavior: 'sometimes' as never })).toThrow(
      'sometimes is an invalid `CachingBehavior` value',
    );
  });

  it('leaves unhashable values uncached, logging why, never failing', () => {
    class Client {
      constructor(readonly url: string) {}
    }
    const calls: Record<string, number> = {};
    const module = analysedModule('m', {
      client: [() => ((calls.client = (calls.client ?? 0) + 1), new Client('db')), []],
      rows: [(client: Client) => ((calls.rows = (calls.rows ?? 0) + 1), client.url.length), ['client']],
    });
    const dr = built(module);
    expect(dr.executeSync(['rows'])).toEqual({ rows: 2 });
    expect(dr.executeSync(['rows'])).toEqual({ rows: 2 });
    expect(calls).toEqual({ client: 2, rows: 2 });
    const events = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' }).client;
    expect(events.find((e) => e.eventType === 'UNHASHABLE_DATA_VERSION')?.msg).toBe(
      'unhashable type Client; set the `ignore` behavior to silence this',
    );
    // Ignoring the client makes its consumer cacheable.
    const ignoring = built(module, { ignore: ['client'] });
    ignoring.executeSync(['rows']);
    ignoring.executeSync(['rows']);
    expect(retrieved(ignoring)).toEqual(['rows']);
  });

  it('leaves a value too large to fingerprint cheaply uncached, logging why, never failing', () => {
    const calls: Record<string, number> = {};
    const big = 'x'.repeat(100_000_000); // 200 MB of UTF-16
    const module = analysedModule('m', {
      text: [() => (tick(calls, 'text'), big), []],
      size: [(text: string) => (tick(calls, 'size'), text.length), ['text']],
    });
    const dr = built(module);
    expect(dr.executeSync(['size'])).toEqual({ size: 100_000_000 });
    expect(dr.executeSync(['size'], { inputs: {} })).toEqual({ size: 100_000_000 });
    expect(calls).toEqual({ text: 2, size: 2 });
    const events = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' }).text;
    expect(events.find((e) => e.eventType === 'UNHASHABLE_DATA_VERSION')?.msg).toBe(
      'value too large to fingerprint (over 64 MB of content); set the `ignore` behavior to silence this',
    );
    // Given as an input, it is not versioned either: its readers run each time.
    const reader = analysedModule('r', {
      size: [(text: string) => (tick(calls, 'read'), text.length), ['text']],
    });
    const given = built(reader);
    given.executeSync(['size'], { inputs: { text: big } });
    given.executeSync(['size'], { inputs: { text: big } });
    expect(calls.read).toBe(2);
  });

  it('versions overrides: same override hits, another misses', () => {
    const { calls, module } = counted({});
    const dr = built(module);
    dr.executeSync(['c'], { inputs: { x: 1 }, overrides: { a: 10 } });
    dr.executeSync(['c'], { inputs: { x: 1 }, overrides: { a: 10 } });
    expect(calls).toEqual({ b: 1, c: 1 });
    dr.executeSync(['c'], { inputs: { x: 1 }, overrides: { a: 11 } });
    expect(calls).toEqual({ b: 2, c: 2 });
    const events = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' });
    expect(events.a.map((e) => e.eventType)).toEqual(['IS_OVERRIDE']);
    // The override cuts the walk: x is not read, so not versioned.
    expect(events.x).toBeUndefined();
    dr.executeSync(['a'], { inputs: { x: 1 } });
    expect(dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' }).x.map((e) => e.eventType)).toEqual([
      'IS_INPUT',
    ]);
  });

  it('caches async nodes under execute, and executeSync retrieves them', async () => {
    let runs = 0;
    const module = analysedModule('m', {
      a: [async (x: number) => (runs++, await Promise.resolve(x * 2)), ['x']],
      b: [(a: number) => a + 1, ['a']],
    });
    const dr = built(module);
    expect(await dr.execute(['b'], { inputs: { x: 2 } })).toEqual({ b: 5 });
    expect(dr.executeSync(['b'], { inputs: { x: 2 } })).toEqual({ b: 5 });
    expect(await dr.execute(['b'], { inputs: { x: 2 } })).toEqual({ b: 5 });
    expect(runs).toBe(1);
  });

  it('does not cache a failing node, and logs the failure', () => {
    let fail = true;
    const module = analysedModule('m', {
      a: [
        (x: number) => {
          if (fail) throw new Error('flaky');
          return x;
        },
        ['x'],
      ],
    });
    const dr = built(module);
    const quiet = console.error;
    console.error = () => undefined;
    try {
      expect(() => dr.executeSync(['a'], { inputs: { x: 1 } })).toThrow('flaky');
    } finally {
      console.error = quiet;
    }
    const failed = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' }).a;
    expect(failed.at(-1)).toMatchObject({ eventType: 'FAILED_EXECUTION', msg: 'Error: flaky' });
    fail = false;
    expect(dr.executeSync(['a'], { inputs: { x: 1 } })).toEqual({ a: 1 });
    expect(executed(dr)).toEqual(['a']);
  });

  it('lets lifecycle hooks see every node, with whether it came from the cache', () => {
    const seen: string[] = [];
    const { module } = counted({});
    const dr = new Builder()
      .withModules(module)
      .withAdapters({
        runBeforeNodeExecution: ({ nodeName }) => void seen.push(`before ${nodeName}`),
        runAfterNodeExecution: ({ nodeName, fromCache, result }) =>
          void seen.push(`after ${nodeName} ${fromCache ? 'cached' : 'ran'} ${String(result)}`),
      })
      .withCache()
      .build();
    dr.executeSync(['b'], { inputs: { x: 1 } });
    seen.length = 0;
    dr.executeSync(['b'], { inputs: { x: 1 } });
    expect(seen).toEqual(['before a', 'after a cached 2', 'before b', 'after b cached 4']);
  });

  it('logs with Hamilton’s event names: info keeps GET_RESULT and EXECUTE_NODE; all runs by id', () => {
    const { module } = counted({});
    const dr = built(module);
    dr.executeSync(['b'], { inputs: { x: 1 } });
    const first = dr.cache.lastRunId as string;
    dr.executeSync(['b'], { inputs: { x: 1 } });
    expect(dr.cache.runIds).toEqual([first, dr.cache.lastRunId]);
    const info = dr.cache.logs({ runId: first });
    expect(Object.fromEntries(Object.entries(info).map(([k, v]) => [k, v.map((e) => e.eventType)]))).toEqual({
      a: ['EXECUTE_NODE'],
      b: ['EXECUTE_NODE'],
    });
    const debug = dr.cache.logs({ runId: first, level: 'debug' });
    expect(debug.a.map((e) => e.eventType)).toEqual([
      'RESOLVE_BEHAVIOR',
      'SET_CACHE_KEY',
      'GET_DATA_VERSION',
      'EXECUTE_NODE',
      'SET_DATA_VERSION',
      'SET_RESULT',
    ]);
    expect(debug.b[0]).toMatchObject({ runId: first, actor: 'adapter', taskId: null });
    expect(debug.b.map((e) => e.eventType)).toContain('IS_FINAL_VAR');
    const all = dr.cache.logs();
    expect(Object.keys(all)).toEqual([first, dr.cache.lastRunId]);
    expect(all[dr.cache.lastRunId as string].map((e) => `${e.eventType} ${e.nodeName}`)).toEqual([
      'GET_RESULT a',
      'GET_RESULT b',
    ]);
  });

  it('viewRun marks each node retrieved or executed and draws retrieved ones as Hamilton does', () => {
    const { module } = counted({});
    const dr = built(module);
    dr.executeSync(['b'], { inputs: { x: 1 } });
    dr.executeSync(['c'], { inputs: { x: 1 } });
    const view = dr.cache.viewRun();
    const marks = Object.fromEntries(view.nodes.map((n) => [n.name, n.cache ?? '-']));
    expect(marks).toEqual({ a: 'retrieved', b: 'retrieved', c: 'executed', x: '-' });
    expect(view.nodes.find((n) => n.name === 'c')?.isOutput).toBe(true);
    const dot = toDot(view);
    const line = (name: string) => dot.split('\n').find((l) => l.startsWith(`\t${name} [`)) ?? '';
    expect(line('a')).toContain('color="#F06449"');
    expect(line('a')).toContain('penwidth=3');
    expect(line('c')).not.toContain('penwidth');
    expect(dot).toContain('from cache');
    expect(() => dr.cache.viewRun({ runId: 'nope' })).toThrow('No cached run with id nope.');
  });

  it('wouldExecute lists the nodes that would run now, with why, and runs nothing', () => {
    const { calls, module } = counted({});
    const dr = built(module, { recompute: ['b'] });
    expect(dr.cache.wouldExecute(['c'], { inputs: { x: 1 } })).toEqual([
      { name: 'a', reasons: [{ kind: 'new' }] },
      {
        name: 'b',
        reasons: [
          { kind: 'behavior', behavior: 'recompute' },
          { kind: 'upstream', node: 'a' },
        ],
      },
      {
        name: 'c',
        reasons: [
          { kind: 'upstream', node: 'a' },
          { kind: 'upstream', node: 'b' },
        ],
      },
    ]);
    expect(calls).toEqual({});
    dr.executeSync(['c'], { inputs: { x: 1 } });
    expect(dr.cache.wouldExecute(['c'], { inputs: { x: 1 } })).toEqual([
      { name: 'b', reasons: [{ kind: 'behavior', behavior: 'recompute' }] },
      { name: 'c', reasons: [{ kind: 'upstream', node: 'b' }] },
    ]);
    expect(dr.cache.wouldExecute(['a'], { inputs: { x: 2 } })).toEqual([
      { name: 'a', reasons: [{ kind: 'input', node: 'x' }] },
    ]);
    const changed = built(counted({}, 'aOther').module, {
      metadataStore: dr.cache.metadataStore,
      resultStore: dr.cache.resultStore,
    });
    expect(changed.cache.wouldExecute(['a'], { inputs: { x: 1 } })).toEqual([
      { name: 'a', reasons: [{ kind: 'code' }] },
    ]);
    expect(() => dr.cache.wouldExecute(['c'])).toThrow('Required input x not provided');
  });

  it('fingerprints frames by content: an equal frame from elsewhere hits', () => {
    let runs = 0;
    const module = analysedModule('m', {
      total: [(df: DataFrame<{ v: number }>) => (runs++, df.column('v').sum()), ['df']],
    });
    const dr = built(module);
    const make = () => DataFrame.fromColumns({ v: Series.from([1, 2, 3]), k: Series.from(['a', 'b', 'c']) });
    dr.executeSync(['total'], { inputs: { df: make() } });
    dr.executeSync(['total'], { inputs: { df: make() } });
    expect(runs).toBe(1);
    dr.executeSync(['total'], { inputs: { df: DataFrame.fromColumns({ v: Series.from([1, 2, 4]) }) } });
    expect(runs).toBe(2);
  });

  it('evicts the least recently used results beyond the bound, then re-runs what was evicted', () => {
    const calls: Calls = {};
    const module = analysedModule('m', {
      a: [(x: number) => (tick(calls, 'a'), new Float64Array(1000).fill(x)), ['x']],
    });
    const dr = built(module, { maxBytes: 20_000 });
    for (const x of [1, 2, 3]) dr.executeSync(['a'], { inputs: { x } });
    expect(dr.cache.wouldExecute(['a'], { inputs: { x: 1 } })).toEqual([
      { name: 'a', reasons: [{ kind: 'evicted' }] },
    ]);
    dr.executeSync(['a'], { inputs: { x: 3 } });
    expect(calls.a).toBe(3);
    expect(dr.cache.logs({ runId: dr.cache.lastRunId }).a[0].eventType).toBe('GET_RESULT');
  });

  it('throws a clear error for dr.cache on a driver built without a cache', () => {
    const dr = new Builder().withModules(counted({}).module).build();
    expect(() => dr.cache).toThrow('This driver has no cache');
  });
});
