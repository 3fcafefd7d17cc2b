import { describe, expect, it } from 'vitest';
import type { ExecuteNodeContext, LifecycleAdapter } from '../adapters';
import { Builder } from '../builder';
import { DictResult } from '../results';
import { analysed } from '../function_modifiers/testing';
import { to } from '../io/materialization';
import { MemoryFileSystem, useFileSystem } from '../io/files';
import { EdgeConnectionHook, NodeExecutionMethod, StaticValidator, ValidationException } from './api';
import {
  acceptErrorSentinels,
  formatTimeDelta,
  FunctionInputOutputTypeChecker,
  GracefulErrorAdapter,
  PrintLn,
  ProgressBar,
} from './default';
import type { Variable } from '../description';

class SentinelException extends Error {}

/** Hamilton's `_sample_driver` module: a, b, c (optionally broken), d. */
const sample = {
  a: analysed((input: number) => Math.trunc(input) % 7, {
    name: 'a',
    params: 'input: number',
    returnType: 'number',
  }),
  b: analysed((a: number) => a * 2, { name: 'b', params: 'a: number', returnType: 'number' }),
  c: analysed(
    (a: number, b: number, broken = false) => {
      if (broken) throw new SentinelException('broken');
      return a * 3 + b * 2;
    },
    { name: 'c', params: 'a: number, b: number, broken?: boolean', returnType: 'number' },
  ),
  d: analysed((c: number) => c ** 3, { name: 'd', params: 'c: number', returnType: 'number' }),
};

const sampleDriver = (...adapters: LifecycleAdapter[]) =>
  new Builder()
    .withModules(sample)
    .withAdapters(...adapters)
    .build();

/** Hamilton's TrackingDoNodeExecuteHook: runs the node and adds a value. */
class AddOne extends NodeExecutionMethod {
  readonly calls: string[] = [];
  runToExecuteNode({ nodeName, nodeCallable, nodeKwargs }: ExecuteNodeContext): unknown {
    this.calls.push(nodeName);
    return (nodeCallable(nodeKwargs) as number) + 1;
  }
}

describe('NodeExecutionMethod', () => {
  it('runs every node through runToExecuteNode (Hamilton: d = 17**3 + 1), in execute and executeSync', async () => {
    const method = new AddOne();
    expect(await sampleDriver(method).execute(['d'], { inputs: { input: 1 } })).toEqual({ d: 17 ** 3 + 1 });
    expect(method.calls).toEqual(['a', 'b', 'c', 'd']);
    expect(sampleDriver(new AddOne()).executeSync(['d'], { inputs: { input: 1 } })).toEqual({
      d: 17 ** 3 + 1,
    });
  });

  it('still calls the node hooks around it, and only the first method runs nodes', () => {
    const seen: string[] = [];
    const hooks: LifecycleAdapter = {
      runBeforeNodeExecution: ({ nodeName }) => void seen.push(`before ${nodeName}`),
      runAfterNodeExecution: ({ nodeName, result }) => void seen.push(`after ${nodeName}=${String(result)}`),
    };
    const second = new AddOne();
    sampleDriver(new AddOne(), second, hooks).executeSync(['b'], { inputs: { input: 1 } });
    expect(seen).toEqual(['before a', 'after a=2', 'before b', 'after b=5']);
    expect(second.calls).toEqual([]);
  });
});

