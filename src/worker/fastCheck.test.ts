import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { MAX_MESSAGE_CHARS } from './clip';
import { fastChecker, UNSURE } from './fastCheck';
import { WorkerEventSchema } from './protocol';
import { frameMessage, graphMessage } from './fixtures/events';

const node = { ...graphMessage.nodes[0], parallel: 'expand' };
const stats = {
  count: 2,
  missing: 0,
  mean: NaN,
  std: 0.7,
  min: 1,
  max: 2,
  histogram: { edges: [1, 2], counts: [2] },
};
const cut = { request: 1, index: 0, shown: 10, total: 20 };

/** One message of every kind, with optional fields present. */
const messages: unknown[] = [
  { type: 'ready', initMs: 812 },
  {
    type: 'compiled',
    id: 3,
    graph: {
      nodes: [node, { ...node, name: 'c', kind: 'config', value: '1' }],
      edges: [{ from: 'x', to: 'a', optional: false }],
      cycles: [['a', 'b']],
    },
    variables: [{ ...node, isOutput: undefined }],
    configKeys: [{ key: 'mode', values: ['batch'] }],
    stale: false,
    diagnostics: [{ severity: 'error', source: 'syntax', message: 'x', file: 'a.ts', line: 1, column: 2 }],
    timings: { bundle: 3.5 },
    staleNodes: [{ node: 'a', reasons: [{ kind: 'upstream', node: 'x' }] }],
  },
  { type: 'node-started', runId: 1, node: 'a', item: 2, reasons: [{ kind: 'code' }] },
  { ...frameMessage, startMs: 0, cached: true },
  {
    type: 'node-finished',
    runId: 1,
    node: 's',
    durationMs: 0,
    preview: {
      kind: 'series',
      length: 2,
      column: { name: 'd', dtype: 'date', values: Float64Array.of(0) },
      stats,
      truncated: true,
    },
  },
  {
    type: 'node-finished',
    runId: 1,
    node: 't',
    durationMs: 0,
    preview: { kind: 'tree', type: 'Object', value: { a: [1, null, 'x', { b: true }] }, truncated: false },
  },
  {
    type: 'node-finished',
    runId: 1,
    node: 'x',
    durationMs: 0,
    preview: { kind: 'scalar', type: 'string', text: 'y'.repeat(MAX_MESSAGE_CHARS + 5), cut },
  },
  {
    type: 'node-failed',
    runId: 1,
    node: 'a',
    durationMs: 2,
    error: {
      name: 'Error',
      message: 'boom',
      messageCut: cut,
      node: 'a',
      stack: 's',
      file: 'a.ts',
      line: 3,
      column: 9,
    },
  },
  {
    type: 'console',
    runId: null,
    level: 'warn',
    node: null,
    text: 'hi',
    cut,
    withheld: { request: 1, index: 2, count: 5, kept: 3 },
  },
  {
    type: 'run-finished',
    runId: 1,
    ok: false,
    durationMs: 4,
    results: { e: { kind: 'error', text: 'bad' } },
    skipped: ['c'],
    validations: [
      { node: 'x', validator: 'x_range_validator', passes: false, importance: 'warn', message: 'm' },
    ],
    error: { name: 'Error', message: 'boom' },
    diagnostics: [],
    savedFiles: [{ path: 'out.csv', text: 'a,b' }],
  },
  { type: 'worker-restarted', reason: 'timeout', node: 'a', message: 'stopped' },
  { type: 'text-chunk', id: 1, chunk: { offset: 0, text: 'abc', total: 3 } },
  {
    type: 'console-lines',
    id: 2,
    chunk: { from: 0, lines: [{ level: 'log', node: null, text: 'x' }], next: null },
  },
  { type: 'console-lines', id: 2, chunk: null },
];

const check = fastChecker(WorkerEventSchema);
const WRONG: unknown[] = [
  undefined,
  null,
  1.5,
  -1,
  NaN,
  'x',
  true,
  [],
  {},
  [1],
  { a: 1 },
  Float64Array.of(1),
  () => 1,
];

/** Every message made wrong in one place: each value swapped for each wrong one, each field dropped, one added. */
function* mutations(value: unknown): Generator<unknown> {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((x, i) => [i, x])
    : Object.entries(value);
  const rebuilt = (key: string | number, next: unknown, drop = false) => {
    if (Array.isArray(value))
      return drop ? value.filter((_, i) => i !== key) : value.map((x, i) => (i === key ? next : x));
    const out: Record<string, unknown> = { ...value };
    if (drop) delete out[key];
    else out[key] = next;
    return out;
  };
  for (const [key, child] of entries) {
    for (const wrong of WRONG) yield rebuilt(key, wrong);
    yield rebuilt(key, undefined, true);
    for (const inner of mutations(child)) yield rebuilt(key, inner);
  }
  if (!Array.isArray(value)) yield { ...value, extra: 1 };
}

describe('fastChecker', () => {
  it('takes every kind of valid message, with valibot’s output', () => {
    for (const message of messages) {
      const fast = check(message);
      expect(fast).not.toBe(UNSURE);
      expect(fast).toEqual(v.parse(WorkerEventSchema, message));
    }
  });

  it('never takes what valibot refuses, and agrees with it on what both take', () => {
    let refused = 0;
    for (const message of messages)
      for (const changed of mutations(message)) {
        const slow = v.safeParse(WorkerEventSchema, changed, { abortEarly: true });
        const fast = check(changed);
        if (!slow.success) {
          refused++;
          expect(fast, JSON.stringify(changed)).toBe(UNSURE);
        } else if (fast !== UNSURE) expect(fast).toEqual(slow.output);
      }
    // The mutations do reach the refusals they are there for.
    expect(refused).toBeGreaterThan(1000);
  });

  it('keeps a valid message’s own objects, and copies only what it must change', () => {
    const message = messages[1] as { graph: { nodes: unknown[]; edges: unknown[] } };
    const checked = check(message) as typeof message;
    expect(checked.graph.nodes).toBe(message.graph.nodes);
    expect(checked.graph.edges[0]).toBe(message.graph.edges[0]);
    // An entry the protocol does not have, on an object or an array, is left out of a copy.
    const tagged = Object.assign(['x'], { extra: 1 });
    const extra = {
      ...message,
      graph: {
        ...message.graph,
        edges: [{ from: 'x', to: 'a', optional: false, more: 1 }],
        cycles: [tagged],
      },
    };
    const out = check(extra) as { graph: { edges: object[]; cycles: unknown[][] } };
    expect(out.graph.edges[0]).toEqual({ from: 'x', to: 'a', optional: false });
    expect(out.graph.cycles[0]).not.toBe(tagged);
    expect(Object.keys(out.graph.cycles[0])).toEqual(['0']);
  });
});
