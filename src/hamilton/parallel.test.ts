import { describe, expect, it } from 'vitest';
import {
  Builder,
  ConcurrentLocalTaskExecutor,
  Driver,
  InvalidExecutorError,
  ParallelBlockError,
  SynchronousLocalTaskExecutor,
  type BeforeNodeExecutionContext,
  type TaskExecutor,
} from '.';
import { analysed } from './function_modifiers/testing';
import { parallelStructure } from './parallel';
import * as inputs_in_collect from './fixtures/dynamic_parallelism/inputs_in_collect';
import * as no_parallel from './fixtures/dynamic_parallelism/no_parallel';
import * as parallel_collect_multiple_arguments from './fixtures/dynamic_parallelism/parallel_collect_multiple_arguments';
import * as parallel_complex from './fixtures/dynamic_parallelism/parallel_complex';
import * as parallel_delayed from './fixtures/dynamic_parallelism/parallel_delayed';
import * as parallel_linear_basic from './fixtures/dynamic_parallelism/parallel_linear_basic';

const dynamic = (executor: TaskExecutor, ...modules: object[]) =>
  new Builder()
    .withModules(...modules)
    .enableDynamicExecution({ allowExperimentalMode: true })
    .withRemoteExecutor(executor)
    .build();

const executors: [string, () => TaskExecutor][] = [
  ['SynchronousLocalTaskExecutor', () => new SynchronousLocalTaskExecutor()],
  ['ConcurrentLocalTaskExecutor', () => new ConcurrentLocalTaskExecutor({ maxTasks: 10 })],
];

describe.each(executors)(
  'dynamic execution with %s (Hamilton tests/execution/test_executors.py)',
  (_, executor) => {
    it('runs a graph without parallel nodes as the ordinary executor does', async () => {
      expect((await dynamic(executor(), no_parallel).execute(['final'])).final).toBe(5 ** 2 + 5 ** 3);
    });

    it('end to end, group by repeatable blocks', async () => {
      const result = await dynamic(executor(), parallel_linear_basic).execute(['final']);
      expect(result.final).toBe(parallel_linear_basic._calc());
      expect(result.final).toBe(280);
    });

    it('a block with external dependencies', async () => {
      expect((await dynamic(executor(), parallel_complex).execute(['final'])).final).toBe(165);
    });

    it('overrides outside the block', async () => {
      const result = await dynamic(executor(), parallel_complex).execute(['final'], {
        overrides: { number_of_steps: 2, param_external_to_block: 0, second_param_external_to_block: 0 },
      });
      expect(result.final).toBe(5);
    });
  },
);

