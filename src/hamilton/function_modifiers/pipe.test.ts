import { describe, expect, it } from 'vitest';
import { modifiersOf } from './base';
import { source, value } from './dependencies';
import { extractFields } from './extract';
import { applyTo, mutate, pipeInput, pipeOutput, step } from './pipe';
import { analysed, driverOf, edgesOf, nodesOf, thrown } from './testing';

const _add_one = analysed((v: number) => v + 1, {
  name: '_add_one',
  params: 'v: number',
  returnType: 'number',
});
const _add_n = analysed((v: number, n: number) => v + n, {
  name: '_add_n',
  params: 'v: number, n: number',
  returnType: 'number',
});
const _multiply_n = analysed((v: number, n: number) => v * n, {
  name: '_multiply_n',
  params: 'v: number, n: number',
  returnType: 'number',
});
const add_two = analysed((v: number) => v + 2, {
  name: 'add_two',
  params: 'v: number',
  returnType: 'number',
});
const _test_apply_function = analysed((foo: number, bar: number, baz = 100) => foo + bar + baz, {
  name: '_test_apply_function',
  params: 'foo: number, bar: number, baz?: number',
  returnType: 'number',
});

describe('pipeInput', () => {
  const chain = analysed(
    pipeInput(
      step(_add_one),
      step(add_two),
      step(_add_n, { n: 3 }).when({ calc_c: true }),
      step(_add_n, { n: source('input_1') }),
      step(_multiply_n, { n: source('input_2') }),
    )((v: number) => v * 10),
    { name: 'chain', params: 'v: number', returnType: 'number' },
  );

  it('chains the first parameter through fn.with_<step> nodes, numbering repeats', () => {
    const dr = driverOf({ chain }, { calc_c: true });
    expect(edgesOf(dr)).toEqual([
      'chain <- chain.with_multiply_n',
      'chain.with_add_one <- v',
      'chain.with_add_two <- chain.with_add_one',
      'chain.with_add_n <- chain.with_add_two',
      'chain.with_add_n_1 <- chain.with_add_n, input_1',
      'chain.with_multiply_n <- chain.with_add_n_1, input_2',
    ]);
  });

  it('computes like the nested calls, with .when steps skipped when config says so', async () => {
    const inputs = { v: 10, input_1: 20, input_2: 30 };
    const on = await driverOf({ chain }, { calc_c: true }).execute(['chain'], { inputs });
    expect(on.chain).toBe((10 + 1 + 2 + 3 + 20) * 30 * 10);
    const [modifier] = modifiersOf(chain);
    expect(modifier.configKeys).toEqual(['calc_c']);
    expect(modifier.configValues).toEqual({ calc_c: [true] });
    const offDriver = driverOf({ chain }, { calc_c: false });
    expect(nodesOf(offDriver).has('chain.with_add_n_1')).toBe(false);
    expect((await offDriver.execute(['chain'], { inputs })).chain).toBe((10 + 1 + 2 + 20) * 30 * 10);
  });

  it('names steps with .named, namespaced by the function unless the pipe says otherwise', async () => {
    const named = analysed(
      pipeInput(step(_test_apply_function, source('bar_upstream'), { baz: value(10) }).named('node_1'))(
        (result: number) => result,
      ),
      { name: 'named', params: 'result: number' },
    );
    expect(edgesOf(driverOf({ named }))).toEqual([
      'named <- named.node_1',
      'named.node_1 <- result, bar_upstream',
    ]);
    const flat = analysed(
      pipeInput(step(_test_apply_function, source('bar_upstream'), { baz: value(1000) }).named('node_1'), {
        namespace: null,
      })((result: number) => result),
      { name: 'flat', params: 'result: number' },
    );
    const dr = driverOf({ flat });
    expect(edgesOf(dr)).toEqual(['flat <- node_1', 'node_1 <- result, bar_upstream']);
    expect(await dr.execute(['flat'], { inputs: { result: 1, bar_upstream: 10 } })).toEqual({ flat: 1011 });
  });

  it('refuses a custom step namespace when the pipe sets one', () => {
    const bad = analysed(
      pipeInput(step(_test_apply_function, { bar: source('b') }).named('n', 'custom'), { namespace: null })(
        (r: number) => r,
      ),
      { name: 'bad', params: 'r: number' },
    );
    expect(() => driverOf({ bad })).toThrow(
      /setting namespace globally inside pipe\(\.\.\.\)\/flow\(\.\.\.\) is not compatible/,
    );
  });

  it('refuses arguments that do not bind', () => {
    const bad = analysed(
      pipeInput(step(_add_n, { zzz: 1 }))((v: number) => v),
      { name: 'bad', params: 'v: number', line: 4 },
    );
    expect(() => driverOf({ bad })).toThrow(
      "Function: _add_n cannot be applied with the following args: [] and the following kwargs: {'zzz': 1}",
    );
    expect(thrown(() => driverOf({ bad }))?.location?.line).toBe(4);
  });
});

