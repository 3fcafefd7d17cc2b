/**
 * Hamilton's `hamilton_exclude`: keeps an exported function out of the graph (a helper used inside other
 * nodes or as a `step` of `pipeInput`), where a `_` prefix would be awkward.
 */
import { decorate } from './base';

/**
 * Excludes the function from the graph: `export const helper = hamiltonExclude(function helper(...) {...})`,
 * or `@hamiltonExclude` on a static method.
 */
export function hamiltonExclude<F extends Function>(fn: F): F {
  return decorate(fn, { phase: 'config', decorator: 'hamilton_exclude', enabled: () => false });
}
