import { afterEach, describe, expect, it } from 'vitest';
import { Builder } from '../builder';
import type { Driver } from '../driver';
import { cache, type CacheDecoratorOptions } from '../function_modifiers/cache';
import { loadFrom, saveTo } from '../function_modifiers/data_adapters';
import { dataloader, datasaver } from '../function_modifiers/dataloader';
import { analysed } from '../function_modifiers/testing';
import { MemoryFileSystem, useFileSystem } from '../io/files';
import { from, to } from '../io/materialization';
import type { CacheOptions } from './options';

/** The sales of Hamilton's caching and materializers tutorial, as records. */
const SALES = [
  { date: '2024-09-13', amount: 478.23, country: 'USA' },
  { date: '2024-09-11', amount: 742.14, country: 'Canada' },
  { date: '2024-09-09', amount: 584.56, country: 'Canada' },
  { date: '2024-09-05', amount: 789.12, country: 'Mexico' },
];
type Sale = (typeof SALES)[number];

type Calls = Record<string, number>;
const tick = (calls: Calls, name: string) => (calls[name] = (calls[name] ?? 0) + 1);

/** `processed_data` and `amount_per_country` of the tutorial, counting their calls. */
function transforms(calls: Calls) {
  const processed_data = analysed(
    function processed_data(raw_data: Sale[], cutoff_date: string): Sale[] {
      tick(calls, 'processed_data');
      return raw_data.filter((s) => s.date > cutoff_date);
    },
    {
      params: 'raw_data: Record<string, unknown>[], cutoff_date: string',
      returnType: 'Record<string, unknown>[]',
    },
  );
  const amount_per_country = analysed(
    function amount_per_country(processed_data: Sale[]): Record<string, number> {
      tick(calls, 'amount_per_country');
      const out: Record<string, number> = {};
      for (const s of processed_data) out[s.country] = (out[s.country] ?? 0) + s.amount;
      return out;
    },
    { params: 'processed_data: Record<string, unknown>[]', returnType: 'Record<string, number>' },
  );
  return { processed_data, amount_per_country };
}

/**
 * The tutorial's `dataloader`/`datasaver` dataflow: `raw_data` loads the sales with metadata that changes
 * on every load (as a load timestamp does), `saved_data` saves the amounts and counts its writes.
 */
function dataloaderDataflow(calls: Calls, options: { recomputeByDecorator?: boolean } = {}) {
  const withCache = <F extends Function>(fn: F) =>
    options.recomputeByDecorator ? cache({ behavior: 'recompute' })(fn) : fn;
  const raw_data = analysed(
    withCache(
      dataloader()(function raw_data(): [Sale[], Record<string, unknown>] {
        return [SALES, { source: 'notebook', load: tick(calls, 'raw_data') }];
      }),
    ),
    { returnType: '[Record<string, unknown>[], Record<string, unknown>]' },
  );
  const saved_data = analysed(
    withCache(
      datasaver()(function saved_data(amount_per_country: Record<string, number>): Record<string, unknown> {
        return { format: 'json', write: tick(calls, 'saved_data'), saved: amount_per_country };
      }),
    ),
    { params: 'amount_per_country: Record<string, number>', returnType: 'Record<string, unknown>' },
  );
  return { raw_data, saved_data, ...transforms(calls) };
}

/** The tutorial's `loadFrom`/`saveTo` dataflow: `raw_data` read from `raw_data.json`, amounts saved to JSON. */
function loadFromDataflow(
  calls: Calls,
  decorated: { processed_data?: CacheDecoratorOptions; amount_per_country?: CacheDecoratorOptions } = {},
) {
  const fns = transforms(calls);
  const [processed_data, amount_per_country] = (['processed_data', 'amount_per_country'] as const).map(
    (name) => (decorated[name] ? cache(decorated[name])(fns[name]) : fns[name]),
  );
  return {
    processed_data: analysed(loadFrom.json({ path: 'raw_data.json', inject_: 'raw_data' })(processed_data), {
      name: 'processed_data',
      params: 'raw_data: Record<string, unknown>[], cutoff_date: string',
      returnType: 'Record<string, unknown>[]',
    }),
    amount_per_country: analysed(saveTo.json({ path: 'saved_data.json' })(amount_per_country), {
      name: 'amount_per_country',
      params: 'processed_data: Record<string, unknown>[]',
      returnType: 'Record<string, number>',
    }),
  };
}

