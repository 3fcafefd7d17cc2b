/**
 * Decorators called with arguments of the wrong shape: a TypeError naming the decorator and what it
 * expected, thrown where the decorator is called, never an error from inside.
 */
import { describe, expect, it } from 'vitest';
import { config } from './config';
import { checkOutput, checkOutputCustom } from './check_output';
import { value } from './dependencies';
import { extractColumns } from './extract';
import { inject, parameterize, parameterizeSources, parameterizeValues } from './parameterize';
import { mutate, pipeInput, pipeOutput, step } from './pipe';
import { tag, tagOutputs } from './tags';
import { analysed, driverOf, edgesOf, nodesOf } from './testing';

describe('parameterizeValues accepts an object of name → value as well as [[name, doc], value] entries', () => {
  const fn = (x: number, delta: number) => x + delta;
  const analysis = { name: 'shifted', params: 'x: number, delta: number', doc: 'x shifted to {output_name}' };

  it('with the options object (Hamilton keywords), the way users write it', async () => {
    const shifted = analysed(
      parameterizeValues({ parameter: 'delta', assignedOutput: { plus_2: 2, plus_3: 3 } })(fn),
      analysis,
    );
    const dr = driverOf({ shifted });
    expect(edgesOf(dr)).toEqual(['plus_2 <- x', 'plus_3 <- x']);
    expect(nodesOf(dr).get('plus_3')?.documentation).toBe('x shifted to plus_3');
    expect(await dr.execute(['plus_2', 'plus_3'], { inputs: { x: 1 } })).toEqual({ plus_2: 3, plus_3: 4 });
  });

  it('positionally, and with a Map of [name, doc] keys', async () => {
    const fromObject = analysed(parameterizeValues('delta', { plus_5: 5 })(fn), analysis);
    expect(await driverOf({ fromObject }).execute(['plus_5'], { inputs: { x: 1 } })).toEqual({ plus_5: 6 });
    const fromMap = analysed(
      parameterizeValues('delta', new Map([[['plus_7', 'seven'] as const, 7]]))(fn),
      analysis,
    );
    expect(nodesOf(driverOf({ fromMap })).get('plus_7')?.documentation).toBe('seven');
  });
});

describe('decorators refuse arguments of the wrong shape, naming themselves and what they expected', () => {
  const loose = <T>(f: T) => f as unknown as (...args: unknown[]) => unknown;
  it.each<[string, () => unknown, string]>([
    [
      'parameterizeValues without a parameter',
      () => loose(parameterizeValues)({ assignedOutput: { a: 1 } }),
      'parameterizeValues: expected the parameter to bind, by name: parameterizeValues({ parameter, assignedOutput }), got undefined',
    ],
    [
      'parameterizeValues with a number of outputs',
      () => loose(parameterizeValues)({ parameter: 'delta', assignedOutput: 5 }),
      'parameterizeValues: expected assignedOutput as an object of output names to values, or [[name, doc], value] entries, got 5',
    ],
    [
      'parameterize(null)',
      () => loose(parameterize)(null),
      'parameterize: expected an object of output names to assignments ({ plus_ten: { n: value(10) } }), got null',
    ],
    [
      'parameterizeSources with a node name for a mapping',
      () => loose(parameterizeSources)({ a_shifted: 'a' }),
      'parameterizeSources: expected an object of output names to { parameter: \'node\' } mappings, got {"a_shifted":"a"}',
    ],
    [
      'inject(undefined)',
      () => loose(inject)(undefined),
      "inject: expected an object of parameters to source(), value() or group() ({ nums: group(source('a')) }), got undefined",
    ],
    [
      'tag(undefined)',
      () => loose(tag)(undefined),
      "tag: expected an object of tags ({ owner: 'ds' }), got undefined",
    ],
    [
      "tag(tags, 'x')",
      () => loose(tag)({ owner: 'ds' }, 'x'),
      'tag: expected an options object ({ target, bypassReservedNamespaces }), got the string "x"',
    ],
    [
      'tagOutputs(null)',
      () => loose(tagOutputs)(null),
      "tagOutputs: expected an object of outputs to tags ({ a: { kind: 'x' } }), got null",
    ],
    [
      'config.when(undefined)',
      () => loose(config.when)(undefined),
      "config.when: expected an object of config keys to values ({ mode: 'batch' }), got undefined",
    ],
    [
      "config.whenIn({ region: 'uk' })",
      () => loose(config.whenIn)({ region: 'uk' }),
      'config.whenIn: expected an object of config keys to lists of values ({ region: [\'uk\', \'us\'] }), got {"region":"uk"}',
    ],
    [
      'extractColumns(5)',
      () => loose(extractColumns)(5),
      "extractColumns: expected column names ('a', 'b'), or [name, doc] pairs, then an optional options object, got 5",
    ],
    [
      'checkOutput(undefined)',
      () => loose(checkOutput)(undefined),
      "checkOutput: expected an options object of validators ({ range: [0, 1], importance: 'fail' }), got undefined",
    ],
    [
      'checkOutputCustom(null)',
      () => loose(checkOutputCustom)(null),
      'checkOutputCustom: expected a validator: an object with name, importance, description and validate(data), got null',
    ],
    [
      "step('add_one')",
      () => loose(step)('add_one'),
      'step: expected the function the step runs, got the string "add_one"',
    ],
    [
      'pipeInput(fn)',
      () =>
        loose(pipeInput)(
          step((x: number) => x),
          (x: number) => x,
        ),
      'pipeInput: expected steps, then an optional options object, got the function (anonymous)',
    ],
    [
      'pipeOutput(undefined, step)',
      () =>
        loose(pipeOutput)(
          undefined,
          step((x: number) => x),
        ),
      'pipeOutput: expected steps made with step(fn, ...), got undefined',
    ],
    [
      "mutate('target')",
      () => loose(mutate)('target'),
      'mutate: expected the functions to mutate (or applyTo(fn, ...)), then an optional object of arguments, got the string "target"',
    ],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(new TypeError(message));
  });

  it('a right-shaped call still works after the checks', async () => {
    const plus = analysed(
      parameterize({ plus_one: { n: value(1) } })((x: number, n: number) => x + n),
      {
        name: 'plus',
        params: 'x: number, n: number',
      },
    );
    expect(await driverOf({ plus }).execute(['plus_one'], { inputs: { x: 1 } })).toEqual({ plus_one: 2 });
  });
});