describe('Parallelizable / Collect (Hamilton tests/execution/test_executors.py)', () => {
  const local = () => dynamic(new SynchronousLocalTaskExecutor(), inputs_in_collect);

  it('an input in the collecting node', async () => {
    expect((await local().execute(['collect'])).collect).toBe(46);
  });

  it('an override on the expanding node gives the items', async () => {
    expect((await local().execute(['collect'], { overrides: { par: [1, 2, 3] } })).collect).toBe(7);
  });

  it('an override on the collecting node skips the block', async () => {
    const result = await local().execute(['collect_plus_one'], { overrides: { collect: 100 } });
    expect(result.collect_plus_one).toBe(101);
  });

  it('a collector with several arguments: outside nodes once, the block once per item', async () => {
    const dr = dynamic(new SynchronousLocalTaskExecutor(), parallel_collect_multiple_arguments);
    parallel_collect_multiple_arguments._reset_counter();
    const ITERS = 100;
    const res = await dr.execute(['summed'], { inputs: { iterations: ITERS } });
    expect(res.summed).toBe(((ITERS ** 2 - ITERS) / 2) * 2 - 2 - 1);
    expect(Object.fromEntries(parallel_collect_multiple_arguments._fn_call_counter)).toEqual({
      not_to_repeat: 1,
      number_to_repeat: 1,
      something_else_not_to_repeat: 1,
      double: ITERS,
      summed: 1,
    });
  });

  it('no items: the collector receives an empty array', async () => {
    const dr = dynamic(new SynchronousLocalTaskExecutor(), parallel_linear_basic);
    expect((await dr.execute(['final'], { overrides: { number_of_steps: 0 } })).final).toBe(
      parallel_linear_basic._calc(0),
    );
  });

  it('items of async nodes overlap with the concurrent executor, never above maxTasks; one at a time with the synchronous one', async () => {
    const run = async (executor: TaskExecutor) => {
      parallel_delayed._in_flight.max = 0;
      const result = await dynamic(executor, parallel_delayed).execute(['final'], {
        inputs: { delay_seconds: 0.001, number_of_steps: 30 },
      });
      return [result.final, parallel_delayed._in_flight.max];
    };
    expect(await run(new ConcurrentLocalTaskExecutor({ maxTasks: 7 }))).toEqual([197780, 7]);
    expect(await run(new SynchronousLocalTaskExecutor())).toEqual([197780, 1]);
  });

  it('executeSync runs the items one after another; collects in item order', () => {
    const order: number[] = [];
    const mod = {
      items: analysed(() => ['a', 'b', 'c'], { name: 'items', returnType: 'Parallelizable<string>' }),
      upper: analysed((items: string) => (order.push(order.length), items.toUpperCase()), {
        name: 'upper',
        params: 'items: string',
        returnType: 'string',
      }),
      joined: analysed((upper: string[]) => upper.join(''), {
        name: 'joined',
        params: 'upper: Collect<string>',
        returnType: 'string',
      }),
    };
    expect(dynamic(new SynchronousLocalTaskExecutor(), mod).executeSync(['joined', 'items'])).toEqual({
      joined: 'ABC',
      items: ['a', 'b', 'c'],
    });
  });

  it('an async generator, collected directly, and item order kept when items finish out of order', async () => {
    const mod = {
      urls: analysed(
        async function* () {
          yield* [30, 1, 10];
        },
        { name: 'urls', returnType: 'Parallelizable<number>' },
      ),
      loaded: analysed(
        async (urls: number) => {
          await new Promise((r) => setTimeout(r, urls));
          return `page ${urls}`;
        },
        { name: 'loaded', params: 'urls: number', returnType: 'Promise<string>' },
      ),
      pages: analysed((loaded: string[]) => loaded, { name: 'pages', params: 'loaded: Collect<string>' }),
      all_urls: analysed((urls: number[]) => urls.length, {
        name: 'all_urls',
        params: 'urls: Collect<number>',
      }),
    };
    const dr = dynamic(new ConcurrentLocalTaskExecutor(), {
      urls: mod.urls,
      loaded: mod.loaded,
      pages: mod.pages,
    });
    expect(await dr.execute(['pages'])).toEqual({ pages: ['page 30', 'page 1', 'page 10'] });
    const direct = dynamic(new ConcurrentLocalTaskExecutor(), { urls: mod.urls, all_urls: mod.all_urls });
    expect(await direct.execute(['all_urls'])).toEqual({ all_urls: 3 });
  });

  it('node hooks carry the task id and the item index', async () => {
    const seen: string[] = [];
    const dr = new Builder()
      .withModules(inputs_in_collect)
      .enableDynamicExecution({ allowExperimentalMode: true })
      .withAdapters({
        runBeforeNodeExecution: (c: BeforeNodeExecutionContext) => {
          seen.push(`${c.nodeName}@${c.itemIndex ?? '-'}:${c.taskId ?? '-'}`);
        },
      })
      .build();
    await dr.execute(['collect'], { overrides: { num: 2 } });
    expect(seen).toEqual([
      'par@-:-',
      'foo@-:-',
      'identity@0:expand-par.0.block-par',
      'identity@1:expand-par.1.block-par',
      'collect@-:-',
    ]);
  });

  it('a failing item rejects the execution with its own error', async () => {
    const mod = {
      n: analysed(() => [1, 2, 3], { name: 'n', returnType: 'Parallelizable<number>' }),
      check: analysed(
        (n: number) => {
          if (n === 2) throw new RangeError('two is bad');
          return n;
        },
        { name: 'check', params: 'n: number' },
      ),
      all: analysed((check: number[]) => check, { name: 'all', params: 'check: Collect<number>' }),
    };
    await expect(dynamic(new ConcurrentLocalTaskExecutor(), mod).execute(['all'])).rejects.toThrow(
      new RangeError('two is bad'),
    );
  });
});

