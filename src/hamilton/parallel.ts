/**
 * Dynamic execution: Hamilton's `Parallelizable[T]` and `Collect[T]`. A node whose return type is
 * `Parallelizable<T>` yields items (a generator, or any iterable or async iterable); the nodes between it
 * and a node with a `Collect<T>` parameter run once per item; the collecting node receives their results
 * as an array, in item order. TypeScript erases types, so roles are read from the analysed type text.
 *
 * The structure (which nodes form each block) is a property of the graph and is checked once per graph;
 * an execution that touches a parallel node reports its problems with the other request problems.
 */
import { HamiltonError, pyList } from './errors';
import { FUNCTION, type FunctionGraph } from './graph';
import { functionName } from './modules';
import type { Node, NodeCallable } from './node';
import { summarize } from './summary';

/**
 * Hamilton's `Parallelizable[T]`: the return type of a node whose items each run the nodes downstream of
 * it, up to a {@link Collect}. Return a generator (`function*`, `async function*`) or any iterable.
 */
export type Parallelizable<T> = Iterable<T> | AsyncIterable<T>;

/** Hamilton's `Collect[T]`: the type of the parameter that gathers a parallel block's results, in item order. */
export type Collect<T> = T[];

const PARALLELIZABLE = /^\s*(?:[\w$]+\.)?Parallelizable\s*</;
const COLLECT = /^\s*(?:[\w$]+\.)?Collect\s*</;

/** Whether a type text is `Parallelizable<…>` (also qualified, as `hamilton.Parallelizable<…>`). */
export function isParallelizableType(type: string): boolean {
  // `includes` first: every node of every graph is asked, and almost none is one.
  return type.includes('Parallelizable') && PARALLELIZABLE.test(type);
}

/** Whether a type text is `Collect<…>`. */
export function isCollectType(type: string): boolean {
  return type.includes('Collect') && COLLECT.test(type);
}

/** Whether a graph node yields items: a function node typed `Parallelizable<…>`. */
export function isExpander(node: Node): boolean {
  return node.kind === 'function' && isParallelizableType(node.type);
}

/**
 * The node with its callable turning what the function returns into an array of items, as Hamilton
 * lists a Parallelizable's generator; an async iterable (or a Promise of one) gives a Promise of the array.
 */
export function drainingNode(node: Node): Node {
  const call = node.callable as NodeCallable;
  return { ...node, callable: (kwargs) => itemsOf(node.name, call(kwargs)) };
}

/** The items of a Parallelizable node's value (its own, or an override): an array, or a Promise of one. */
export function itemsOf(name: string, value: unknown): unknown[] | Promise<unknown[]> {
  if (value instanceof Promise) return value.then((v) => itemsOf(name, v));
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object' && Symbol.asyncIterator in value)
    return collectAsync(value as AsyncIterable<unknown>);
  if (value !== null && value !== undefined && Symbol.iterator in Object(value))
    return Array.from(value as Iterable<unknown>);
  throw new HamiltonError(
    `Parallelizable node ${name} returned ${summarize(value)}, which is not iterable: return a generator, an array or another iterable of the items.`,
  );
}

