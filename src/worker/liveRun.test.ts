/**
 * Live mode across user-code workers, in Node: each version of the project is evaluated by a fresh
 * Session (as each compile gets a fresh worker), seeded from one LiveCache (the runtime worker's), with
 * what crosses between them structured-cloned as it is between workers.
 */
import * as esbuild from 'esbuild';
import * as hamilton from 'hamilton';
import * as frame from 'hamilton/frame';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundle } from './build';
import { LiveCache } from './liveCache';
import type {
  CompiledEvent,
  NodeFinishedEvent,
  NodeStartedEvent,
  RunRequest,
  SourceFile,
  WorkerEvent,
} from './protocol';
import { installRuntime } from './runtime';
import { Session } from './session';
import { parseWorkerMessage } from './validate';

beforeAll(() => installRuntime(hamilton, frame));

const source = (factor: number): SourceFile[] => [
  {
    name: 'flow.ts',
    code: `import { Series } from 'hamilton/frame';
export function spend(raw: number[]): Series<number> { return Series.from(raw); }
export function doubled(spend: Series<number>): Series<number> { return spend.mul(${factor}); }
export function total(spend: Series<number>): number { return spend.sum(); }
export function report(doubled: Series<number>, total: number): string { return doubled.sum() + '/' + total; }
`,
  },
];

const request = (id: number, raw: number[]): RunRequest => ({
  type: 'run',
  id,
  outputs: ['report'],
  inputs: { raw },
  overrides: {},
  tables: {},
});

/** One version of the project in its own session, seeded from `cache` as the supervisor does. */
async function version(cache: LiveCache, factor: number, lastRun?: RunRequest) {
  const events: WorkerEvent[] = [];
  const session = new Session({
    post: (event) => {
      if (event.type === 'evaluating') return;
      expect(parseWorkerMessage(event)).not.toBeNull();
      events.push(event);
    },
    now: () => performance.now(),
  });
  session.useCache(structuredClone(cache.index()));
  const files = source(factor);
  const bundled = await bundle(esbuild, files);
  session.compileBundled({ type: 'compile', id: 1, files, config: {} }, bundled, 0, lastRun);
  const compiled = events.find((e): e is CompiledEvent => e.type === 'compiled')!;
  let seeded = false;
  const run = async (req: RunRequest) => {
    if (!seeded)
      session.seedCache(structuredClone(cache.resultsOf(new Set(['spend', 'doubled', 'total', 'report']))));
    seeded = true;
    const from = events.length;
    await session.receive(req);
    cache.add(structuredClone(session.takeCacheNews()!));
    const ran = events.slice(from);
    const finished = ran.filter((e): e is NodeFinishedEvent => e.type === 'node-finished');
    return {
      computed: finished.filter((e) => !e.cached).map((e) => e.node),
      cached: finished.filter((e) => e.cached).map((e) => e.node),
      reasons: Object.fromEntries(
        ran.filter((e): e is NodeStartedEvent => e.type === 'node-started').map((e) => [e.node, e.reasons]),
      ),
      result: ran.find((e) => e.type === 'run-finished'),
    };
  };
  return { compiled, run };
}

describe('live mode', () => {
  it('reuses what an earlier version computed and reruns only an edited node and its downstream', async () => {
    const cache = new LiveCache();
    const first = await version(cache, 2);
    expect(first.compiled.staleNodes).toBeUndefined();
    const cold = await first.run(request(2, [1, 2, 3]));
    expect(cold.computed.sort()).toEqual(['doubled', 'report', 'spend', 'total']);
    expect(cold.reasons.spend).toEqual([{ kind: 'new' }]);

    const edited = await version(cache, 3, request(2, [1, 2, 3]));
    expect(edited.compiled.staleNodes).toEqual([
      { node: 'doubled', reasons: [{ kind: 'code' }] },
      { node: 'report', reasons: [{ kind: 'upstream', node: 'doubled' }] },
    ]);
    const warm = await edited.run(request(3, [1, 2, 3]));
    expect(warm.computed).toEqual(['doubled', 'report']);
    expect(warm.cached.sort()).toEqual(['spend', 'total']);
    expect(warm.reasons.doubled).toEqual([{ kind: 'code' }]);
    expect(warm.reasons.spend).toBeUndefined();
    const report = (warm.result as { results: Record<string, { text?: string }> }).results.report;
    expect(report.text).toContain('18/6');

    // A new input value makes everything that reads it stale, in the same version.
    const input = await edited.run(request(4, [1, 2, 4]));
    expect(input.reasons.spend).toEqual([{ kind: 'input', node: 'raw' }]);
    expect(input.cached).toEqual([]);
  });

  it('keeps its results under the byte bound, least recently used out first', () => {
    const cache = new LiveCache(10_000);
    const entry = (n: number) => ({
      nodeName: `n${n}`,
      codeVersion: 'c',
      dependencies: {},
      dataVersion: `v${n}`,
      runId: 'r',
    });
    for (let n = 0; n < 10; n++)
      cache.add({
        kind: 'cache-news',
        entries: [[`k${n}`, entry(n)]],
        results: [[`v${n}`, new Float64Array(300)]],
      });
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.resultsOf(new Set(['n0'])).length).toBe(0);
    expect(cache.resultsOf(new Set(['n9'])).length).toBe(1);
    // Too large for the bound, or malformed: not kept.
    cache.add({
      kind: 'cache-news',
      entries: [['bad', { nodeName: 1 } as never]],
      results: [['big', new Float64Array(5000)]],
    });
    expect(cache.index().entries.some(([key]) => key === 'bad')).toBe(false);
    expect(cache.index().versions).not.toContain('big');
  });
});
