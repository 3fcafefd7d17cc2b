import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from './clip';
import { frameMessage, graphMessage } from './fixtures/events';
import { explainWorkerMessage, parseWorkerMessage, parseWorkerNotice } from './validate';

const graph = graphMessage;

const compiled = {
  type: 'compiled',
  id: 3,
  graph,
  variables: [],
  configKeys: [{ key: 'mode', values: ['batch'] }],
  stale: false,
  diagnostics: [{ severity: 'error', source: 'syntax', message: 'x', file: 'a.ts', line: 1, column: 2 }],
  timings: { bundle: 3.5 },
};

const frame = frameMessage;

describe('parseWorkerMessage', () => {
  it('accepts every event kind, rebuilt with only protocol fields', () => {
    const valid: unknown[] = [
      { type: 'ready', initMs: 812 },
      compiled,
      {
        type: 'compiled',
        id: 4,
        graph: null,
        variables: [],
        configKeys: [],
        stale: false,
        diagnostics: [],
        timings: {},
      },
      { type: 'node-started', runId: 1, node: 'a' },
      frame,
      {
        type: 'node-finished',
        runId: 1,
        node: 'a',
        durationMs: 0,
        preview: { kind: 'scalar', type: 'number', text: '3' },
      },
      {
        type: 'node-finished',
        runId: 1,
        node: 'a',
        durationMs: 0,
        preview: { kind: 'tree', type: 'Object', value: { a: [1, null, 'x'] }, truncated: false },
      },
      {
        type: 'node-failed',
        runId: 1,
        node: 'a',
        durationMs: 2,
        error: { name: 'Error', message: 'boom', file: 'a.ts', line: 3, column: 9 },
      },
      { type: 'console', runId: null, level: 'warn', node: null, text: 'hi' },
      {
        type: 'run-finished',
        runId: 1,
        ok: true,
        durationMs: 4,
        results: {},
        skipped: ['c'],
        validations: [
          {
            node: 'x',
            validator: 'x_range_validator',
            passes: false,
            importance: 'warn',
            message: 'out of range',
          },
        ],
        diagnostics: [],
      },
    ];
    for (const message of valid) {
      expect(explainWorkerMessage(message)).toBeNull();
      expect(parseWorkerMessage(message)).toEqual(message);
    }
    const withExtra = parseWorkerMessage({ type: 'node-started', runId: 1, node: 'a', html: '<b>x</b>' });
    expect(withExtra).toEqual({ type: 'node-started', runId: 1, node: 'a' });
  });

  it.each([
    ['not an object', '<img src=x onerror=alert(1)>'],
    ['null', null],
    ['an array', [{ type: 'ready', initMs: 1 }]],
    ['an unknown type', { type: 'eval', code: 'alert(1)' }],
    ['a non-numeric id', { ...compiled, id: '3' }],
    ['a fractional id', { ...compiled, id: 3.5 }],
    ['NaN timings', { ...compiled, timings: { bundle: NaN } }],
    ['a function in a string field', { type: 'node-started', runId: 1, node: () => 'a' }],
    [
      'an object where text belongs',
      { type: 'console', runId: 1, level: 'log', node: null, text: { toString: (): string => '<script>' } },
    ],
    ['an unknown console level', { type: 'console', runId: 1, level: 'html', node: null, text: 'x' }],
    [
      'an unknown diagnostic source',
      { ...compiled, diagnostics: [{ severity: 'error', source: 'dom', message: 'x' }] },
    ],
    [
      'a node with a bad kind',
      { ...compiled, graph: { ...graph, nodes: [{ ...graph.nodes[0], kind: 'script' }] } },
    ],
    [
      'a tag that is a number',
      { ...compiled, graph: { ...graph, nodes: [{ ...graph.nodes[0], tags: { a: 1 } }] } },
    ],
    ['a class instance posing as an object', { type: 'ready', initMs: 1, __proto__: { x: 1 } }],
    [
      'a number column that is a plain array',
      { ...frame, preview: { ...frame.preview, columns: [{ name: 'n', dtype: 'number', values: [1, 2] }] } },
    ],
    [
      'a boolean column in a Float64Array',
      {
        ...frame,
        preview: { ...frame.preview, columns: [{ name: 'b', dtype: 'boolean', values: Float64Array.of(1) }] },
      },
    ],
    [
      'a histogram whose edges and counts disagree',
      {
        ...frame,
        preview: {
          ...frame.preview,
          stats: { n: { ...frame.preview.stats.n, histogram: { edges: [1], counts: [2] } } },
        },
      },
    ],
    [
      'an unknown preview kind',
      { type: 'node-finished', runId: 1, node: 'a', durationMs: 0, preview: { kind: 'html', html: '<b>' } },
    ],
    [
      'a missing field',
      { type: 'run-finished', runId: 1, ok: true, durationMs: 4, results: {}, skipped: [], diagnostics: [] },
    ],
    [
      'a validation with an unknown importance',
      {
        type: 'run-finished',
        runId: 1,
        ok: true,
        durationMs: 4,
        results: {},
        skipped: [],
        validations: [{ node: 'x', validator: 'v', passes: true, importance: 'ignore', message: '' }],
        diagnostics: [],
      },
    ],
  ])('rejects %s', (_, message) => {
    expect(parseWorkerMessage(message)).toBeNull();
    expect(explainWorkerMessage(message)).toEqual(expect.any(String));
  });

  it('rejects JSON nested deeper than the limit instead of overflowing the stack', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(
      parseWorkerMessage({
        type: 'node-finished',
        runId: 1,
        node: 'a',
        durationMs: 0,
        preview: { kind: 'tree', type: 'Array', value, truncated: false },
      }),
    ).toBeNull();
  });

  it('rejects records with an inherited prototype, nested too', () => {
    const tags = Object.create({ injected: '<b>' }) as Record<string, string>;
    tags.module = 'm';
    expect(
      parseWorkerMessage({ ...compiled, graph: { ...graph, nodes: [{ ...graph.nodes[0], tags }] } }),
    ).toBeNull();
  });

  it('drops unknown fields at every depth, not only at the top', () => {
    const parsed = parseWorkerMessage({
      ...compiled,
      diagnostics: [{ severity: 'error', source: 'syntax', message: 'x', onclick: 'alert(1)' }],
    });
    expect(parsed).toEqual({
      ...compiled,
      diagnostics: [{ severity: 'error', source: 'syntax', message: 'x' }],
    });
  });

  it('cuts oversized strings to the message budget, inside JSON values too', () => {
    const long = 'x'.repeat(MAX_MESSAGE_CHARS + 5);
    const line = parseWorkerMessage({ type: 'console', runId: 1, level: 'log', node: null, text: long });
    expect(line).toMatchObject({ text: `${'x'.repeat(MAX_MESSAGE_CHARS)}… (5 more characters)` });
    const tree = parseWorkerMessage({
      type: 'node-finished',
      runId: 1,
      node: 'a',
      durationMs: 0,
      preview: { kind: 'tree', type: 'Array', value: [long], truncated: false },
    });
    expect(tree).toMatchObject({
      preview: { value: [`${'x'.repeat(MAX_MESSAGE_CHARS)}… (5 more characters)`] },
    });
  });

  it('accepts the NaN statistics of a column without values', () => {
    const empty = {
      count: 0,
      missing: 2,
      mean: NaN,
      std: NaN,
      min: NaN,
      max: NaN,
      histogram: { edges: [], counts: [] },
    };
    const message = { ...frame, preview: { ...frame.preview, stats: { n: empty } } };
    expect(explainWorkerMessage(message)).toBeNull();
  });

  it('says where a message went wrong', () => {
    expect(explainWorkerMessage({ type: 'console', runId: 1, level: 'html', node: null, text: 'x' })).toMatch(
      /^level: /,
    );
  });
});

describe('parseWorkerNotice', () => {
  it('reads the host-only notice and nothing else', () => {
    expect(parseWorkerNotice({ type: 'evaluating', id: 2, done: false, extra: 1 })).toEqual({
      type: 'evaluating',
      id: 2,
      done: false,
    });
    expect(parseWorkerNotice({ type: 'evaluating', id: 2.5, done: false })).toBeNull();
    expect(parseWorkerNotice({ type: 'ready', initMs: 1 })).toBeNull();
    expect(parseWorkerNotice(null)).toBeNull();
    expect(
      parseWorkerNotice({
        get type() {
          return 'evaluating';
        },
        id: 2,
        done: false,
      }),
    ).toBeNull();
    expect(parseWorkerNotice({ type: 'evaluating', id: 2, done: false, at: new Date() })).toBeNull();
  });
});
