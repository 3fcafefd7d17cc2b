import { describe, expect, it } from 'vitest';
import { does, isEmptyBody } from './does';
import { analysed, driverOf, edgesOf, thrown } from './testing';

const _sum = analysed((values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0), {
  name: '_sum',
  params: 'values: Record<string, number>',
  returnType: 'number',
});
const _identity = analysed((x: number) => x, {
  name: '_identity',
  params: 'x: number',
  returnType: 'number',
});

describe('does', () => {
  it('gives an empty signature the replacement as its body, keeping the dependencies', async () => {
    const total = analysed(
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      does(_sum)(function total(a: number, b: number): number {
        throw new Error('body comes from @does');
      }),
      { name: 'total', params: 'a: number, b: number', returnType: 'number' },
    );
    const dr = driverOf({ total });
    expect(edgesOf(dr)).toEqual(['total <- a, b']);
    expect(await dr.execute(['total'], { inputs: { a: 1, b: 2 } })).toEqual({ total: 3 });
  });

  it('passes arguments by name, renamed by the mapping', async () => {
    // the analysis names the parameter `y`; the code's own name does not matter
    const copy_of_y = analysed(
      does(_identity, { x: 'y' })((_y: number): number => {
        throw new Error('stub');
      }),
      {
        name: 'copy_of_y',
        params: 'y: number',
      },
    );
    expect(await driverOf({ copy_of_y }).execute(['copy_of_y'], { inputs: { y: 7 } })).toEqual({
      copy_of_y: 7,
    });
  });

  it('refuses a target with a body, with its location', () => {
    const busy = analysed(
      does(_sum)((a: number) => a + 1),
      { name: 'busy', params: 'a: number', line: 9 },
    );
    expect(() => driverOf({ busy })).toThrow(/Function: busy is not empty\./);
    expect(thrown(() => driverOf({ busy }))?.location?.line).toBe(9);
  });

  it('refuses incompatible signatures', () => {
    const _two = analysed((p: number, q: number) => p + q, { name: '_two', params: 'p: number, q: number' });
    const bad = analysed(
      does(_two)(() => {}),
      { name: 'bad', params: 'a: number' },
    );
    expect(() => driverOf({ bad })).toThrow(
      /The following function signatures are not compatible for use with @does: bad/,
    );
  });

  it('recognises empty bodies in the shapes compilers emit', () => {
    expect(isEmptyBody(function f() {})).toBe(true);
    expect(isEmptyBody(() => {})).toBe(true);
    expect(
      isEmptyBody((_a = { x: 1 }) => {
        /* stub */
      }),
    ).toBe(true);
    expect(
      isEmptyBody(() => {
        throw new Error('x');
      }),
    ).toBe(true);
    expect(
      isEmptyBody(() => {
        throw new Error('see http://x');
      }),
    ).toBe(true);
    expect(
      isEmptyBody(() => {
        // only a comment
      }),
    ).toBe(true);
    expect(isEmptyBody(() => 1)).toBe(false);
    expect(
      isEmptyBody(() => {
        return 1;
      }),
    ).toBe(false);
    expect(
      isEmptyBody(() => {
        throw new Error('x');
        return 1;
      }),
    ).toBe(false);
  });
});
