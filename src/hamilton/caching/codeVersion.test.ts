import { describe, expect, it } from 'vitest';
import { Driver } from '../driver';
import { analysedModule } from '../fixtures/analysed';
import { tag } from '../function_modifiers/tags';
import { codeVersion, functionVersion, normalizeSource } from './codeVersion';

describe('code versions', () => {
  it('drop comments and whitespace but keep literals and word boundaries', () => {
    expect(normalizeSource('function f(a) {\n  // twice\n  return /* a */ a * 2;\n}')).toBe(
      'function f(a){return a*2;}',
    );
    expect(normalizeSource("const s = ' a  // b ';")).toBe("const s=' a  // b ';");
    expect(normalizeSource('const t = `x ${ y }  /* z */`;')).toBe('const t=`x ${ y }  /* z */`;');
    expect(normalizeSource('return\ttypeof  x')).toBe('return typeof x');
    // Signs that would fuse into another operator keep their space.
    expect(normalizeSource('a - -b + +c')).toBe('a- -b+ +c');
    expect(normalizeSource('a - --b')).not.toBe(normalizeSource('a-- - b'));
  });

  it('are equal for reformatted functions and differ for changed ones', () => {
    // prettier-ignore
    const spaced = function (x: number) { /* note */ return   x + 1; };
    const plain = function (x: number) {
      return x + 1;
    };
    const other = function (x: number) {
      return x + 2;
    };
    expect(functionVersion(spaced)).toBe(functionVersion(plain));
    expect(functionVersion(other)).not.toBe(functionVersion(plain));
  });

  it('count what decorators make of a node (tags, dependencies, type)', () => {
    // A fresh function each time: a function keeps the first analysis attached to it.
    const make = () => (x: number) => x;
    const version = (f: Function, returnType = 'number') =>
      codeVersion(
        new Driver({}, analysedModule('m', { a: [f, ['x'], { returnType }] })).graph.nodes.get('a')!,
      );
    const base = version(make());
    expect(version(make())).toBe(base);
    expect(version(tag({ owner: 'x' })(make()))).not.toBe(base);
    expect(version(make(), 'string')).not.toBe(base);
  });
});

describe('functions without readable source', () => {
  it('are versioned by identity', () => {
    const f = function (x: number) {
      return x;
    };
    const bound = f.bind(null);
    expect(functionVersion(bound)).toBe(functionVersion(bound));
    expect(functionVersion(f.bind(null))).not.toBe(functionVersion(bound));
  });
});