describe('StaticValidator', () => {
  class Valid extends StaticValidator {
    readonly nodes: string[] = [];
    constructor(private readonly ok: boolean) {
      super();
    }
    override runToValidateNode({ node }: { node: Variable }) {
      this.nodes.push(node.name);
      return this.ok ? ([true, null] as const) : ([false, 'test message'] as const);
    }
  }

  it('validates every node, inputs included (six for the sample), at build', () => {
    const validator = new Valid(true);
    sampleDriver(validator);
    expect(validator.nodes).toHaveLength(6);
  });

  it('fails the build with every failing node, sorted, in Hamilton’s message', () => {
    const validator = new Valid(false);
    expect(() => sampleDriver(validator)).toThrow(ValidationException);
    expect(validator.nodes).toHaveLength(6);
    expect(() => sampleDriver(new Valid(false))).toThrow(
      'Node validation failed! 6 errors encountered:\n  a: test message\n  b: test message\n  broken: test message\n  c: test message\n  d: test message\n  input: test message',
    );
  });

  it('validates the graph once, and joins failures of several validators', () => {
    class OutputsNeedTable extends StaticValidator {
      override runToValidateGraph({ graph }: { graph: { nodes: readonly Variable[] } }) {
        return graph.nodes.length > 3
          ? ([false, `too many nodes: ${graph.nodes.length}`] as const)
          : ([true, null] as const);
      }
    }
    const plain: LifecycleAdapter = { validateGraph: () => [false, 'another'] };
    expect(() => sampleDriver(new OutputsNeedTable(), plain)).toThrow(
      'Graph validation failed! 2 errors encountered:\tanother\ttoo many nodes: 6',
    );
  });

  it('validates the graph materialize builds', () => {
    useFileSystem(new MemoryFileSystem());
    class NoSavers extends StaticValidator {
      override runToValidateNode({ node }: { node: Variable }) {
        return node.tags['hamilton.data_saver'] ? ([false, 'no saving'] as const) : ([true, null] as const);
      }
    }
    const dr = sampleDriver(new NoSavers());
    expect(() =>
      dr.materializeSync(
        to.json({ id: 'saved', dependencies: ['d'], path: 'o.json', combine: new DictResult() }),
        {
          inputs: { input: 1 },
        },
      ),
    ).toThrow('Node validation failed! 1 errors encountered:\n  saved: no saving');
    useFileSystem(undefined);
  });
});

describe('GracefulErrorAdapter', () => {
  it('gives a failing node the sentinel and skips what depends on it; the rest runs', () => {
    const seen: string[] = [];
    const dr = sampleDriver(new GracefulErrorAdapter(SentinelException), {
      runAfterNodeExecution: ({ nodeName }) => void seen.push(nodeName),
    });
    expect(dr.executeSync(['b', 'd'], { inputs: { input: 1, broken: true } })).toEqual({ b: 2, d: null });
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets other errors through, uses a chosen sentinel, and injects it into nodes that accept it', async () => {
    const dr = sampleDriver(new GracefulErrorAdapter(TypeError));
    await expect(dr.execute(['d'], { inputs: { input: 1, broken: true } })).rejects.toThrow('broken');
    const report = acceptErrorSentinels(
      analysed((c: unknown) => (c === 'FAILED' ? 'c failed' : `c = ${String(c)}`), {
        name: 'report',
        params: 'c: number',
      }),
    );
    const withReport = new Builder()
      .withModules({ ...sample, report })
      .withAdapters(new GracefulErrorAdapter(SentinelException, { sentinelValue: 'FAILED' }))
      .build();
    expect(await withReport.execute(['d', 'report'], { inputs: { input: 1, broken: true } })).toEqual({
      d: 'FAILED',
      report: 'c failed',
    });
  });
});

