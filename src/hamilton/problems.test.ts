import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import { DuplicateDefinitionError, HamiltonErrors, NodeExecutionError } from './errors';
import { problemsOf } from './problems';

describe('problemsOf', () => {
  it("splits a request's input problems, each with its own line and the input as its node", () => {
    const dr = new Driver({}, { a: (x: number, y: number) => x + y });
    let thrown: unknown;
    try {
      dr.validateExecution(['a'], { inputs: {} });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(HamiltonErrors);
    expect(problemsOf(thrown)).toEqual([
      { message: "Required input x not provided for nodes: ['a'].", node: 'x' },
      { message: "Required input y not provided for nodes: ['a'].", node: 'y' },
    ]);
  });

  it('names the node of a duplicate definition or a failed node, and keeps a location', () => {
    const location = { file: 'features.ts', line: 3, column: 1 };
    const duplicate = new DuplicateDefinitionError('a', { module: 'one' }, { module: 'two', location });
    expect(problemsOf(duplicate)).toEqual([{ message: duplicate.message, node: 'a', location }]);
    const failed = new NodeExecutionError('b', 'b', {}, 'boom', 'features', location);
    expect(problemsOf(failed)).toEqual([{ message: failed.message, node: 'b', location }]);
  });

  it('reads any other thrown value as one problem', () => {
    expect(problemsOf(new TypeError('nope'))).toEqual([{ message: 'nope' }]);
    expect(problemsOf('text')).toEqual([{ message: 'text' }]);
  });
});
