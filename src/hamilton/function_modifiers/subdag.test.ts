import { describe, expect, it } from 'vitest';
import { config } from './config';
import { configuration, source, value } from './dependencies';
import { parameterizedSubdag, subdag } from './subdag';
import { tag } from './tags';
import { analysed, driverOf, edgesOf, nodesOf } from './testing';

const foo = analysed((a: number) => a, {
  name: 'foo',
  params: 'a: number',
  returnType: 'number',
  module: 'reuse',
});
const bar = analysed(
  config.whenNot({ some_config_param: true })((b: number) => b),
  {
    name: 'bar',
    params: 'b: number',
    returnType: 'number',
    module: 'reuse',
  },
);
const bar__alt = analysed(
  config.when({ some_config_param: true })(() => 10),
  { name: 'bar__alt', returnType: 'number', module: 'reuse' },
);
const reuse = { foo, bar, bar__alt };
const baz = (f: (foo: number, bar: number) => number) =>
  analysed(f, { name: 'baz', params: 'foo: number, bar: number', returnType: 'number' });

describe('subdag', () => {
  it('copies the nodes under ns.name and ends at the decorated function reading ns.param', async () => {
    const dr = driverOf({
      baz: baz(subdag(reuse, { inputs: { a: value(1), b: source('d') } })((foo, bar) => foo + bar)),
    });
    expect(edgesOf(dr)).toEqual([
      'baz.bar <- baz.b',
      'baz.foo <- baz.a',
      'baz.a <- ',
      'baz.b <- d',
      'baz <- baz.foo, baz.bar',
    ]);
    const nodes = nodesOf(dr);
    expect(nodes.get('baz.foo')?.tags['hamilton.non_final_node']).toBe('true');
    expect(nodes.get('baz.foo')?.tags.module).toBe('reuse');
    expect(await dr.execute(['baz'], { inputs: { d: 20 } })).toEqual({ baz: 21 });
  });

  it('takes functions as well as modules, and resolves their config with the subdag config', async () => {
    const dr = driverOf({
      baz: baz(
        subdag(foo, bar, bar__alt, { inputs: { a: value(1) }, config: { some_config_param: true } })(
          (f, b) => f + b,
        ),
      ),
    });
    expect(edgesOf(dr)).toContain('baz.bar <- ');
    expect(await dr.execute(['baz'])).toEqual({ baz: 11 });
  });

  it('turns subdag config into ns.key nodes the subdag reads', async () => {
    const dr = driverOf({
      baz: baz(
        subdag(reuse, { config: { some_config_param: false, b: 100 }, inputs: { a: value(1) } })(
          (f, b) => f + b,
        ),
      ),
    });
    expect(edgesOf(dr)).toContain('baz.bar <- baz.b');
    expect(await dr.execute(['baz'])).toEqual({ baz: 101 });
  });

  it('reads driver config through configuration()', async () => {
    const dr = driverOf(
      {
        baz: baz(
          subdag(reuse, { config: { some_config_param: configuration('flag') }, inputs: { a: value(1) } })(
            (f, b) => f + b,
          ),
        ),
      },
      { flag: true },
    );
    expect(await dr.execute(['baz'])).toEqual({ baz: 11 });
  });

  it('leaves other unmet dependencies global and shared', () => {
    const uses_global = analysed((shared: number) => shared, {
      name: 'uses_global',
      params: 'shared: number',
      module: 'other',
    });
    const dr = driverOf({
      out: analysed(
        subdag({ uses_global })((uses_global: number) => uses_global),
        { name: 'out', params: 'uses_global: number' },
      ),
    });
    expect(edgesOf(dr)).toEqual(['out.uses_global <- shared', 'out <- out.uses_global']);
  });

  it('uses namespace, finalNodeName and externalInputs', () => {
    const f = analysed(
      subdag(reuse, {
        namespace: 'ns',
        finalNodeName: 'final',
        externalInputs: ['g'],
        inputs: { a: value(1), b: value(2) },
      })((foo: number, g: number) => foo + g),
      { name: 'f', params: 'foo: number, g: number' },
    );
    expect(edgesOf(driverOf({ f }))).toContain('final <- ns.foo, g');
  });

  it('lets tag reach only the final node', () => {
    const dr = driverOf({
      baz: baz(tag({ owner: 'x' })(subdag(reuse, { inputs: { a: value(1), b: value(2) } })((f, b) => f + b))),
    });
    expect(nodesOf(dr).get('baz')?.tags.owner).toBe('x');
    expect(nodesOf(dr).get('baz.foo')?.tags.owner).toBeUndefined();
  });

  it('refuses inputs that are not source() or value(), and inputs shared with config', () => {
    const bad = baz(subdag(reuse, { inputs: { a: 3 as never } })((f, b) => f + b));
    expect(() => driverOf({ baz: bad })).toThrow(
      'Input a must be either an UpstreamDependency or a LiteralDependency , not number.',
    );
    const shared = baz(subdag(reuse, { inputs: { a: value(1) }, config: { a: 2 } })((f, b) => f + b));
    expect(() => driverOf({ baz: shared })).toThrow(
      "Config keys {'a'} are shared with inputs. This is not allowed.",
    );
  });
});

describe('parameterizedSubdag', () => {
  it('makes one namespaced subdag per key, each ending at a node named by the key', async () => {
    const f = analysed(
      parameterizedSubdag(
        reuse,
        {
          from_one: { inputs: { a: value(1) } },
          from_two: { inputs: { a: value(2) }, config: { some_config_param: true } },
        },
        { inputs: { b: value(100) } },
      )((foo: number, bar: number) => foo + bar),
      { name: 'f', params: 'foo: number, bar: number' },
    );
    const dr = driverOf({ f });
    expect(nodesOf(dr).has('f')).toBe(false);
    expect(edgesOf(dr)).toContain('from_one <- from_one.foo, from_one.bar');
    expect(edgesOf(dr)).toContain('from_two.bar <- ');
    expect(await dr.execute(['from_one', 'from_two'])).toEqual({ from_one: 101, from_two: 12 });
  });
});