const built = (module: object, options: CacheOptions = {}) =>
  new Builder().withModules(module).withCache(options).build();

/** The nodes of the last run with an event of this type, in log order. */
function withEvent(dr: Driver, eventType: 'EXECUTE_NODE' | 'GET_RESULT'): string[] {
  return Object.entries(dr.cache.logs({ runId: dr.cache.lastRunId }))
    .filter(([, events]) => events.some((e) => e.eventType === eventType))
    .map(([name]) => name);
}

/** The data version the last run gave `node`. */
function dataVersion(dr: Driver, node: string): string | undefined {
  const events = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' })[node] ?? [];
  return events.find((e) => e.eventType === 'SET_DATA_VERSION')?.value ?? undefined;
}

/** A fresh file system holding the tutorial's sales as `raw_data.json`; what runs save is read from it. */
function freshFiles(): MemoryFileSystem {
  const files = new MemoryFileSystem({ 'raw_data.json': JSON.stringify(SALES) });
  useFileSystem(files);
  return files;
}
afterEach(() => useFileSystem(undefined));

const inputs = { cutoff_date: '2024-09-01' };
const finalVars = ['amount_per_country', 'saved_data'];

describe('caching behaviours of data loaders and savers', () => {
  it('gives dataloader and datasaver nodes the default behaviour, as Hamilton’s with_cache does', () => {
    const dr = built(dataloaderDataflow({}));
    expect(dr.cache.behaviors()).toEqual({
      'raw_data.loader': 'default',
      raw_data: 'default',
      processed_data: 'default',
      cutoff_date: 'default',
      amount_per_country: 'default',
      saved_data: 'default',
    });
  });

  it('gives a dataloader’s own node the behaviour named for the node it loads (withCache or cache)', () => {
    const expected = {
      'raw_data.loader': 'recompute',
      raw_data: 'recompute',
      processed_data: 'default',
      amount_per_country: 'default',
      saved_data: 'recompute',
    };
    const byDriver = built(dataloaderDataflow({}), { recompute: ['raw_data', 'saved_data'] });
    expect(byDriver.cache.behaviors()).toMatchObject(expected);
    const byDecorator = built(dataloaderDataflow({}, { recomputeByDecorator: true }));
    expect(byDecorator.cache.behaviors()).toMatchObject(expected);
  });

  it('applies defaultLoaderBehavior and defaultSaverBehavior to loaders and savers only', () => {
    const dr = built(dataloaderDataflow({}), {
      defaultLoaderBehavior: 'recompute',
      defaultSaverBehavior: 'disable',
    });
    expect(dr.cache.behaviors()).toMatchObject({
      'raw_data.loader': 'recompute',
      raw_data: 'recompute',
      processed_data: 'default',
      saved_data: 'disable',
    });
  });

  it('leaves loaders and savers at `default` when only defaultBehavior is set (Hamilton’s Builder defaults)', () => {
    const dr = built(dataloaderDataflow({}), { defaultBehavior: 'disable' });
    expect(dr.cache.behaviors()).toMatchObject({
      'raw_data.loader': 'default',
      raw_data: 'default',
      processed_data: 'disable',
      amount_per_country: 'disable',
      saved_data: 'default',
    });
  });

  it('names loadFrom’s two nodes by the loaded parameter, and saveTo’s node by its own name', () => {
    const dr = built(loadFromDataflow({}), { recompute: ['raw_data', 'save.amount_per_country'] });
    expect(dr.cache.behaviors()).toEqual({
      'save.amount_per_country': 'recompute',
      amount_per_country: 'default',
      processed_data: 'default',
      'processed_data.load_data.raw_data': 'recompute',
      'processed_data.select_data.raw_data': 'recompute',
      cutoff_date: 'default',
    });
    const byDefault = built(loadFromDataflow({}), { defaultLoaderBehavior: 'ignore' });
    expect(byDefault.cache.behaviors()).toMatchObject({
      'processed_data.load_data.raw_data': 'ignore',
      'processed_data.select_data.raw_data': 'ignore',
      processed_data: 'default',
    });
  });

  it('gives loadFrom’s and saveTo’s nodes the behaviour of the function’s cache decorator, or of its target', () => {
    const recompute = { behavior: 'recompute' } as const;
    const whole = built(loadFromDataflow({}, { processed_data: recompute, amount_per_country: recompute }));
    expect(whole.cache.behaviors()).toEqual({
      'save.amount_per_country': 'recompute',
      amount_per_country: 'recompute',
      processed_data: 'recompute',
      'processed_data.load_data.raw_data': 'recompute',
      'processed_data.select_data.raw_data': 'recompute',
      cutoff_date: 'default',
    });
    const granular = built(
      loadFromDataflow(
        {},
        {
          processed_data: { ...recompute, target: 'processed_data.load_data.raw_data' },
          amount_per_country: { ...recompute, target: 'save.amount_per_country' },
        },
      ),
    );
    expect(granular.cache.behaviors()).toEqual({
      amount_per_country: 'default',
      'save.amount_per_country': 'recompute',
      processed_data: 'default',
      'processed_data.select_data.raw_data': 'default',
      'processed_data.load_data.raw_data': 'recompute',
      cutoff_date: 'default',
    });
  });

  it('refuses an unknown loader or saver behaviour with Hamilton’s message', () => {
    const wrong = 'sometimes' as CacheOptions['defaultBehavior'];
    expect(() => built(dataloaderDataflow({}), { defaultLoaderBehavior: wrong })).toThrow(
      'sometimes is an invalid `CachingBehavior` value',
    );
    expect(() => built(dataloaderDataflow({}), { defaultSaverBehavior: wrong })).toThrow(
      'sometimes is an invalid `CachingBehavior` value',
    );
  });
});