describe('pipeOutput', () => {
  it('renames the function fn.raw and ends at fn', async () => {
    const f = analysed(
      pipeOutput(step(_add_one), step(_add_n, { n: value(5) }))((x: number) => x * 2),
      {
        name: 'f',
        params: 'x: number',
        returnType: 'number',
      },
    );
    const dr = driverOf({ f, g: analysed((f: number) => f, { name: 'g', params: 'f: number' }) });
    expect(edgesOf(dr)).toEqual([
      'f.raw <- x',
      'f.with_add_one <- f.raw',
      'f.with_add_n <- f.with_add_one',
      'f <- f.with_add_n',
      'g <- f',
    ]);
    expect(await dr.execute(['g'], { inputs: { x: 1 } })).toEqual({ g: 2 + 1 + 5 });
  });

  it('keeps the function as is when no step applies', () => {
    const f = analysed(
      pipeOutput(step(_add_one).when({ on: true }))((x: number) => x),
      { name: 'f', params: 'x: number' },
    );
    expect(edgesOf(driverOf({ f }))).toEqual(['f <- x']);
  });

  it('applies per-output steps with onOutput after extractFields', async () => {
    const fields = analysed(
      pipeOutput(
        step(_add_one),
        step(add_two).onOutput('field_1'),
      )(extractFields({ field_1: 'number', field_2: 'number' })(() => ({ field_1: 1, field_2: 2 }))),
      { name: 'fields', returnType: '{ field_1: number; field_2: number }' },
    );
    const dr = driverOf({ fields });
    expect(edgesOf(dr)).toEqual([
      'fields <- ',
      'field_1.raw <- fields',
      'field_1.with_add_one <- field_1.raw',
      'field_1.with_add_two <- field_1.with_add_one',
      'field_1 <- field_1.with_add_two',
      'field_2.raw <- fields',
      'field_2.with_add_one <- field_2.raw',
      'field_2 <- field_2.with_add_one',
    ]);
    expect(await dr.execute(['field_1', 'field_2'])).toEqual({ field_1: 4, field_2: 3 });
  });

  it('refuses onOutput on both the pipe and a step', () => {
    const bad = analysed(
      pipeOutput(step(_add_one).onOutput('a'), { onOutput: 'b' })((x: number) => x),
      { name: 'bad', params: 'x' },
    );
    expect(() => driverOf({ bad })).toThrow('Cannot have target set on pipe_output and step level.');
  });
});

describe('mutate', () => {
  it('appends the mutating function as a pipeOutput step of its targets', async () => {
    const A = analysed((x: number) => x + 1, { name: 'A', params: 'x: number', returnType: 'number' });
    const B = analysed((x: number) => x * 10, { name: 'B', params: 'x: number', returnType: 'number' });
    const _scale = analysed(
      mutate(A, applyTo(B, { k: value(3) }), { k: value(2) })((v: number, k: number) => v * k),
      {
        name: '_scale',
        params: 'v: number, k: number',
        returnType: 'number',
      },
    );
    const dr = driverOf({ A, B, _scale });
    expect(edgesOf(dr)).toEqual([
      'A.raw <- x',
      'A.with_scale <- A.raw',
      'A <- A.with_scale',
      'B.raw <- x',
      'B.with_scale <- B.raw',
      'B <- B.with_scale',
    ]);
    expect(await dr.execute(['A', 'B'], { inputs: { x: 1 } })).toEqual({ A: 4, B: 30 });
  });

  it('refuses targets from another module', () => {
    const other = analysed((x: number) => x, { name: 'other', params: 'x', module: 'elsewhere' });
    const m = analysed(
      mutate(other)((v: number) => v),
      { name: 'm', params: 'v' },
    );
    expect(() => driverOf({ m })).toThrow(
      /The functions have to be in the same module\.\.\. The target function other is in module elsewhere/,
    );
  });
});
