import { describe, expect, it } from 'vitest';
import { MissingInputError } from 'hamilton';
import type { BuiltProject } from './build';
import { describeError } from './errors';

/** A bundle whose line 10 is line 3 of functions.ts; nothing else maps. */
const built = {
  bundleName: 'hamilton-bundle.js',
  originalPosition: (line: number) => (line === 10 ? { file: 'functions.ts', line: 3, column: 5 } : null),
} as unknown as BuiltProject;

const withStack = <E extends Error>(error: E, frames: string[]): E => {
  error.stack = [`${error.name}: ${error.message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
  return error;
};

describe('describeError', () => {
  it('points at the user line of the first bundle frame', () => {
    const thrown = withStack(new Error('boom'), [
      'a (hamilton-bundle.js:10:2)',
      'run (blob:null/1f2e:900:3)',
    ]);
    expect(describeError(thrown, built)).toMatchObject({
      file: 'functions.ts',
      line: 3,
      stack: expect.stringContaining('at a (functions.ts:3:5)'),
    });
  });

  it('places a stack overflow at the call that overflowed, not at the entry of the function it called', () => {
    const lines = { 10: 1, 11: 2 } as Record<number, number>;
    const recursive = {
      bundleName: 'hamilton-bundle.js',
      originalPosition: (line: number, column: number) =>
        lines[line] ? { file: 'rec.ts', line: lines[line], column } : null,
    } as unknown as BuiltProject;
    const frames = ['down (hamilton-bundle.js:10:14)', 'down (hamilton-bundle.js:11:10)'];
    const overflow = withStack(new RangeError('Maximum call stack size exceeded'), frames);
    expect(describeError(overflow, recursive)).toMatchObject({ file: 'rec.ts', line: 2, column: 10 });
    expect(describeError(withStack(new RangeError('bad length'), frames), recursive)).toMatchObject({
      line: 1,
    });
  });

  it('never maps the worker’s own frames (also served from a blob: URL) into the user’s files', () => {
    const thrown = withStack(new Error('internal'), ['validate (blob:null/1f2e:10:2)']);
    expect(describeError(thrown, built)).not.toHaveProperty('file');
  });

  it('a library error without user frames is placed where the library says: the node that reads a missing input', () => {
    const location = { file: 'functions.ts', line: 14, column: 17 };
    const thrown = withStack(new MissingInputError('divisor', [{ name: 'ratio', location }]), [
      'plan (blob:null/1f2e:10:2)',
      'execute (blob:null/1f2e:20:2)',
    ]);
    expect(describeError(thrown, built)).toMatchObject({ name: 'MissingInputError', ...location });
  });
});
