import { describe, expect, it } from 'vitest';
import type { GraphDescription } from 'hamilton';
import { changedValues, mergeStale, staleFromRequest, type RequestValues } from './requestStale';

const node = (name: string, kind: 'function' | 'input' | 'config') => ({ name, kind }) as never;
const edge = (from: string, to: string) => ({ from, to }) as never;
// input → a → b → c; mode (config) → m; orders (table) → c
const graph: GraphDescription = {
  nodes: [
    node('c', 'function'),
    node('b', 'function'),
    node('a', 'function'),
    node('m', 'function'),
    node('input', 'input'),
    node('orders', 'input'),
    node('mode', 'config'),
  ],
  edges: [edge('input', 'a'), edge('a', 'b'), edge('b', 'c'), edge('orders', 'c'), edge('mode', 'm')],
  cycles: [],
};
const ran: RequestValues = {
  inputs: { input: [1, 2, 3], extra: { x: 1, y: 2 } },
  tables: { orders: 'data/orders.csv' },
  config: { mode: 'batch' },
};

describe('changedValues', () => {
  it('compares JSON values by content, object keys in any order', () => {
    expect(changedValues(ran, { ...ran, inputs: { extra: { y: 2, x: 1 }, input: [1, 2, 3] } }).size).toBe(0);
    expect([...changedValues(ran, { ...ran, inputs: { ...ran.inputs, input: [1, 2] } })]).toEqual(['input']);
    expect([...changedValues(ran, { ...ran, inputs: { input: [1, 2, 3] } })]).toEqual(['extra']);
    expect([...changedValues(ran, { ...ran, inputs: { ...ran.inputs, extra: [1, 2] } })]).toEqual(['extra']);
    expect([...changedValues(ran, { ...ran, tables: { orders: 'a,b\n1,2' } })]).toEqual(['orders']);
    expect([...changedValues(ran, { ...ran, config: { mode: 'streaming' } })]).toEqual(['mode']);
  });
});

describe('staleFromRequest', () => {
  it('marks the readers of a changed input and everything downstream, with why', () => {
    const stale = staleFromRequest(graph, ran, { ...ran, inputs: { ...ran.inputs, input: [4] } });
    expect(stale).toEqual([
      { node: 'c', reasons: [{ kind: 'upstream', node: 'b' }] },
      { node: 'b', reasons: [{ kind: 'upstream', node: 'a' }] },
      { node: 'a', reasons: [{ kind: 'input', node: 'input' }] },
    ]);
  });
  it('covers tables and config values, and nothing when nothing the graph reads changed', () => {
    expect(staleFromRequest(graph, ran, { ...ran, tables: { orders: 'x\n1' } })).toEqual([
      { node: 'c', reasons: [{ kind: 'input', node: 'orders' }] },
    ]);
    expect(staleFromRequest(graph, ran, { ...ran, config: { mode: 'streaming' } })).toEqual([
      { node: 'm', reasons: [{ kind: 'input', node: 'mode' }] },
    ]);
    expect(staleFromRequest(graph, ran, { ...ran, inputs: { ...ran.inputs, extra: 3 } })).toEqual([]);
    expect(staleFromRequest(graph, ran, ran)).toEqual([]);
  });
});

describe('mergeStale', () => {
  it('joins the reasons of a node in both lists, each once', () => {
    expect(
      mergeStale(
        [{ node: 'a', reasons: [{ kind: 'code' }] }],
        [
          { node: 'a', reasons: [{ kind: 'code' }, { kind: 'input', node: 'x' }] },
          { node: 'b', reasons: [{ kind: 'upstream', node: 'a' }] },
        ],
      ),
    ).toEqual([
      { node: 'a', reasons: [{ kind: 'code' }, { kind: 'input', node: 'x' }] },
      { node: 'b', reasons: [{ kind: 'upstream', node: 'a' }] },
    ]);
  });
});
