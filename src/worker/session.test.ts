/**
 * The worker's compile and run logic in Node: native esbuild injected, events collected instead of posted.
 */
import * as esbuild from 'esbuild';
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureConsole } from './console';
import {
  TEXT_CHUNK_CHARS,
  type CompiledEvent,
  type RunFinishedEvent,
  type RunRequest,
  type SourceFile,
  type WorkerEvent,
} from './protocol';
import { installRuntime } from './runtime';
import { trackUserTimers, type UserTimers } from './timers';
import { Session } from './session';
import { parseWorkerMessage, parseWorkerNotice } from './validate';

beforeAll(() => installRuntime(hamilton, frame));
let restoreConsole = () => {};
afterEach(() => restoreConsole());

function newSession(userTimers?: UserTimers) {
  const events: WorkerEvent[] = [];
  /** Every event and notice in order, as `evaluating <id> <done>` or the event's type. */
  const timeline: string[] = [];
  const transfers: Transferable[][] = [];
  const session = new Session({
    esbuild,
    post: (event, transfer = []) => {
      // Everything the session posts must pass the host's own check.
      if (event.type === 'evaluating') {
        expect(parseWorkerNotice(event)).toEqual(event);
        timeline.push(`evaluating ${event.id} ${event.done}`);
        return;
      }
      timeline.push(event.type);
      expect(parseWorkerMessage(event)).not.toBeNull();
      events.push(event);
      transfers.push(transfer);
    },
    now: () => performance.now(),
    userTimers,
  });
  restoreConsole = captureConsole(console, (level, args) => session.console(level, args));
  let id = 0;
  const compile = async (files: SourceFile[], config: Record<string, string> = {}) => {
    await session.receive({ type: 'compile', id: ++id, files, config });
    return events.filter((e): e is CompiledEvent => e.type === 'compiled').at(-1)!;
  };
  const run = async (request: Partial<Omit<RunRequest, 'type' | 'id'>> = {}) => {
    const runId = ++id;
    await session.receive({
      type: 'run',
      id: runId,
      outputs: [],
      inputs: {},
      overrides: {},
      tables: {},
      ...request,
    });
    const finished = events.find(
      (e): e is RunFinishedEvent => e.type === 'run-finished' && e.runId === runId,
    )!;
    return {
      finished,
      events: events.filter((e) => 'runId' in e && e.runId === runId),
      transfer: transfers[events.indexOf(finished)],
    };
  };
  return { session, events, timeline, compile, run };
}

const features: SourceFile = {
  name: 'features.ts',
  code: `import { config } from 'hamilton';
import { scale } from './helpers';

/** Spend per visit. */
export function spend_per_visit(spend: number, visits: number): number {
  return scale(spend / visits);
}

export const bonus__high = config.when({ tier: 'high' })(function bonus(spend_per_visit: number): number {
  return spend_per_visit * 2;
});
export const bonus__low = config.when({ tier: 'low' })(function bonus(spend_per_visit: number): number {
  return spend_per_visit;
});

export function report(bonus: number, label: string = 'total'): string {
  console.log('reporting', label, { bonus });
  return label + ': ' + bonus;
}

export function broken(spend: number): number {
  if (spend > 100) {
    throw new RangeError('spend too high: ' + spend);
  }
  return spend;
}

export function downstream_of_broken(broken: number): number {
  return broken + 1;
}

export function thrower(visits: number): number {
  throw { code: 42 };
}
`,
};
const helpers: SourceFile = {
  name: 'helpers.ts',
  code: `export function scale(x: number): number {\n  return Math.round(x * 100) / 100;\n}\n`,
};