async function collectAsync(items: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** One parallel block: the nodes that run once per item of an expander, up to the node that collects them. */
export interface ParallelBlock {
  /** The node typed `Parallelizable<…>` (id). */
  readonly expander: number;
  /** The node with the `Collect<…>` parameter (id). */
  readonly collector: number;
  /** The node whose per-item values are collected (id); the expander itself when it is collected directly. */
  readonly collected: number;
  /** The block's nodes (ids), dependencies first. */
  readonly nodes: readonly number[];
}

/** A graph's parallel blocks and what is wrong with them. */
export interface ParallelStructure {
  readonly blocks: readonly ParallelBlock[];
  /** By id: the index of the block a node runs in, or -1 (expanders and collectors are outside). */
  readonly blockOf: Int32Array;
  /** Structural problems, reported by any execution that touches a parallel node. */
  readonly problems: readonly HamiltonError[];
  /** Whether the graph has any Parallelizable or Collect node. */
  readonly dynamic: boolean;
}

/** Misuse of Parallelizable/Collect: nesting, several collectors, values leaking out of a block. */
export class ParallelBlockError extends HamiltonError {
  constructor(message: string, node: Node) {
    super(message, { module: node.tags.module as string | undefined, location: node.location });
    this.name = 'ParallelBlockError';
  }
}

/** Hamilton's `InvalidExecutorException`: parallel nodes without dynamic execution enabled. */
export class InvalidExecutorError extends HamiltonError {
  constructor(node: Node) {
    const fn = node.originatingFunction ? functionName(node.originatingFunction) : node.name;
    super(
      `Default graph executor cannot handle parallelizable[]/collect[] nodes. Node ${node.name} defined by functions: ${pyList([fn])}` +
        `\n  Build the driver with new Builder().enableDynamicExecution({ allowExperimentalMode: true }).`,
      { module: node.tags.module as string | undefined, location: node.location },
    );
    this.name = 'InvalidExecutorError';
  }
}

const NESTING =
  'nested Parallelizable[]/Collect[] blocks are not supported, only one level of parallelization.';

const structures = new WeakMap<FunctionGraph, ParallelStructure>();

/** The parallel blocks of a graph (computed once per graph). */
export function parallelStructure(graph: FunctionGraph): ParallelStructure {
  let s = structures.get(graph);
  if (!s) {
    s = findBlocks(graph);
    structures.set(graph, s);
  }
  return s;
}

/** Whether node `i` is a collector: a function node with a `Collect<…>` dependency. */
export function isCollector(graph: FunctionGraph, i: number): boolean {
  if (graph.kind[i] !== FUNCTION) return false;
  const deps = graph.nodeList[i].dependencies;
  for (let k = 0; k < deps.length; k++) if (isCollectType(deps[k].type)) return true;
  return false;
}

function findBlocks(graph: FunctionGraph): ParallelStructure {
  const n = graph.size;
  const { nodeList, depStart, depIds, useStart, useIds } = graph;
  const blockOf = new Int32Array(n).fill(-1);
  const blocks: ParallelBlock[] = [];
  const problems: HamiltonError[] = [];
  const dynamic = graph.parallel;
  if (!dynamic) return { blocks, blockOf, problems, dynamic };
  const expander = new Uint8Array(n);
  const collector = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (isExpander(nodeList[i])) expander[i] = 1;
    if (isCollector(graph, i)) collector[i] = 1;
  }
  const collectorsOf = new Map<number, number[]>();
  for (let c = 0; c < n; c++) {
    if (!collector[c]) continue;
    const node = nodeList[c];
    const params = node.dependencies.filter((d) => isCollectType(d.type)).map((d) => d.name);
    if (params.length > 1) {
      problems.push(
        new ParallelBlockError(
          `Node ${node.name} has more than one Collect[] parameter (${params.join(', ')}): Collect[] input types are limited to one per function.`,
          node,
        ),
      );
      continue;
    }
    const k = node.dependencies.findIndex((d) => isCollectType(d.type));
    const collected = depIds[depStart[c] + k];
    const { expanders, between } = nodesBetween(graph, collected, expander, collector);
    const collectedName = nodeList[collected].name;
    if (expanders.length === 0) {
      problems.push(
        new ParallelBlockError(
          `Node ${node.name} collects ${collectedName}, which is not downstream of any Parallelizable[] node.`,
          node,
        ),
      );
      continue;
    }
    if (expanders.length > 1) {
      problems.push(
        new ParallelBlockError(
          `Node ${node.name} collects ${collectedName}, which is downstream of several Parallelizable[] nodes (${expanders.map((e) => nodeList[e].name).join(', ')}): ` +
            `a block has one Parallelizable[] (${NESTING})`,
          node,
        ),
      );
      continue;
    }
    const e = expanders[0];
    const list = collectorsOf.get(e) ?? [];
    list.push(c);
    collectorsOf.set(e, list);
    if (list.length > 1) continue;
    for (const b of between) blockOf[b] = blocks.length;
    blocks.push({ expander: e, collector: c, collected, nodes: between });
  }
  for (const [e, collectors] of collectorsOf) {
    if (collectors.length > 1) {
      problems.push(
        new ParallelBlockError(
          `Parallelizable[] node ${nodeList[e].name} is collected by more than one node (${collectors.map((c) => nodeList[c].name).join(', ')}): ` +
            `only one Collect[] may be downstream of a Parallelizable[]; gather the results in one node before collecting.`,
          nodeList[collectors[1]],
        ),
      );
    }
  }
  // Per-item values exist only inside their block: only its collector may read them, through Collect[].
  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi];
    for (const x of [block.expander, ...block.nodes]) {
      for (let u = useStart[x]; u < useStart[x + 1]; u++) {
        const y = useIds[u];
        if (blockOf[y] === bi || (y === block.collector && x === block.collected)) continue;
        problems.push(leak(graph, block, x, y));
      }
    }
  }
  for (let e = 0; e < n; e++) {
    if (!expander[e] || collectorsOf.has(e)) continue;
    for (let u = useStart[e]; u < useStart[e + 1]; u++) {
      const y = nodeList[useIds[u]];
      problems.push(
        new ParallelBlockError(
          expander[useIds[u]]
            ? `Parallelizable[] ${y.name} reads the items of Parallelizable[] ${nodeList[e].name}: ${NESTING}`
            : `Node ${y.name} reads the items of Parallelizable[] ${nodeList[e].name} one at a time, but no Collect[] parameter gathers the results.`,
          y,
        ),
      );
    }
  }
  return { blocks, blockOf, problems, dynamic };
}

