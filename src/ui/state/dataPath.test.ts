import { describe, expect, it } from 'vitest';
import { dataFilePath, namesDataFile } from './dataPath';

describe('table values that name data files', () => {
  it('accepts plain paths inside data/', () => {
    expect(namesDataFile('data/orders.csv')).toBe(true);
    expect(namesDataFile('a,b\n1,2')).toBe(false);
    expect(dataFilePath('data/orders.csv')).toEqual({ path: 'data/orders.csv' });
    expect(dataFilePath('data/shop/orders-2024_v1.csv')).toEqual({ path: 'data/shop/orders-2024_v1.csv' });
  });

  it('refuses anything that could leave the folder', () => {
    for (const value of [
      'data/../index.html',
      'data/%2e%2e/index.html',
      'data/%2E%2E/index.html',
      'data/.%2e/index.html',
      'data/..\\index.html',
      'data/x/../../index.html',
      'data/./x.csv',
      'data//x.csv',
      'data/',
      'data/x.csv?y=1',
      'data/x.csv#y',
      'data/\u2024\u2024/index.html',
    ])
      expect(dataFilePath(value), value).toHaveProperty('error');
  });
});