describe('compile', () => {
  it('builds the graph of several files, with variables, config keys and timings', async () => {
    const { compile } = newSession();
    const compiled = await compile([features, helpers], { tier: 'high' });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(compiled.stale).toBe(false);
    const names = compiled.graph!.nodes.map((n) => n.name);
    expect(names).toEqual(
      expect.arrayContaining(['spend_per_visit', 'bonus', 'report', 'spend', 'visits', 'label', 'tier']),
    );
    // `scale` is a helper of another module imported here, not a node of features; helpers.ts exports it as its own node.
    expect(compiled.graph!.edges).toContainEqual({ from: 'spend_per_visit', to: 'bonus', optional: false });
    expect(compiled.graph!.edges).toContainEqual({ from: 'label', to: 'report', optional: true });
    const spv = compiled.variables.find((v) => v.name === 'spend_per_visit')!;
    expect(spv.documentation).toBe('Spend per visit.');
    expect(spv.location).toEqual({ file: 'features.ts', line: 5, column: expect.any(Number) });
    expect(compiled.configKeys).toEqual([{ key: 'tier', values: ['high', 'low'] }]);
    expect(Object.keys(compiled.timings).sort()).toEqual([
      'analyse',
      'bundle',
      'esbuild',
      'evaluate',
      'graph',
    ]);
  });

  it('answers only the newest of several queued compiles', async () => {
    const { session, events } = newSession();
    const files = [features, helpers];
    const done = [1, 2, 3].map((id) => session.receive({ type: 'compile', id, files, config: {} }));
    await Promise.all(done);
    expect(events.filter((e) => e.type === 'compiled').map((e) => (e as CompiledEvent).id)).toEqual([3]);
  });

  it('reports a syntax error at its place, with no graph', async () => {
    const { compile } = newSession();
    const compiled = await compile([
      { name: 'a.ts', code: 'export function a(x: number {\n  return x;\n}\n' },
    ]);
    expect(compiled.graph).toBeNull();
    expect(compiled.diagnostics[0]).toMatchObject({ severity: 'error', file: 'a.ts', line: 1 });
  });

  it('names what is available when an import is unknown', async () => {
    const { compile } = newSession();
    const compiled = await compile([
      { name: 'a.ts', code: "import _ from 'lodash';\nexport const a = (x: number) => x;\n" },
    ]);
    expect(compiled.graph).toBeNull();
    expect(compiled.diagnostics[0].message).toContain("'hamilton'");
    expect(compiled.diagnostics[0]).toMatchObject({ file: 'a.ts', line: 1 });
  });

  it('maps an error thrown by module top-level code to its TypeScript line', async () => {
    const { compile } = newSession();
    const code =
      'type T = { a: number };\nconst t: T = { a: 1 };\nexport function a(x: number): number { return x; }\nthrow new Error("top " + t.a);\n';
    const compiled = await compile([{ name: 'top.ts', code }]);
    expect(compiled.graph).toBeNull();
    expect(compiled.diagnostics).toContainEqual(
      expect.objectContaining({
        source: 'runtime',
        file: 'top.ts',
        line: 4,
        message: expect.stringContaining('top 1'),
      }),
    );
  });

  it('reports graph-building errors', async () => {
    const { compile } = newSession();
    const compiled = await compile([
      { name: 'a.ts', code: 'export function x(y: number): number { return y; }\n' },
      { name: 'b.ts', code: 'export function x(z: number): number { return z; }\n' },
    ]);
    expect(compiled.graph).toBeNull();
    expect(compiled.diagnostics[0]).toMatchObject({ source: 'graph', message: expect.stringContaining('x') });
  });
});