describe('caching runs through data loaders and savers', () => {
  it('loads once by default: the second run retrieves the loader and the saver (nothing is written again)', () => {
    const calls: Calls = {};
    const dr = built(dataloaderDataflow(calls));
    const first = dr.executeSync(finalVars, { inputs });
    const second = dr.executeSync(finalVars, { inputs });
    expect(second).toEqual(first);
    expect(calls).toEqual({ raw_data: 1, processed_data: 1, amount_per_country: 1, saved_data: 1 });
    expect(withEvent(dr, 'GET_RESULT')).toEqual([
      'raw_data.loader',
      'raw_data',
      'processed_data',
      'amount_per_country',
      'saved_data',
    ]);
  });

  it('reloads a recomputed loader and saves again, while what did not change is retrieved (the tutorial)', () => {
    const calls: Calls = {};
    const dr = built(dataloaderDataflow(calls), { recompute: ['raw_data', 'saved_data'] });
    dr.executeSync(finalVars, { inputs });
    const loaded = dataVersion(dr, 'raw_data.loader');
    dr.executeSync(finalVars, { inputs });
    expect(withEvent(dr, 'EXECUTE_NODE')).toEqual(['raw_data.loader', 'raw_data', 'saved_data']);
    expect(withEvent(dr, 'GET_RESULT')).toEqual(['processed_data', 'amount_per_country']);
    expect(calls).toMatchObject({ raw_data: 2, processed_data: 1, saved_data: 2 });
    // The metadata changed between the loads; the data did not, so neither did the version.
    expect(dataVersion(dr, 'raw_data.loader')).toBe(loaded);
  });

  it('versions a loader’s [data, metadata] apart from its data, so each node retrieves its own value', () => {
    const calls: Calls = {};
    const first = built(dataloaderDataflow(calls));
    first.executeSync(['raw_data'], { inputs });
    expect(dataVersion(first, 'raw_data.loader')).not.toBe(dataVersion(first, 'raw_data'));
    const { metadataStore, resultStore } = first.cache;
    const second = built(dataloaderDataflow(calls), { metadataStore, resultStore });
    expect(second.executeSync(['raw_data', 'raw_data.loader'], { inputs })).toEqual({
      raw_data: SALES,
      'raw_data.loader': [SALES, { source: 'notebook', load: 1 }],
    });
    expect(withEvent(second, 'GET_RESULT')).toEqual(['raw_data.loader', 'raw_data']);
  });

  it('versions a saver as <name>__metadata: it saves again only when what it saves changed', () => {
    const calls: Calls = {};
    const dr = built(dataloaderDataflow(calls));
    dr.executeSync(finalVars, { inputs });
    expect(dataVersion(dr, 'saved_data')).toBe('saved_data__metadata');
    dr.executeSync(finalVars, { inputs });
    expect(calls.saved_data).toBe(1);
    dr.executeSync(finalVars, { inputs: { cutoff_date: '2024-09-10' } });
    expect(calls.saved_data).toBe(2);
    expect(withEvent(dr, 'EXECUTE_NODE')).toEqual(['processed_data', 'amount_per_country', 'saved_data']);
    expect(dataVersion(dr, 'saved_data')).toBe('saved_data__metadata');
  });

  it('reads a changed file only when loaders recompute (Hamilton’s “always read the latest data”)', () => {
    const amounts = (options: CacheOptions) => {
      const dr = built(loadFromDataflow({}), options);
      const run = () => dr.executeSync(['amount_per_country'], { inputs }).amount_per_country as object;
      freshFiles();
      const before = run();
      useFileSystem(new MemoryFileSystem({ 'raw_data.json': JSON.stringify(SALES.slice(1)) }));
      return [before, run()];
    };
    const [loaded, cached] = amounts({});
    expect(cached).toEqual(loaded);
    const [first, reloaded] = amounts({ defaultLoaderBehavior: 'recompute' });
    expect(Object.keys(first)).toEqual(['USA', 'Canada', 'Mexico']);
    expect(Object.keys(reloaded)).toEqual(['Canada', 'Mexico']);
  });

  it('reloads loadFrom’s nodes named recompute, and retrieves what reads unchanged data', () => {
    const calls: Calls = {};
    const dr = built(loadFromDataflow(calls), { recompute: ['raw_data'] });
    const all = ['amount_per_country', 'save.amount_per_country'];
    freshFiles();
    dr.executeSync(all, { inputs });
    const files = freshFiles();
    dr.executeSync(all, { inputs });
    expect(withEvent(dr, 'EXECUTE_NODE')).toEqual([
      'processed_data.load_data.raw_data',
      'processed_data.select_data.raw_data',
    ]);
    expect(withEvent(dr, 'GET_RESULT')).toEqual([
      'processed_data',
      'amount_per_country',
      'save.amount_per_country',
    ]);
    expect(files.savedFiles()).toEqual([]);
  });
});