describe('PrintLn', () => {
  it('prints each node before and after, with Hamilton’s wording', () => {
    const lines: string[] = [];
    sampleDriver(new PrintLn({ printFn: (l) => lines.push(l), nodeFilter: ['a', 'c'] })).executeSync(['c'], {
      inputs: { input: 1 },
    });
    expect(lines.map((l) => l.replace(/ in [\d.e+-]+(μs|ms|s)\./, ' in T.'))).toEqual([
      'Executing node: a.',
      'Finished debugging node: a in T. Status: Success.',
      'Executing node: c.',
      'Finished debugging node: c in T. Status: Success.',
    ]);
  });

  it('shows inputs and results at verbosity 2, and refuses other verbosities', () => {
    const lines: string[] = [];
    sampleDriver(new PrintLn({ verbosity: 2, printFn: (l) => lines.push(l), nodeFilter: 'b' })).executeSync(
      ['b'],
      {
        inputs: { input: 1 },
      },
    );
    expect(lines[0]).toBe("Executing node: b. Inputs: \n{'a': 1}");
    expect(lines[1]).toMatch(/^Finished debugging node: b in .*\. Status: Success\. Result: \n2\n$/);
    expect(() => new PrintLn({ verbosity: 3 as 1 })).toThrow('Verbosity must be one of [1, 2], got 3');
  });

  it('formats times as Python’s .3g', () => {
    expect(formatTimeDelta(0.0000123)).toBe('12.3μs');
    expect(formatTimeDelta(0.0125)).toBe('12.5ms');
    expect(formatTimeDelta(1.5)).toBe('1.5s');
    expect(formatTimeDelta(1234)).toBe('1.23e+03s');
  });
});

describe('FunctionInputOutputTypeChecker', () => {
  it('refuses an input or a result that does not fit its declared type', () => {
    // The driver checks external inputs before anything runs (Hamilton's check_input_type), so the
    // adapter's input check is seen on a value passed from one node to the next.
    const dr = sampleDriver(new FunctionInputOutputTypeChecker());
    expect(() => dr.executeSync(['a'], { inputs: { input: '1' } })).toThrow('Type requirement mismatch');
    const wrong = analysed(() => 'x', { name: 'wrong', returnType: 'number[]' });
    const reader = analysed((w: number[]) => w, { name: 'reader', params: 'wrong: number[]' });
    const dr3 = new Builder()
      .withModules({ wrong, reader })
      .withAdapters(new FunctionInputOutputTypeChecker({ checkOutput: false }))
      .build();
    expect(() => dr3.executeSync(['reader'])).toThrow(
      'Node reader received an input of type string for wrong, expected number[]',
    );
    const dr2 = new Builder()
      .withModules({ wrong })
      .withAdapters(new FunctionInputOutputTypeChecker())
      .build();
    expect(() => dr2.executeSync(['wrong'])).toThrow(
      'Node wrong returned a result of type string, expected number[]',
    );
    expect(
      sampleDriver(new FunctionInputOutputTypeChecker()).executeSync(['d'], { inputs: { input: 1 } }),
    ).toEqual({ d: 343 });
  });
});

describe('ProgressBar', () => {
  it('reports each node done out of the nodes the run executes', () => {
    const lines: string[] = [];
    sampleDriver(new ProgressBar({ desc: 'sample', printFn: (l) => lines.push(l) })).executeSync(['d'], {
      inputs: { input: 1 },
    });
    expect(lines).toEqual([
      'sample -> a: 1/4 funcs',
      'sample -> b: 2/4 funcs',
      'sample -> c: 3/4 funcs',
      'sample -> d: 4/4 funcs',
    ]);
  });
});

describe('EdgeConnectionHook', () => {
  /** Lets strings through where numbers are asked for, as a Hamilton user's hook might for numeric text. */
  class NumericText extends EdgeConnectionHook {
    checkEdgeTypesMatch(): boolean {
      return false;
    }
    validateInput(nodeType: string, inputValue: unknown): boolean {
      return nodeType === 'number' ? !Number.isNaN(Number(inputValue)) : true;
    }
  }

  it('decides which input values pass, in place of the driver’s own check', () => {
    expect(() => sampleDriver().executeSync(['a'], { inputs: { input: '9' } })).toThrow(
      'Type requirement mismatch. Expected input:number got 9:string instead.',
    );
    expect(sampleDriver(new NumericText()).executeSync(['a'], { inputs: { input: '9' } })).toEqual({ a: 2 });
    expect(() => sampleDriver(new NumericText()).executeSync(['a'], { inputs: { input: 'nine' } })).toThrow(
      '1 errors encountered: \n  Error: Type requirement mismatch. Expected input:number got nine:string instead.',
    );
  });
});