describe("Hamilton's rules and errors", () => {
  it('the default executor refuses parallel nodes (InvalidExecutorException)', async () => {
    const dr = new Driver({}, parallel_linear_basic);
    await expect(dr.execute(['final'])).rejects.toThrow(InvalidExecutorError);
    expect(() => dr.validateExecution(['final'])).toThrow(
      "Default graph executor cannot handle parallelizable[]/collect[] nodes. Node steps defined by functions: ['steps']",
    );
    // Nodes upstream of the parallel block still run without it.
    expect(await dr.execute(['number_of_steps'])).toEqual({ number_of_steps: 6 });
  });

  it('dynamic execution must be allowed explicitly, before its executors are set', () => {
    expect(() => new Builder().enableDynamicExecution()).toThrow(
      'Remote execution is currently experimental. Please set { allowExperimentalMode: true } to enable it.',
    );
    expect(() => new Builder().withRemoteExecutor(new SynchronousLocalTaskExecutor())).toThrow(
      'Cannot set execution manager without first enabling the V2 Driver',
    );
    const enabled = new Builder().enableDynamicExecution({ allowExperimentalMode: true });
    expect(() =>
      enabled
        .withRemoteExecutor(new SynchronousLocalTaskExecutor())
        .withRemoteExecutor(new SynchronousLocalTaskExecutor()),
    ).toThrow('Cannot set remote executor twice');
    expect(() => enabled.withRemoteExecutor({} as TaskExecutor)).toThrow(
      'withRemoteExecutor: expected a task executor (an object with execute(tasks)), got [object Object]',
    );
    expect(() => new ConcurrentLocalTaskExecutor({ maxTasks: 0 })).toThrow(
      'ConcurrentLocalTaskExecutor: maxTasks must be a whole number of at least 1, got 0',
    );
  });

  const fn = (name: string, params: string, returnType = 'number') =>
    analysed((...args: number[]) => args.length, { name, params, returnType });

  it('only one Collect downstream of a Parallelizable (the documented caveat)', async () => {
    const dr = dynamic(new SynchronousLocalTaskExecutor(), {
      split: fn('split', 'columns: string[]', 'Parallelizable<number>'),
      sub_metric_1: fn('sub_metric_1', 'split: number'),
      sub_metric_2: fn('sub_metric_2', 'split: number'),
      metric_1: fn('metric_1', 'sub_metric_1: Collect<number>'),
      metric_2: fn('metric_2', 'sub_metric_2: Collect<number>'),
    });
    await expect(dr.execute(['metric_1'], { inputs: { columns: [] } })).rejects.toThrow(
      'Parallelizable[] node split is collected by more than one node (metric_1, metric_2): only one Collect[] may be downstream of a Parallelizable[]',
    );
  });

  it('one Collect parameter per function; no nesting; nothing reads per-item values outside the block', async () => {
    const dr = dynamic(new SynchronousLocalTaskExecutor(), {
      outer: fn('outer', '', 'Parallelizable<number>'),
      inner: fn('inner', 'outer: number', 'Parallelizable<number>'),
      leaf: fn('leaf', 'inner: number'),
      both: fn('both', 'leaf: Collect<number>, outer: Collect<number>'),
      total: fn('total', 'leaf: Collect<number>'),
      peek: fn('peek', 'leaf: number'),
    });
    const message = await dr.execute(['total']).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toContain(
      'Node both has more than one Collect[] parameter (leaf, outer): Collect[] input types are limited to one per function.',
    );
    expect(message).toContain(
      'Parallelizable[] inner reads the items of Parallelizable[] outer: nested Parallelizable[]/Collect[] blocks are not supported, only one level of parallelization.',
    );
    const zipped = dynamic(new SynchronousLocalTaskExecutor(), {
      left: fn('left', '', 'Parallelizable<number>'),
      right: fn('right', '', 'Parallelizable<number>'),
      pair: fn('pair', 'left: number, right: number'),
      pairs: fn('pairs', 'pair: Collect<number>'),
    });
    await expect(zipped.execute(['pairs'])).rejects.toThrow(
      'Node pairs collects pair, which is downstream of several Parallelizable[] nodes (left, right): a block has one Parallelizable[] (nested Parallelizable[]/Collect[] blocks are not supported, only one level of parallelization.)',
    );
  });

  it('per-item nodes cannot be requested, nor read by a node outside the block', async () => {
    const mod = {
      items: fn('items', '', 'Parallelizable<number>'),
      each: fn('each', 'items: number'),
      gathered: fn('gathered', 'each: Collect<number>'),
      leaky: fn('leaky', 'each: number, gathered: number'),
    };
    const dr = dynamic(new SynchronousLocalTaskExecutor(), mod);
    const error = await dr.execute(['each']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      "Node leaky reads each, which runs once per item of items, outside the block between Parallelizable[] items and Collect[] gathered: only gathered may read the block's results, through its Collect[] parameter.",
    );
    expect((error as Error).message).toContain(
      'Node each runs once per item of Parallelizable[] items, so it cannot be requested: request gathered, which collects the items.',
    );
    const noisy = dynamic(new SynchronousLocalTaskExecutor(), {
      items: mod.items,
      gathered: fn('gathered', 'items: Collect<number>'),
      lonely: fn('lonely', 'x: Collect<number>'),
    });
    await expect(noisy.execute(['lonely'], { inputs: { x: 1 } })).rejects.toThrow(ParallelBlockError);
    await expect(noisy.execute(['lonely'], { inputs: { x: 1 } })).rejects.toThrow(
      'Node lonely collects x, which is not downstream of any Parallelizable[] node.',
    );
  });

  it('a Parallelizable node must return something iterable', async () => {
    const dr = dynamic(new SynchronousLocalTaskExecutor(), {
      items: fn('items', '', 'Parallelizable<number>'),
      all: fn('all', 'items: Collect<number>'),
    });
    await expect(dr.execute(['all'])).rejects.toThrow(
      'Parallelizable node items returned 0, which is not iterable: return a generator, an array or another iterable of the items.',
    );
  });
});

