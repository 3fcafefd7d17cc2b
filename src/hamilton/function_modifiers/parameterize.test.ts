import { describe, expect, it } from 'vitest';
import { group, source, value } from './dependencies';
import { inject, parameterize, parameterizeSources, parameterizeValues } from './parameterize';
import { analysed, driverOf, edgesOf, nodesOf, thrown } from './testing';

const base = { base_val: analysed(() => 5, { name: 'base_val', returnType: 'number' }) };

describe('parameterize', () => {
  const plus = analysed(
    parameterize({
      plus_ten: { n: value(10) },
      plus_base: { n: source('base_val'), x: source('other') },
      plus_one: [{ n: value(1) }, 'Adds one'],
    })((x: number, n: number) => x + n),
    {
      name: 'plus',
      params: 'x: number, n: number',
      returnType: 'number',
      doc: 'Adds {n} to {x} to make {output_name}',
    },
  );

  it('makes one node per key, drops the original name, renames sources, bakes values', () => {
    const dr = driverOf({ ...base, plus });
    expect(edgesOf(dr)).toEqual([
      'base_val <- ',
      'plus_ten <- x',
      'plus_base <- other, base_val',
      'plus_one <- x',
    ]);
    expect(nodesOf(dr).has('plus')).toBe(false);
  });

  it('computes with the bound parameters', async () => {
    const dr = driverOf({ ...base, plus });
    expect(await dr.execute(['plus_ten', 'plus_base', 'plus_one'], { inputs: { x: 1, other: 100 } })).toEqual(
      {
        plus_ten: 11,
        plus_base: 105,
        plus_one: 2,
      },
    );
  });

  it('fills the doc template, keeps unknown fields as their names, and takes a given doc', () => {
    const nodes = nodesOf(driverOf({ ...base, plus }));
    expect(nodes.get('plus_ten')?.documentation).toBe('Adds 10 to x to make plus_ten');
    expect(nodes.get('plus_base')?.documentation).toBe('Adds base_val to other to make plus_base');
    expect(nodes.get('plus_one')?.documentation).toBe('Adds one');
  });

  it('groups sources and values into a list or an object', async () => {
    const total = analysed(
      parameterize({ total_list: { nums: group(source('a'), value(10), source('b')) } })((nums: number[]) =>
        nums.reduce((s, x) => s + x, 0),
      ),
      { name: 'total', params: 'nums: number[]', returnType: 'number' },
    );
    const keyed = analysed(
      parameterize({ total_dict: { parts: group({ first: source('a'), second: value(2) }) } })(
        (parts: Record<string, number>) => `${parts.first}-${parts.second}`,
      ),
      { name: 'keyed', params: 'parts: Record<string, number>' },
    );
    const dr = driverOf({ total, keyed });
    expect(edgesOf(dr)).toEqual(['total_dict <- a', 'total_list <- a, b']);
    expect(nodesOf(dr).get('total_list')?.dependencies[0].type).toBe('number');
    expect(await dr.execute(['total_list', 'total_dict'], { inputs: { a: 1, b: 2 } })).toEqual({
      total_list: 13,
      total_dict: '1-2',
    });
  });

  it('refuses parameters the function does not have, with location', () => {
    const bad = analysed(
      parameterize({ out: { nope: value(1), zip: source('z') } })((x: number) => x),
      {
        name: 'bad',
        params: 'x: number',
        line: 12,
      },
    );
    expect(() => driverOf({ bad })).toThrow(
      "Parametrization is invalid: the following parameters don't appear in the function itself: nope, zip",
    );
    expect(thrown(() => driverOf({ bad }))?.location?.line).toBe(12);
  });

  it('refuses values not wrapped in value() or source()', () => {
    const bad = analysed(
      parameterize({ out: { x: 3 as never } })((x: number) => x),
      { name: 'bad', params: 'x: number' },
    );
    expect(() => driverOf({ bad })).toThrow(
      '@parameterize must specify a dependency type -- either source() or value().The following are not allowed: [3].',
    );
  });

  it('refuses a parameter named output_name', () => {
    const bad = analysed(
      parameterize({ out: { x: value(1) } })((x: number, output_name: string) => x + output_name),
      {
        name: 'bad',
        params: 'x: number, output_name: string',
      },
    );
    expect(() => driverOf({ bad })).toThrow(
      "Error function features.bad cannot have 'output_name'as a parameter it is reserved.",
    );
  });

  it('refuses two expanders on one function', () => {
    const twice = analysed(
      parameterize({ a: { x: value(1) } })(parameterizeSources({ b: { x: 'y' } })((x: number) => x)),
      { name: 'twice', params: 'x: number' },
    );
    expect(() => driverOf({ twice })).toThrow(
      /Got multiple decorators for decorator @parameterize.*Only one allowed/,
    );
  });
});

