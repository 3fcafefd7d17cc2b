import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { Builder } from '.';
import * as parallel_complex from './fixtures/dynamic_parallelism/parallel_complex';
import * as parallel_threads from './fixtures/dynamic_parallelism/parallel_threads';
import { ThreadPoolExecutor } from 'hamilton/threads';

const fixture = (name: string) => new URL(`./fixtures/dynamic_parallelism/${name}.ts`, import.meta.url);
const pools: ThreadPoolExecutor[] = [];
const pool = (name: string, maxThreads = 2) => {
  const p = new ThreadPoolExecutor({ modules: [fixture(name)], maxThreads });
  pools.push(p);
  return p;
};
afterAll(() => Promise.all(pools.map((p) => p.destroy())));

const driver = (module: object, executor: ThreadPoolExecutor) =>
  new Builder()
    .withModules(module)
    .enableDynamicExecution({ allowExperimentalMode: true })
    .withRemoteExecutor(executor)
    .build();

describe('ThreadPoolExecutor (Hamilton MultiProcessingExecutor), on worker threads', () => {
  it('gives the same results as in-process execution, external values and overrides included', async () => {
    const dr = driver(parallel_complex, pool('parallel_complex'));
    expect((await dr.execute(['final'])).final).toBe(165);
    const result = await dr.execute(['final'], {
      overrides: { number_of_steps: 2, param_external_to_block: 0, second_param_external_to_block: 0 },
    });
    expect(result.final).toBe(5);
  });

  it('runs the items on other threads, with outside values and inputs cloned across', async () => {
    const dr = driver(parallel_threads, pool('parallel_threads'));
    const { prime_count } = (await dr.execute(['prime_count'], {
      inputs: { chunks: 8, chunk_size: 2500, offset: 0 },
    })) as { prime_count: { total: number; threads: number[] } };
    expect(prime_count.total).toBe(2262); // primes below 20,000
    expect(prime_count.threads.length).toBeGreaterThan(0);
    expect(prime_count.threads).not.toContain(threadId);
    const withOffset = (await dr.execute(['prime_count'], {
      inputs: { chunks: 2, chunk_size: 10, offset: 1 },
    })) as { prime_count: { total: number } };
    expect(withOffset.prime_count.total).toBe(8 + 2); // 2, 3, 5, 7, 11, 13, 17, 19, plus 1 per item
  });

  it('says what it needs when built without modules', () => {
    expect(() => new ThreadPoolExecutor({} as never)).toThrow(
      'ThreadPoolExecutor: expected { modules: [...] }, the file URLs of the modules the driver is built from',
    );
  });
});