describe("the block between a Parallelizable and its Collect (Hamilton's nodes_between, GroupByRepeatableBlocks)", () => {
  /** A module from `{ node: [dependencies] }`: `start` yields items, `end` collects its only dependency. */
  const moduleOf = (dag: Record<string, string[]>, start: string, end: string) =>
    Object.fromEntries(
      Object.entries(dag).map(([name, deps]) => [
        name,
        analysed((...args: unknown[]) => (name === start ? [1, 2] : args.length), {
          name,
          params: deps.map((d) => `${d}: ${name === end ? 'Collect<number>' : 'number'}`).join(', '),
          returnType: name === start ? 'Parallelizable<number>' : 'number',
        }),
      ]),
    );
  const blockOf = (module: object) => {
    const dr = dynamic(new SynchronousLocalTaskExecutor(), module);
    const { blocks, problems } = parallelStructure(dr.graph);
    expect(problems).toEqual([]);
    return blocks.map((b) => ({
      expander: dr.graph.nodeList[b.expander].name,
      collector: dr.graph.nodeList[b.collector].name,
      nodes: b.nodes.map((i) => dr.graph.nodeList[i].name).sort(),
    }));
  };

  it.each<[string, Record<string, string[]>, string[], string, string]>([
    ['simple_base', { a: [], b: ['a'], c: ['b'] }, ['b'], 'a', 'c'],
    ['longer_chain', { a: [], b: ['a'], c: ['b'], d: ['c'], e: ['d'] }, ['b', 'c', 'd'], 'a', 'e'],
    [
      'complex_dag',
      {
        a: ['b', 'c'],
        b: ['d'],
        c: ['d'],
        d: ['e'],
        e: ['f'],
        f: ['g'],
        g: ['h'],
        h: ['i', 'j'],
        i: ['k'],
        j: ['k'],
        k: ['l'],
        l: ['m', 'n'],
        m: ['o'],
        n: ['o'],
        o: ['p'],
        p: ['q'],
        q: [],
      },
      ['e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p'],
      'q',
      'd',
    ],
    ['subdag_with_external_dep', { a: [], b: [], c: ['a', 'b'], d: ['c'] }, ['c'], 'a', 'd'],
    [
      'issue_948',
      {
        random_int: [],
        numbers: ['random_int'],
        add1: ['numbers', 'random_int'],
        add2: ['add1', 'random_int'],
        collect_numbers: ['add2'],
        final_result: ['collect_numbers'],
      },
      ['add1', 'add2'],
      'numbers',
      'collect_numbers',
    ],
  ])('%s', (_, dag, between, start, end) => {
    expect(blockOf(moduleOf(dag, start, end))).toEqual([{ expander: start, collector: end, nodes: between }]);
  });

  it('parallel_linear_basic has a block of 3 nodes, parallel_complex one of 5', () => {
    expect(blockOf(parallel_linear_basic)[0].nodes).toHaveLength(3);
    expect(blockOf(parallel_complex)[0]).toEqual({
      expander: 'steps',
      collector: 'sum_of_some_things',
      nodes: [
        'double_plus_triple_plus_param_external_to_block',
        'double_plus_triple_step',
        'double_step',
        'step_modified',
        'triple_step',
      ],
    });
  });
});
