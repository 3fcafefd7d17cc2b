/**
 * Test support for the decorator tests: attaches analysis to hand-written functions (what the compiler
 * does for real modules), builds a driver, and reads the graph back as names and edges.
 */
import { Driver } from '../driver';
import type { Node } from '../node';
import { attachSource, type FunctionSource } from '../source';
import type { Config } from './base';
import { splitTopLevel } from '../inputTypes';

/** What a test says about a function: `params` as written in TypeScript (`'a: number, b?: string'`). */
export interface Analysis {
  readonly params?: string;
  readonly returnType?: string;
  readonly doc?: string;
  readonly name?: string;
  readonly module?: string;
  readonly line?: number;
}

/** Attaches analysis to `fn` as the compiler would, and returns it. */
export function analysed<F extends Function>(fn: F, analysis: Analysis = {}): F {
  const module = analysis.module ?? 'features';
  const params = splitTopLevel(analysis.params ?? '', ',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const colon = p.indexOf(':');
      const head = (colon === -1 ? p : p.slice(0, colon)).trim();
      const type = colon === -1 ? 'unknown' : p.slice(colon + 1).trim();
      const optional = head.endsWith('?');
      return { name: optional ? head.slice(0, -1) : head, type, optional };
    });
  const source: FunctionSource = {
    name: analysis.name ?? fn.name,
    module,
    params,
    returnType: analysis.returnType ?? 'unknown',
    doc: analysis.doc ?? '',
    location: { file: `${module}.ts`, line: analysis.line ?? 1, column: 1 },
    async: false,
  };
  return attachSource(fn, source);
}

/** A driver over one module of functions, under `config`. */
export function driverOf(module: object, config: Config = {}): Driver {
  return new Driver(config, module);
}

/** The graph's function nodes, by name. */
export function nodesOf(driver: Driver): Map<string, Node> {
  return new Map([...driver.graph.nodes].filter(([, n]) => n.kind === 'function'));
}

/** Each function node with its dependencies, as `name <- dep1, dep2`, in graph order. */
export function edgesOf(driver: Driver): string[] {
  return [...nodesOf(driver).values()].map(
    (n) => `${n.name} <- ${n.dependencies.map((d) => d.name).join(', ')}`,
  );
}

/** The error `f` throws (undefined when it does not throw). */
export function thrown(f: () => unknown): (Error & { location?: { line: number } }) | undefined {
  try {
    f();
  } catch (e) {
    return e as Error & { location?: { line: number } };
  }
  return undefined;
}