describe('run', () => {
  it('brackets only user code with evaluating notices, for the watchdog', async () => {
    const { compile, run, timeline } = newSession();
    await compile([{ name: 'a.ts', code: 'export function a(x: number): number {\n  return x;\n}\n' }]);
    await run({ inputs: { x: 1 } });
    expect(timeline).toEqual([
      'evaluating 1 false',
      'compiled',
      'evaluating 1 true',
      'evaluating 2 false',
      'node-started',
      'node-finished',
      'evaluating 2 true',
      'run-finished',
    ]);
  });

  it('streams node events, captures console output with its node, and returns every sink', async () => {
    const { compile, run } = newSession();
    await compile([features, helpers], { tier: 'high' });
    const { finished, events } = await run({ outputs: ['report'], inputs: { spend: 50, visits: 4 } });
    expect(finished).toMatchObject({ ok: true, skipped: [], validations: [] });
    expect(finished.results.report).toEqual({ kind: 'scalar', type: 'string', text: 'total: 25' });
    const order = events
      .filter((e) => e.type === 'node-started' || e.type === 'node-finished')
      .map((e) => `${e.type}:${'node' in e ? e.node : ''}`);
    expect(order).toEqual([
      'node-started:spend_per_visit',
      'node-finished:spend_per_visit',
      'node-started:bonus',
      'node-finished:bonus',
      'node-started:report',
      'node-finished:report',
    ]);
    // Each node's start, after the run's start, for the waterfall: in order, each after the last's.
    const starts = events.flatMap((e) => (e.type === 'node-finished' ? [e.startMs!] : []));
    expect(starts.every((t, i) => t >= 0 && (i === 0 || t >= starts[i - 1]))).toBe(true);
    const log = events.find((e) => e.type === 'console');
    expect(log).toMatchObject({ level: 'log', node: 'report', text: 'reporting total {"bonus":25}' });
  });

  it('runs Parallelizable/Collect blocks, the items concurrently, each node event carrying its item', async () => {
    const { compile, run } = newSession();
    const code = [
      "import type { Collect, Parallelizable } from 'hamilton';",
      'export function* urls(count: number): Parallelizable<string> {',
      '  for (let i = 0; i < count; i++) yield `page${i}`;',
      '}',
      'export async function loaded(urls: string): Promise<number> {',
      '  await new Promise((r) => setTimeout(r, 5 - urls.length));',
      '  return urls.length;',
      '}',
      'export function total(loaded: Collect<number>): number[] {',
      '  return loaded;',
      '}',
    ].join('\n');
    await compile([{ name: 'pages.ts', code }]);
    const { finished, events } = await run({ outputs: ['total'], inputs: { count: 3 } });
    expect(finished).toMatchObject({ ok: true });
    expect(JSON.stringify(finished.results.total)).toContain('5,5,5');
    const started = events
      .filter((e) => e.type === 'node-started')
      .map((e) => `${'node' in e ? e.node : ''}${'item' in e ? `#${e.item}` : ''}`);
    expect(started).toEqual(['urls', 'loaded#0', 'loaded#1', 'loaded#2', 'total']);
    // All three items started before the first finished: they overlap.
    const first = events.findIndex((e) => e.type === 'node-finished' && 'item' in e);
    expect(events.slice(0, first).filter((e) => e.type === 'node-started')).toHaveLength(4);
  });

  it('maps a failing node to its TypeScript line and lists the nodes it kept from running', async () => {
    const { compile, run } = newSession();
    await compile([features, helpers], { tier: 'low' });
    const { finished, events } = await run({ outputs: ['downstream_of_broken'], inputs: { spend: 500 } });
    expect(finished.ok).toBe(false);
    const failed = events.find((e) => e.type === 'node-failed');
    expect(failed).toMatchObject({
      node: 'broken',
      error: { name: 'RangeError', message: 'spend too high: 500', file: 'features.ts', line: 23 },
    });
    // The node's own error, as Hamilton raises it; the run names the node, and the report is logged.
    expect(finished.error).toMatchObject({
      name: 'RangeError',
      node: 'broken',
      file: 'features.ts',
      line: 23,
    });
    expect(events.find((e) => e.type === 'console' && e.level === 'error')).toMatchObject({
      node: 'broken',
      text: expect.stringMatching(
        /^Node broken \[features\.broken\(\)\] encountered an error[^]*> Node inputs:\n {2}spend: 500/,
      ),
    });
    expect(finished.skipped).toEqual(['downstream_of_broken']);
    expect(finished.diagnostics[0]).toMatchObject({ source: 'runtime', file: 'features.ts', line: 23 });
  });

  it('refuses a run with missing inputs, each at its first reader and marked on its input node', async () => {
    const { compile, run } = newSession();
    await compile([features, helpers], { tier: 'low' });
    const { finished, events } = await run({ outputs: ['report'], inputs: {} });
    expect(finished.ok).toBe(false);
    expect(events.some((e) => e.type === 'node-started')).toBe(false);
    expect(finished.diagnostics.map((d) => [d.node, d.file, d.line])).toEqual([
      ['spend', 'features.ts', 21], // broken reads it too, and comes first by name
      ['visits', 'features.ts', 5],
    ]);
    expect(finished.diagnostics[0].message).toMatch(
      /^Required input spend not provided for nodes: \['broken', 'spend_per_visit'\]\./,
    );
  });

  it('reports a non-Error throw with the value and the node', async () => {
    const { compile, run } = newSession();
    await compile([features, helpers], { tier: 'low' });
    const { finished, events } = await run({ outputs: ['thrower'], inputs: { visits: 1 } });
    expect(finished.ok).toBe(false);
    expect(events.find((e) => e.type === 'node-failed')).toMatchObject({
      node: 'thrower',
      error: { name: 'NonErrorThrown', message: expect.stringContaining('{"code":42}') },
    });
  });

  it('reads CSV tables into frames and returns results as full typed columns to transfer', async () => {
    const { compile, run } = newSession();
    await compile([
      {
        name: 'orders.ts',
        code: `import { DataFrame, Series } from 'hamilton/frame';
export function amount(orders: DataFrame): Series<number> { return orders.column('amount') as Series<number>; }
export function doubled(amount: Series<number>): Series<number> { return amount.mul(2); }
export function total(doubled: Series<number>): number { return doubled.sum(); }
`,
      },
    ]);
    const rows = Array.from({ length: 50 }, (_, i) => `${i},${i * 10}`).join('\n');
    const { finished, events, transfer } = await run({
      outputs: ['doubled', 'total'],
      tables: { orders: `id,amount\n${rows}\n` },
    });
    expect(finished.ok).toBe(true);
    const doubled = finished.results.doubled;
    if (doubled.kind !== 'series') throw new Error(doubled.kind);
    expect(doubled.column.values).toBeInstanceOf(Float64Array);
    expect(doubled.column.values.length).toBe(50);
    expect(doubled.truncated).toBe(false);
    expect(doubled.stats?.max).toBe(980);
    expect(finished.results.total).toMatchObject({ text: String(2 * 10 * ((49 * 50) / 2)) });
    expect(transfer).toContain((doubled.column.values as Float64Array).buffer);
    const preview = events.find((e) => e.type === 'node-finished' && e.node === 'amount');
    expect(preview).toMatchObject({ preview: { kind: 'series', length: 50, truncated: true } });
  });

  it('gives tables to loaders as <table>.csv and returns the files savers wrote', async () => {
    const { compile, run } = newSession();
    await compile([
      {
        name: 'io.ts',
        code: `import { loadFrom, saveTo } from 'hamilton';
import type { DataFrame } from 'hamilton/frame';
export const big = saveTo.csv({ path: 'out/big.csv', outputName_: 'save_big' })(
  loadFrom.csv({ path: 'orders.csv' })(function big(orders: DataFrame): DataFrame {
    return orders.filter(orders.column('amount').gt(10));
  }),
);
`,
      },
    ]);
    const { finished } = await run({ outputs: ['save_big'], tables: { orders: 'id,amount\n1,5\n2,20\n' } });
    expect(finished.ok).toBe(true);
    expect(finished.savedFiles).toEqual([{ path: 'out/big.csv', text: 'id,amount\n2,20\n' }]);
    const again = await run({ outputs: ['big'], tables: { orders: 'id,amount\n1,5\n' } });
    expect(again.finished.savedFiles).toBeUndefined();
  });

  it('live: an edited table reaches its loader, and with the same tables what reads it is neither stale nor rerun', async () => {
    const { session, compile, run } = newSession();
    session.useCache({ entries: [], versions: [] });
    const io = (note: string): SourceFile[] => [
      {
        name: 'io.ts',
        code: `import { loadFrom } from 'hamilton';
import type { DataFrame } from 'hamilton/frame';
export const total = loadFrom.csv({ path: 'orders.csv' })(function total(orders: DataFrame): number {
  return orders.column('amount').sum();
});
export function label(total: number, note: string): string {
  return '${note}' + total;
}
`,
      },
    ];
    await compile(io('a'));
    const request = { outputs: ['label'], inputs: { note: '' } };
    const first = await run({ ...request, tables: { orders: 'id,amount\n1,5\n2,20\n' } });
    expect(first.finished.results.label).toMatchObject({ text: 'a25' });
    const edited = await run({ ...request, tables: { orders: 'id,amount\n1,5\n' } });
    expect(edited.finished.results.label).toMatchObject({ text: 'a5' });

    const again = await run({ ...request, tables: { orders: 'id,amount\n1,5\n' } });
    const finished = (node: string) =>
      again.events.find((e) => e.type === 'node-finished' && e.node === node) as { cached?: boolean };
    // The loader reads the table again; the same data lets what reads it be retrieved.
    expect(finished('total.load_data.orders').cached).toBeFalsy();
    expect(finished('total').cached).toBe(true);
    expect(finished('label').cached).toBe(true);

    // An edit elsewhere: only the edited function is stale, not the loader or what reads it.
    const compiled = await compile(io('b'));
    expect(compiled.staleNodes?.map((n) => n.node)).toEqual(['label']);
  });

  it('reports data-quality validators', async () => {
    const { compile, run } = newSession();
    await compile([
      {
        name: 'q.ts',
        code: `import { checkOutput } from 'hamilton';\nexport const score = checkOutput({ range: [0, 1] })(function score(x: number): number { return x; });\n`,
      },
    ]);
    const { finished } = await run({ outputs: ['score'], inputs: { x: 5 } });
    expect(finished.validations).toEqual([
      {
        node: 'score',
        validator: 'score_range_validator',
        passes: false,
        importance: 'warn',
        message: expect.any(String),
      },
    ]);
  });

  it('refuses to run a project that does not compile', async () => {
    const { compile, run } = newSession();
    await compile([{ name: 'a.ts', code: 'export function a( {' }]);
    const { finished } = await run();
    expect(finished).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('does not compile') },
    });
  });
});

