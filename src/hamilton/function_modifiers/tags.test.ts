import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvalidDecoratorException } from './base';
import { extractColumns } from './extract';
import { tag, tagOutputs } from './tags';
import { analysed, driverOf, nodesOf } from './testing';

describe('tag', () => {
  it('adds string and string-list tags beside the module tag', () => {
    const f = analysed(
      tag({ owner: 'data-science', 'team.region': ['uk', 'us'] })((x: number) => x),
      {
        name: 'f',
        params: 'x: number',
      },
    );
    expect(nodesOf(driverOf({ f })).get('f')?.tags).toEqual({
      module: 'features',
      owner: 'data-science',
      'team.region': ['uk', 'us'],
    });
  });

  it('lands on the extracted columns, not on the frame they come from', () => {
    const df = analysed(tag({ pii: 'true' })(extractColumns('a', 'b')(() => ({ a: [1], b: [2] }))), {
      name: 'df',
      returnType: 'Record<string, number[]>',
    });
    const nodes = nodesOf(driverOf({ df }));
    expect(nodes.get('a')?.tags.pii).toBe('true');
    expect(nodes.get('b')?.tags.pii).toBe('true');
    expect(nodes.get('df')?.tags.pii).toBeUndefined();
  });

  it('tags chosen nodes with target', () => {
    const df = analysed(tag({ pii: 'true' }, { target: 'df' })(extractColumns('a')(() => ({ a: [1] }))), {
      name: 'df',
    });
    const nodes = nodesOf(driverOf({ df }));
    expect(nodes.get('df')?.tags.pii).toBe('true');
    expect(nodes.get('a')?.tags.pii).toBeUndefined();
  });

  it.each([
    [{ 'hamilton.x': 'a' }, 'hamilton.x=a'],
    [{ module: 'x' }, 'module=x'],
    [{ 'gdpr.ok': 'y' }, 'gdpr.ok=y'],
    [{ 'bad key': 'y' }, 'bad key=y'],
    [{ 'a..b': 'y' }, 'a..b=y'],
  ])('refuses %o at graph build with Hamilton message and location', (tags, shown) => {
    const f = analysed(
      tag(tags)(() => 1),
      { name: 'f', line: 7 },
    );
    let error: unknown;
    try {
      driverOf({ f });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidDecoratorException);
    const message = (error as Error).message;
    expect(message).toContain(`The following tags are invalid as tags: ${shown} Tag keys can be split by .`);
    expect(message).toMatch(
      /reserved as well: \['hamilton', 'data_quality', 'gdpr', 'ccpa', 'dag', 'module', 'ray_remote'\]$/,
    );
    expect((error as InvalidDecoratorException).location?.line).toBe(7);
  });

  it('refuses values that are not strings or lists of unique strings', () => {
    for (const value of [[], ['a', 'a'], 3]) {
      const f = analysed(
        tag({ k: value as never })(() => 1),
        { name: 'f' },
      );
      expect(() => driverOf({ f })).toThrow(/The following tags are invalid as tags: k=/);
    }
  });

  it('does not throw when the decorator is applied (module import stays safe)', () => {
    expect(() => tag({ hamilton: 'x' })(() => 1)).not.toThrow();
  });
});

describe('tagOutputs', () => {
  it('tags each named output and ignores names it does not make', () => {
    const df = analysed(
      tagOutputs({ a: { kind: 'left' }, b: { kind: 'right' }, zzz: { kind: 'none' } })(
        extractColumns('a', 'b')(() => ({ a: [1], b: [2] })),
      ),
      { name: 'df' },
    );
    const nodes = nodesOf(driverOf({ df }));
    expect(nodes.get('a')?.tags.kind).toBe('left');
    expect(nodes.get('b')?.tags.kind).toBe('right');
  });

  it('refuses reserved tags', () => {
    const df = analysed(
      tagOutputs({ a: { 'dag.x': 'y' } })(() => 1),
      { name: 'df' },
    );
    expect(() => driverOf({ df })).toThrow(/The following tags are invalid as tags: dag.x=y/);
  });
});

describe('typing', () => {
  it('a decorated function keeps its parameter and return types', () => {
    const f = tag({ owner: 'ds' })(
      extractColumns('a')((x: number, _label?: string): { a: number[] } => ({ a: [x] })),
    );
    expectTypeOf(f).toEqualTypeOf<(x: number, label?: string) => { a: number[] }>();
    expect(f(2).a).toEqual([2]);
  });
});