describe('caching materialize runs', () => {
  const materializers = () => [
    from.json({ target: 'raw_data', path: 'raw_data.json' }),
    to.json({ id: 'saved_data', dependencies: ['amount_per_country'], path: 'saved_data.json' }),
  ];
  const materializeSync = (dr: Driver, cutoff_date = '2024-09-01') =>
    dr.materializeSync(...materializers(), {
      additionalVars: ['amount_per_country'],
      inputs: { cutoff_date },
    });

  it('records a cache run: the second run retrieves everything and writes nothing', () => {
    const calls: Calls = {};
    const dr = built(transforms(calls));
    freshFiles();
    const first = materializeSync(dr);
    const firstRun = dr.cache.lastRunId;
    expect(withEvent(dr, 'EXECUTE_NODE')).toEqual([
      'load_data.raw_data',
      'raw_data',
      'processed_data',
      'amount_per_country',
      'saved_data',
    ]);
    const files = freshFiles();
    const second = materializeSync(dr);
    expect(second).toEqual(first);
    expect(dr.cache.lastRunId).not.toBe(firstRun);
    expect(dr.cache.runIds).toEqual([firstRun, dr.cache.lastRunId]);
    expect(withEvent(dr, 'EXECUTE_NODE')).toEqual([]);
    expect(withEvent(dr, 'GET_RESULT')).toEqual([
      'load_data.raw_data',
      'raw_data',
      'processed_data',
      'amount_per_country',
      'saved_data',
    ]);
    expect(calls).toEqual({ processed_data: 1, amount_per_country: 1 });
    expect(files.savedFiles()).toEqual([]);
  });

  it('logs the run with Hamilton’s events, its materializers among the final vars', () => {
    const dr = built(transforms({}));
    freshFiles();
    materializeSync(dr);
    const logs = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' });
    const saver = logs.saved_data.map((e) => e.eventType);
    expect(saver[0]).toBe('IS_FINAL_VAR');
    expect(saver).toEqual(expect.arrayContaining(['RESOLVE_BEHAVIOR', 'EXECUTE_NODE', 'SET_DATA_VERSION']));
    const stored = logs.saved_data.filter((e) => e.eventType === 'SET_RESULT');
    expect(stored.map((e) => [e.actor, e.value])).toEqual([['result_store', 'saved_data__metadata']]);
    expect(logs.amount_per_country[0].eventType).toBe('IS_FINAL_VAR');
    expect(logs.cutoff_date.map((e) => e.eventType)).toEqual(['IS_INPUT']);
    const drawn = dr.cache.viewRun();
    expect(drawn.nodes.find((n) => n.name === 'saved_data')?.cache).toBe('executed');
  });

  it('resolves the run’s behaviours over the materialized graph (the tutorial’s dynamic materializers)', () => {
    const calls: Calls = {};
    const dr = built(transforms(calls), { recompute: ['raw_data', 'saved_data'] });
    freshFiles();
    materializeSync(dr);
    expect(dr.cache.behaviors({ runId: dr.cache.lastRunId })).toEqual({
      amount_per_country: 'default',
      processed_data: 'default',
      raw_data: 'recompute',
      cutoff_date: 'default',
      saved_data: 'recompute',
      'load_data.raw_data': 'recompute',
    });
    const files = freshFiles();
    materializeSync(dr);
    expect(withEvent(dr, 'EXECUTE_NODE')).toEqual(['load_data.raw_data', 'raw_data', 'saved_data']);
    expect(withEvent(dr, 'GET_RESULT')).toEqual(['processed_data', 'amount_per_country']);
    expect(files.savedFiles().map((f) => f.path)).toEqual(['saved_data.json']);
    expect(dr.cache.viewRun().nodes.find((n) => n.name === 'processed_data')?.cache).toBe('retrieved');
  });

  it('re-runs what a changed input reaches, and saves the new result', async () => {
    const calls: Calls = {};
    const dr = built(transforms(calls));
    freshFiles();
    await dr.materialize(...materializers(), { additionalVars: ['amount_per_country'], inputs });
    const files = freshFiles();
    const [metadata, outputs] = await dr.materialize(...materializers(), {
      additionalVars: ['amount_per_country'],
      inputs: { cutoff_date: '2024-09-10' },
    });
    expect(outputs).toEqual({ amount_per_country: { USA: 478.23, Canada: 742.14 } });
    expect(metadata.saved_data).toMatchObject({ file_metadata: { path: 'saved_data.json' } });
    expect(withEvent(dr, 'GET_RESULT')).toEqual(['load_data.raw_data', 'raw_data']);
    expect(withEvent(dr, 'EXECUTE_NODE')).toEqual(['processed_data', 'amount_per_country', 'saved_data']);
    expect(JSON.parse(files.readText('saved_data.json'))).toEqual({ USA: 478.23, Canada: 742.14 });
  });

  it('says which nodes a materialize would run now, and why (wouldMaterialize)', () => {
    const dr = built(transforms({}), { recompute: ['raw_data'] });
    const request = (cutoff_date: string) =>
      [...materializers(), { additionalVars: ['amount_per_country'], inputs: { cutoff_date } }] as const;
    expect(dr.cache.wouldMaterialize(...request('2024-09-01')).map((n) => n.name)).toEqual([
      'load_data.raw_data',
      'raw_data',
      'processed_data',
      'amount_per_country',
      'saved_data',
    ]);
    freshFiles();
    materializeSync(dr);
    expect(dr.cache.wouldMaterialize(...request('2024-09-01'))).toEqual([
      { name: 'load_data.raw_data', reasons: [{ kind: 'behavior', behavior: 'recompute' }] },
      {
        name: 'raw_data',
        reasons: [
          { kind: 'behavior', behavior: 'recompute' },
          { kind: 'upstream', node: 'load_data.raw_data' },
        ],
      },
      { name: 'processed_data', reasons: [{ kind: 'upstream', node: 'raw_data' }] },
      { name: 'amount_per_country', reasons: [{ kind: 'upstream', node: 'processed_data' }] },
      { name: 'saved_data', reasons: [{ kind: 'upstream', node: 'amount_per_country' }] },
    ]);
    expect(() => dr.cache.wouldMaterialize({ inputs })).toThrow(/materializ/);
  });

  it('shares the cache with execute: what an execute computed, a materialize retrieves', () => {
    const calls: Calls = {};
    const dr = built({ ...transforms(calls) });
    freshFiles();
    dr.executeSync(['amount_per_country'], { inputs: { ...inputs, raw_data: SALES } });
    materializeSync(dr);
    expect(withEvent(dr, 'GET_RESULT')).toEqual(['processed_data', 'amount_per_country']);
    expect(calls).toEqual({ processed_data: 1, amount_per_country: 1 });
  });
});