describe('user timers', () => {
  const saved = { setTimeout, clearTimeout, setInterval, clearInterval };
  afterEach(() => Object.assign(globalThis, saved));

  it("an edit stops the previous version's intervals; a run's timers still fire", async () => {
    const timers = trackUserTimers(globalThis);
    const { compile, run, events } = newSession(timers);
    const ticker = (label: string): SourceFile => ({
      name: 'tick.ts',
      code: `setInterval(() => console.log('${label}'), 5);
export async function slow(x: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return x * 2;
}
`,
    });
    await compile([ticker('v1')]);
    await new Promise((resolve) => saved.setTimeout(resolve, 40));
    await compile([ticker('v2')]);
    const before = events.length;
    await new Promise((resolve) => saved.setTimeout(resolve, 40));
    const later = events
      .slice(before)
      .filter((e) => e.type === 'console')
      .map((e) => (e as { text: string }).text);
    expect(later).toContain('v2');
    expect(later).not.toContain('v1');
    const { finished } = await run({ outputs: ['slow'], inputs: { x: 21 } });
    expect(finished.results.slow).toMatchObject({ text: '42' });
    timers.clear();
  });
});

describe('strings cut before they cross', () => {
  const long: SourceFile = {
    name: 'long.ts',
    code: `export function text(n: number): string {
  console.log('L'.repeat(n));
  return 'R'.repeat(n);
}
export function fails(n: number): number {
  throw new Error('E'.repeat(n));
}
`,
  };

  it("holds the latest run's long result, console line and error message, and hands out the rest", async () => {
    const { session, compile, run, events } = newSession();
    await compile([long]);
    const { finished } = await run({ outputs: ['text'], inputs: { n: 1_000_000 } });
    const result = finished.results.text;
    if (result.kind !== 'scalar' || !result.cut) throw new Error(JSON.stringify(result).slice(0, 200));
    expect(result.cut).toMatchObject({ request: finished.runId, total: 1_000_000 });
    expect(result.text.length).toBeLessThan(result.cut.shown + 100);
    const line = events.find((e) => e.type === 'console' && e.runId === finished.runId);
    if (line?.type !== 'console' || !line.cut) throw new Error('the console line was not cut');
    expect(line.cut.total).toBe(1_000_000);

    const ask = (cut: NonNullable<typeof line.cut>, offset: number) => {
      return session.textChunk({ type: 'text-chunk', id: 9, held: cut, from: offset });
    };
    const chunk = ask(result.cut, result.cut.shown);
    expect(chunk).toMatchObject({
      type: 'text-chunk',
      id: 9,
      chunk: { offset: result.cut.shown, total: 1_000_000 },
    });
    expect(chunk?.type === 'text-chunk' && chunk.chunk?.text).toBe('R'.repeat(TEXT_CHUNK_CHARS));
    expect(ask(line.cut, line.cut.shown)).toMatchObject({ chunk: { text: 'L'.repeat(TEXT_CHUNK_CHARS) } });

    const failed = await run({ outputs: ['fails'], inputs: { n: 50_000 } });
    const cut = failed.finished.error?.messageCut;
    if (!cut) throw new Error('the error message was not cut');
    expect(ask(cut, cut.shown)).toMatchObject({ chunk: { text: 'E'.repeat(50_000 - cut.shown) } });
    // The newer run let the first one's strings go.
    expect(ask(result.cut, result.cut.shown)).toMatchObject({ type: 'text-chunk', chunk: null });
  });
});