describe('parameterizeValues / parameterizeSources / inject', () => {
  it('parameterizeValues binds one parameter per [name, doc] entry', async () => {
    const shifted = analysed(
      parameterizeValues('delta', [
        [['plus_2', 'two more'], 2],
        [['plus_3', 'three more'], 3],
      ])((x: number, delta: number) => x + delta),
      { name: 'shifted', params: 'x: number, delta: number' },
    );
    const dr = driverOf({ shifted });
    expect(edgesOf(dr)).toEqual(['plus_2 <- x', 'plus_3 <- x']);
    expect(nodesOf(dr).get('plus_3')?.documentation).toBe('three more');
    expect(await dr.execute(['plus_2', 'plus_3'], { inputs: { x: 1 } })).toEqual({ plus_2: 3, plus_3: 4 });
  });

  it('parameterizeSources maps parameters to nodes and fills the doc', async () => {
    const shift = analysed(
      parameterizeSources({ a_shifted: { one_off_date: 'a' }, b_shifted: { one_off_date: 'b' } })(
        (one_off_date: number) => one_off_date + 1,
      ),
      {
        name: 'shift',
        params: 'one_off_date: number',
        doc: '{one_off_date} shifted by 1 to create {output_name}',
      },
    );
    const dr = driverOf({ shift });
    expect(edgesOf(dr)).toEqual(['a_shifted <- a', 'b_shifted <- b']);
    expect(nodesOf(dr).get('b_shifted')?.documentation).toBe('b shifted by 1 to create b_shifted');
    expect(await dr.execute(['a_shifted'], { inputs: { a: 1 } })).toEqual({ a_shifted: 2 });
  });

  it('parameterizeSources refuses empty mappings with Hamilton messages', () => {
    const empty = analysed(
      parameterizeSources({})((x: number) => x),
      { name: 'empty', params: 'x: number' },
    );
    expect(() => driverOf({ empty })).toThrow('Cannot pass empty/None dictionary to parameterize_sources');
    const hollow = analysed(
      parameterizeSources({ out: {} })((x: number) => x),
      { name: 'hollow', params: 'x: number' },
    );
    expect(() => driverOf({ hollow })).toThrow(
      'Error, out has a none/empty dictionary mapping. Please fill it.',
    );
  });

  it('inject keeps the function name', async () => {
    const a_plus_10_plus_b = analysed(
      inject({ nums: group(source('a'), value(10), source('b')) })((nums: number[]) =>
        nums.reduce((s, x) => s + x, 0),
      ),
      { name: 'a_plus_10_plus_b', params: 'nums: number[]' },
    );
    const dr = driverOf({ a_plus_10_plus_b });
    expect(edgesOf(dr)).toEqual(['a_plus_10_plus_b <- a, b']);
    expect(await dr.execute(['a_plus_10_plus_b'], { inputs: { a: 1, b: 2 } })).toEqual({
      a_plus_10_plus_b: 13,
    });
  });
});

describe('group() type checks', () => {
  it('refuses group() on a parameter not typed as an array or record', () => {
    const bad = analysed(
      inject({ n: group(source('a'), source('b')) })((n: number) => n),
      { name: 'bad', params: 'n: number' },
    );
    expect(() => driverOf({ bad })).toThrow(
      'Validation for fn: bad All parameters with a group() parameterization must be annotated as a list: the following are not: n (number)',
    );
    const ok = analysed(
      inject({ n: group({ x: source('a') }) })((n: Readonly<Record<string, number>>) => n.x),
      {
        name: 'ok',
        params: 'n: Readonly<Record<string, number>>',
      },
    );
    expect(() => driverOf({ ok })).not.toThrow();
  });
});
