import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFrame } from '../../frame/dataframe';
import { loadersFor, saversFor, resolveAdapter } from './data_adapters';
import {
  CSV_READER,
  CSV_WRITER,
  JSON_DATA_LOADER,
  JSON_DATA_SAVER,
  RAW_FILE_DATA_LOADER,
  RAW_FILE_DATA_SAVER,
} from './default_data_loaders';
import { MemoryFileSystem, useFileSystem } from './files';
import { FILE_METADATA, getFileMetadata } from './metadata';

afterEach(() => useFileSystem(undefined));

describe('default adapters (Hamilton tests/io/test_default_adapters.py)', () => {
  it('are registered once each under their keys', () => {
    expect(loadersFor('json')).toEqual([JSON_DATA_LOADER]);
    expect(saversFor('csv')).toEqual([CSV_WRITER]);
    expect(loadersFor('file')).toEqual([RAW_FILE_DATA_LOADER]);
  });

  it.each([[{ key: 'value' }], [[{ key: 'value1' }, { key: 'value2' }]]])(
    'saves and loads JSON objects and arrays: %j',
    (data) => {
      const dir = mkdtempSync(join(tmpdir(), 'json-'));
      const path = join(dir, 'data.json');
      const metadata = JSON_DATA_SAVER.saveData({ path }, data) as Record<string, Record<string, unknown>>;
      expect(metadata[FILE_METADATA].path).toBe(path);
      expect(JSON_DATA_LOADER.loadData({ path }, 'object')[0]).toEqual(data);
    },
  );

  it('round-trips raw text', () => {
    useFileSystem(new MemoryFileSystem());
    RAW_FILE_DATA_SAVER.saveData({ path: 'a.txt' }, 'Hello, world!');
    expect(RAW_FILE_DATA_LOADER.loadData({ path: 'a.txt' }, 'string')[0]).toBe('Hello, world!');
  });

  it('reads and writes CSV with a separator, as DataFrames', () => {
    const files = new MemoryFileSystem({ 'in.csv': 'a;b\n1;x\n' });
    useFileSystem(files);
    const [df] = CSV_READER.loadData({ path: 'in.csv', sep: ';' }, 'DataFrame') as [DataFrame, unknown];
    expect(df.toRecords()).toEqual([{ a: 1, b: 'x' }]);
    CSV_WRITER.saveData({ path: 'out.csv', sep: '|' }, df);
    expect(files.readText('out.csv')).toBe('a|b\n1|x\n');
  });

  it('apply by type text: frames to csv, objects and arrays to json, text to file', () => {
    expect(resolveAdapter('DataFrame<{ a: number }>', saversFor('csv'))).toBe(CSV_WRITER);
    expect(resolveAdapter('number', saversFor('csv'))).toBeUndefined();
    expect(resolveAdapter('Record<string, number>', saversFor('json'))).toBe(JSON_DATA_SAVER);
    expect(resolveAdapter('number[]', saversFor('json'))).toBe(JSON_DATA_SAVER);
    expect(resolveAdapter('string', saversFor('json'))).toBeUndefined();
    expect(resolveAdapter('string', saversFor('file'))).toBe(RAW_FILE_DATA_SAVER);
  });
});

describe('file metadata (Hamilton tests/io/test_utils.py)', () => {
  it('gives path, size and last modification (seconds) of a real file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'meta-')), 'f.txt');
    writeFileSync(path, 'Hello, World!');
    const metadata = getFileMetadata(path)[FILE_METADATA] as Record<string, unknown>;
    expect(metadata.path).toBe(path);
    expect(metadata.size).toBe(13);
    expect(metadata.last_modified).toBeCloseTo(statSync(path).mtimeMs / 1000, 3);
  });

  it('says so for a file that does not exist', () => {
    const metadata = getFileMetadata('nope.txt')[FILE_METADATA] as Record<string, unknown>;
    expect(metadata).toMatchObject({ size: null, path: 'nope.txt', __version__: '1.0.0' });
    expect(metadata.notes).toContain('nope.txt does not exist');
  });
});
