import { describe, expect, it } from 'vitest';
import { Builder } from '../builder';
import type { Driver } from '../driver';
import { ConcurrentLocalTaskExecutor, SynchronousLocalTaskExecutor, type TaskExecutor } from '../executors';
import * as parallel_complex from '../fixtures/dynamic_parallelism/parallel_complex';

/** How each node's result came, per run: `run` or `cache`, one letter a call (items in order). */
type Sources = Record<string, string>;

function cachedDynamic(executor: TaskExecutor, sources: Sources[]): Driver {
  return new Builder()
    .withModules(parallel_complex)
    .enableDynamicExecution({ allowExperimentalMode: true })
    .withRemoteExecutor(executor)
    .withAdapters({
      runBeforeGraphExecution: () => void sources.push({}),
      runAfterNodeExecution: ({ nodeName, fromCache }) => {
        const run = sources[sources.length - 1];
        run[nodeName] = (run[nodeName] ?? '') + (fromCache ? 'c' : 'r');
      },
    })
    .withCache()
    .build();
}

const INSIDE = [
  'step_modified',
  'double_step',
  'triple_step',
  'double_plus_triple_step',
  'double_plus_triple_plus_param_external_to_block',
];

const executors: [string, () => TaskExecutor][] = [
  ['SynchronousLocalTaskExecutor', () => new SynchronousLocalTaskExecutor()],
  ['ConcurrentLocalTaskExecutor', () => new ConcurrentLocalTaskExecutor({ maxTasks: 10 })],
];

describe.each(executors)('caching through a parallel block, with %s', (_, executor) => {
  it('retrieves every item of the block and the collector on a second run; the expander recomputes', async () => {
    const sources: Sources[] = [];
    const dr = cachedDynamic(executor(), sources);
    const first = await dr.execute(['final']);
    const second = await dr.execute(['final']);
    expect(second).toEqual(first);
    expect(first.final).toBe(165);
    for (const name of INSIDE) {
      expect(sources[0][name]).toBe('rrrrr');
      expect(sources[1][name]).toBe('ccccc');
    }
    expect(sources[1]).toMatchObject({
      steps: 'r',
      number_of_steps: 'c',
      sum_of_some_things: 'c',
      final: 'c',
    });
  });

  it('keys each item by its own value: one more item runs only that item, then the collector', async () => {
    const sources: Sources[] = [];
    const dr = cachedDynamic(executor(), sources);
    await dr.execute(['final']);
    const more = await dr.execute(['final'], { overrides: { number_of_steps: 6 } });
    const uncached = await new Builder()
      .withModules(parallel_complex)
      .enableDynamicExecution({ allowExperimentalMode: true })
      .withRemoteExecutor(executor())
      .build()
      .execute(['final'], { overrides: { number_of_steps: 6 } });
    expect(more).toEqual(uncached);
    for (const name of INSIDE) expect(sources[1][name]).toBe('cccccr');
    expect(sources[1]).toMatchObject({ sum_of_some_things: 'r', final: 'r' });
  });

  it('a changed value read from outside the block runs every item again', async () => {
    const sources: Sources[] = [];
    const dr = cachedDynamic(executor(), sources);
    await dr.execute(['final']);
    await dr.execute(['final'], { overrides: { second_param_external_to_block: 5 } });
    expect(sources[1].step_modified).toBe('rrrrr');
    // Read only by the last node of the block: the first nodes of each item are retrieved.
    await dr.execute(['final'], {
      overrides: { second_param_external_to_block: 5, param_external_to_block: 9 },
    });
    expect(sources[2]).toMatchObject({
      step_modified: 'ccccc',
      double_plus_triple_step: 'ccccc',
      double_plus_triple_plus_param_external_to_block: 'rrrrr',
    });
  });
});

describe('the log of a run through a parallel block', () => {
  it('is one run, with each per-item event under its task id and the given values logged once', () => {
    const dr = cachedDynamic(new SynchronousLocalTaskExecutor(), []);
    dr.executeSync(['final'], { overrides: { param_external_to_block: 3 } });
    expect(dr.cache.runIds).toHaveLength(1);
    const events = dr.cache.logs({ runId: dr.cache.lastRunId, level: 'debug' });
    const executions = events.double_step.filter((e) => e.eventType === 'EXECUTE_NODE');
    expect(executions.map((e) => e.taskId)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `expand-steps.${i}.block-steps`),
    );
    expect(events.param_external_to_block.filter((e) => e.eventType === 'IS_OVERRIDE')).toHaveLength(1);
    expect(events.final.map((e) => e.taskId)).not.toContain(expect.any(String));
    expect(Object.keys(dr.cache.logs({ runId: dr.cache.lastRunId }))).toEqual(
      expect.arrayContaining(['steps', ...INSIDE, 'sum_of_some_things', 'final']),
    );
  });

  it('viewRun marks the per-item nodes retrieved on a second run', () => {
    const dr = cachedDynamic(new SynchronousLocalTaskExecutor(), []);
    dr.executeSync(['final']);
    dr.executeSync(['final']);
    const cache = Object.fromEntries(dr.cache.viewRun().nodes.map((n) => [n.name, n.cache]));
    expect(cache).toMatchObject({ steps: 'executed', double_step: 'retrieved', final: 'retrieved' });
  });

  it('wouldExecute lists the expander (it always recomputes) and what reads it', () => {
    const dr = cachedDynamic(new SynchronousLocalTaskExecutor(), []);
    dr.executeSync(['final']);
    const stale = dr.cache.wouldExecute(['final']);
    expect(stale[0]).toEqual({ name: 'steps', reasons: [{ kind: 'behavior', behavior: 'recompute' }] });
    expect(stale.map((s) => s.name)).toContain('step_modified');
  });
});
