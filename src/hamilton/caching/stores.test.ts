import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFrame, Series } from '../../frame';
import { Builder } from '../builder';
import { analysedModule } from '../fixtures/analysed';
import { fileStores } from './fileStore';
import { estimateBytes, InMemoryMetadataStore, InMemoryResultStore } from './stores';

const entry = (nodeName: string, dataVersion: string) => ({
  nodeName,
  codeVersion: 'c',
  dependencies: {},
  dataVersion,
  runId: 'r',
});

describe('in-memory stores', () => {
  it('estimates bytes: typed arrays exactly, frames by their columns', () => {
    expect(estimateBytes(new Float64Array(1000))).toBe(64 + 8000);
    const frame = DataFrame.fromColumns({ a: Series.from(new Float64Array(100)) });
    expect(estimateBytes(frame)).toBe(64 + 64 + 800);
    expect(estimateBytes('abcd')).toBe(24);
  });

  it('evicts the least recently used results past the bound and refuses what cannot fit', () => {
    const store = new InMemoryResultStore({ maxBytes: 3 * (64 + 800) });
    const value = () => new Float64Array(100);
    for (const v of ['a', 'b', 'c']) expect(store.set(v, value())).toBe(true);
    expect(store.size).toBe(3 * 864);
    store.get('a'); // a becomes the most recently used
    store.set('d', value());
    expect(['a', 'b', 'c', 'd'].filter((v) => store.has(v))).toEqual(['a', 'c', 'd']);
    expect(store.set('huge', new Float64Array(1000))).toBe(false);
    expect(store.has('huge')).toBe(false);
    store.delete('a');
    expect(store.size).toBe(2 * 864);
    store.clear();
    expect(store.size).toBe(0);
  });

  it('remembers the latest entry of each node', () => {
    const store = new InMemoryMetadataStore();
    store.set('k1', entry('a', 'v1'));
    store.set('k2', entry('a', 'v2'));
    expect(store.get('k1')?.dataVersion).toBe('v1');
    expect(store.latest('a')?.dataVersion).toBe('v2');
    store.delete('k1');
    expect(store.get('k1')).toBeUndefined();
  });
});

describe('file stores', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamilton-cache-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keep results (frames included) and metadata across reopenings', () => {
    const dir = tempDir();
    const { metadataStore, resultStore } = fileStores(dir);
    const frame = DataFrame.fromColumns({
      n: Series.from([1, NaN]),
      s: Series.from(['x', null]),
      b: Series.from([true, null]),
      d: Series.from([new Date(5), null]),
    });
    expect(resultStore.set('v1', { frame, list: [Series.from([1, 2])], when: new Date(3), n: NaN })).toBe(
      true,
    );
    metadataStore.set('k', entry('a', 'v1'));
    metadataStore.set('gone', entry('b', 'v2'));
    metadataStore.delete('gone');
    const reopened = fileStores(dir);
    expect(reopened.metadataStore.get('k')).toEqual(entry('a', 'v1'));
    expect(reopened.metadataStore.get('gone')).toBeUndefined();
    expect(reopened.metadataStore.latest('a')?.dataVersion).toBe('v1');
    const back = reopened.resultStore.get('v1') as {
      frame: DataFrame;
      list: Series<number>[];
      when: Date;
      n: number;
    };
    expect(back.frame.columnNames).toEqual(['n', 's', 'b', 'd']);
    expect(back.frame.dtypes).toEqual(frame.dtypes);
    expect([...back.frame.column('s').values]).toEqual(['x', null]);
    expect(back.frame.column('b').at(0)).toBe(true);
    expect(back.frame.column('d').at(0)).toEqual(new Date(5));
    expect(back.list[0].sum()).toBe(3);
    expect(back.when).toEqual(new Date(3));
    expect(back.n).toBeNaN();
    expect(reopened.resultStore.set('fn', () => 1)).toBe(false);
    reopened.resultStore.delete('v1');
    expect(reopened.resultStore.has('v1')).toBe(false);
  });

  it('let a new driver (a new process) retrieve what an earlier one computed: withCache({ path })', () => {
    const dir = tempDir();
    let runs = 0;
    const module = analysedModule('m', {
      total: [(x: number[]) => (runs++, x.reduce((a, b) => a + b, 0)), ['x']],
    });
    const build = () => new Builder().withModules(module).withCache({ path: dir }).build();
    expect(build().executeSync(['total'], { inputs: { x: [1, 2, 3] } })).toEqual({ total: 6 });
    const later = build();
    expect(later.executeSync(['total'], { inputs: { x: [1, 2, 3] } })).toEqual({ total: 6 });
    expect(runs).toBe(1);
    expect(later.cache.logs({ runId: later.cache.lastRunId }).total[0].eventType).toBe('GET_RESULT');
  });
});