function leak(graph: FunctionGraph, block: ParallelBlock, x: number, y: number): ParallelBlockError {
  const { nodeList } = graph;
  const [e, c] = [nodeList[block.expander].name, nodeList[block.collector].name];
  const what =
    x === block.expander
      ? `the items of Parallelizable[] ${e} one at a time`
      : `${nodeList[x].name}, which runs once per item of ${e}`;
  return new ParallelBlockError(
    `Node ${nodeList[y].name} reads ${what}, outside the block between Parallelizable[] ${e} and Collect[] ${c}: ` +
      `only ${c} may read the block's results, through its Collect[] parameter.`,
    nodeList[y],
  );
}

/**
 * Hamilton's `nodes_between`: walking up from `end`, the expanders reached, and every node (`end`
 * included) that has one of them as an ancestor, dependencies first. The walk stops at expanders and at
 * collectors (a collected value is one value again, so a block may read an earlier block's result).
 */
function nodesBetween(
  graph: FunctionGraph,
  end: number,
  expander: Uint8Array,
  collector: Uint8Array,
): { expanders: number[]; between: number[] } {
  const { depStart, depIds } = graph;
  const state = new Map<number, boolean>(); // node → whether it descends from an expander
  const expanders = new Set<number>();
  const between: number[] = [];
  // Iterative post-order walk; a node's verdict is known once all its dependencies are.
  const stack: [number, number][] = [[end, depStart[end]]];
  const seen = new Set<number>([end]);
  if (expander[end]) return { expanders: [end], between };
  if (collector[end]) return { expanders: [], between };
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [v, e] = top;
    if (e < depStart[v + 1]) {
      top[1] = e + 1;
      const d = depIds[e];
      if (expander[d]) expanders.add(d);
      else if (!seen.has(d) && !collector[d]) {
        seen.add(d);
        stack.push([d, depStart[d]]);
      }
      continue;
    }
    stack.pop();
    let descends = false;
    for (let k = depStart[v]; k < depStart[v + 1]; k++) {
      const d = depIds[k];
      if (expander[d] || (!collector[d] && state.get(d))) descends = true;
    }
    state.set(v, descends);
    if (descends) between.push(v);
  }
  return { expanders: [...expanders], between };
}
