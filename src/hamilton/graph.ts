/**
 * The function graph: nodes from modules, config nodes and external input nodes, indexed by integer id
 * (edge lists in compressed rows, both directions) so that planning, execution and lineage are linear
 * and Map-free in their loops. Its cycles are found by cycles.ts.
 */
import { valueArray } from './arrays';
import { unwrap, type Config } from './function_modifiers/base';
import { DuplicateDefinitionError, HamiltonError, messageOf, throwAll } from './errors';
import { findCycles } from './cycles';
import { readModule, type HamiltonModule, type ModuleFunction } from './modules';
import type { Node } from './node';
import { drainingNode, isCollectType, isExpander } from './parallel';
import { positionalCallOf, resolveFunction, undecoratedNode } from './resolve';

/** Node kind codes in {@link FunctionGraph.kind}. */
export const FUNCTION = 0;
/** An external input. */
export const INPUT = 1;
/** A config value. */
export const CONFIG = 2;

/** How the graph is built. */
export interface GraphOptions {
  /** Config values: available like inputs, replacing same-named functions. */
  readonly config?: Config;
  /** Let a later module redefine a node instead of raising an error. */
  readonly allowModuleOverrides?: boolean;
}

function typeOfValue(value: unknown): string {
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint' ? t : 'unknown';
}

/**
 * A built dataflow graph. The integer-indexed fields are what the executor and the lineage queries walk;
 * node `i` is `nodeList[i]`, and its dependencies are `depIds[depStart[i] .. depStart[i + 1])`.
 */
export class FunctionGraph {
  /** The config it was built with. */
  readonly config: Config;
  /** Each cycle as the node names along it; empty for a DAG. */
  readonly cycles: readonly (readonly string[])[];
  /** Things the user should know that are not errors (e.g. parameter names read from function text). */
  readonly warnings: readonly string[];
  /** Node by id. */
  readonly nodeList: readonly Node[];
  /** Id by name. */
  readonly ids: ReadonlyMap<string, number>;
  /** {@link FUNCTION}, {@link INPUT} or {@link CONFIG}, by id. */
  readonly kind: Uint8Array;
  /** Start of each node's dependencies in {@link depIds}; length n + 1. */
  readonly depStart: Int32Array;
  /** Dependency ids, in parameter order. */
  readonly depIds: Int32Array;
  /** 1 where the dependency is optional (the parameter has a default). */
  readonly depOptional: Uint8Array;
  /** Start of each node's consumers in {@link useIds}; length n + 1. */
  readonly useStart: Int32Array;
  /** Consumer ids (each consuming edge once). */
  readonly useIds: Int32Array;
  /** The function to call positionally, when the node allows it (see `positionalCallOf`). */
  readonly fns: readonly (Function | undefined)[];
  /** `this` for each positional call. */
  readonly thisArgs: readonly unknown[];
  /** For nodes on a cycle: the index of their cycle in {@link cycles}; -1 otherwise. */
  readonly cycleOf: Int32Array;
  /** Whether some node is a `Parallelizable` or has a `Collect` parameter (see `parallel.ts`). */
  readonly parallel: boolean;
  private functionNames: Map<Function, string> | undefined;
  private byName: Map<string, Node> | undefined;

  /**
   * Indexes the graph. `nodeList` holds the function nodes in graph order (modules in turn, each by export name) and `ids` their positions;
   * both are extended here with a node for every dependency nothing defines (a config node when the name
   * is a config key, else an external input), in order of first use, then one per unused config key.
   */
  constructor(
    nodeList: Node[],
    ids: Map<string, number>,
    config: Config,
    calls: { readonly fns: (Function | undefined)[]; readonly thisArgs: unknown[] },
    warnings: readonly string[],
  ) {
    this.config = config;
    this.warnings = warnings;
    const functionCount = nodeList.length;
    const edges = edgeCount(nodeList);
    const depIds = new Int32Array(edges);
    const depOptional = new Uint8Array(edges);
    const collects = indexDependencies(nodeList, functionCount, ids, config, depIds, depOptional);
    addConfigNodes(nodeList, ids, config);
    const n = nodeList.length;
    const kind = new Uint8Array(n);
    const depStart = new Int32Array(n + 1);
    const expands = indexNodes(nodeList, n, calls.fns, calls.thisArgs, kind, depStart);
    depStart[n] = edges;
    this.parallel = collects || expands;
    const useStart = new Int32Array(n + 1);
    const useIds = new Int32Array(edges);
    indexConsumers(depStart, depIds, functionCount, useStart, useIds);
    this.nodeList = nodeList;
    this.ids = ids;
    this.kind = kind;
    this.depStart = depStart;
    this.depIds = depIds;
    this.depOptional = depOptional;
    this.useStart = useStart;
    this.useIds = useIds;
    this.fns = calls.fns;
    this.thisArgs = calls.thisArgs;
    const cycles: string[][] = [];
    const cycleOf = new Int32Array(nodeList.length).fill(-1);
    findCycles(this, cycles, cycleOf);
    this.cycles = cycles;
    this.cycleOf = cycleOf;
  }

  /** Every node by name, in graph order (functions by module and export name, then inputs as first read, then config). */
  get nodes(): ReadonlyMap<string, Node> {
    this.byName ??= new Map(this.nodeList.map((node) => [node.name, node]));
    return this.byName;
  }

  /** The number of nodes. */
  get size(): number {
    return this.nodeList.length;
  }

  /**
   * The node name a final var stands for: the name itself, the node a module function defines, or a
   * variable's name.
   */
  nameOf(variable: string | Function | { readonly name: string }): string {
    if (typeof variable === 'string') return variable;
    if (typeof variable !== 'function') return variable.name;
    if (!this.functionNames) {
      this.functionNames = new Map();
      for (const node of this.nodeList) {
        const fn = node.originatingFunction;
        if (fn && !this.functionNames.has(fn)) this.functionNames.set(fn, node.name);
      }
    }
    return this.functionNames.get(unwrap(variable)) ?? variable.name;
  }

  /**
   * A new graph with `nodes` added, each replacing the node of its name if there is one (Hamilton's
   * `with_nodes`, used by materialization). Inputs and config are derived again from the dependencies.
   */
  withNodes(nodes: readonly Node[]): FunctionGraph {
    const parts = new GraphParts();
    for (let i = 0; i < this.nodeList.length; i++) {
      if (this.kind[i] === FUNCTION)
        addNode(parts, this.nodeList[i], this.fns[i], this.thisArgs[i], '', true);
    }
    for (const node of nodes) addNode(parts, node, undefined, undefined, '', true);
    return new FunctionGraph(parts.nodeList, parts.ids, this.config, parts, this.warnings);
  }

  /**
   * Builds the graph of `modules` under `options.config`. Every problem (unanalysed modules, bad
   * signatures, decorator misuse, duplicate definitions) is collected and thrown at once. Cycles are not
   * errors here: the graph still builds and can be drawn.
   */
  static fromModules(modules: readonly HamiltonModule[], options: GraphOptions = {}): FunctionGraph {
    const config = options.config ?? {};
    const warnings: string[] = [];
    const parts = new GraphParts();
    const warn = (w: string) => warnings.push(w);
    for (const mod of modules) {
      let read;
      try {
        read = readModule(mod, warn);
      } catch (e) {
        parts.errors.push(asHamiltonError(e));
        continue;
      }
      addModule(
        parts,
        read.functions,
        read.name,
        !read.analysed,
        config,
        options.allowModuleOverrides === true,
      );
    }
    throwAll(parts.errors);
    return new FunctionGraph(parts.nodeList, parts.ids, config, parts, warnings);
  }
}

/**
 * The nodes a graph is built from, gathered node by node (by `fromModules` and `withNodes`). A class
 * rather than an object literal: the engine makes a literal's template on its second evaluation, which
 * threw away the code compiled for the first graph of a process when the second was built.
 */
class GraphParts {
  readonly nodeList = valueArray<Node>();
  readonly ids = new Map<string, number>();
  readonly fns = valueArray<Function | undefined>();
  readonly thisArgs = valueArray<unknown>();
  readonly errors: HamiltonError[] = [];
}


/** Adds the nodes of one module's functions (a node a config key replaces is left out). */
function addModule(
  parts: GraphParts,
  functions: readonly ModuleFunction[],
  moduleName: string,
  allowText: boolean,
  config: Config,
  allowOverrides: boolean,
): void {
  for (let f = 0; f < functions.length; f++) {
    const item = functions[f];
    // An undecorated function's one node is called positionally: the graph records the call.
    const plain = undecoratedNode(item);
    if (plain) {
      if (!isConfigKey(config, plain.name))
        addNode(parts, plain, item.fn, item.thisArg, moduleName, allowOverrides);
      continue;
    }
    let resolved;
    try {
      resolved = resolveFunction(item, moduleName, config, allowText);
    } catch (e) {
      parts.errors.push(asHamiltonError(e));
      continue;
    }
    for (const node of resolved.nodes) {
      if (!isConfigKey(config, node.name))
        addNode(parts, node, undefined, undefined, moduleName, allowOverrides);
    }
  }
}

const isConfigKey = (config: Config, name: string) => Object.prototype.hasOwnProperty.call(config, name);

/** Adds one node, replacing a node of the same name when overrides are allowed, else reporting it. */
function addNode(
  parts: GraphParts,
  node: Node,
  fn: Function | undefined,
  thisArg: unknown,
  moduleName: string,
  allowOverrides: boolean,
): void {
  const { nodeList, ids, fns, thisArgs } = parts;
  const at = ids.get(node.name);
  if (at === undefined) {
    ids.set(node.name, nodeList.length);
    nodeList.push(node);
    fns.push(fn);
    thisArgs.push(thisArg);
  } else if (allowOverrides) {
    nodeList[at] = node;
    fns[at] = fn;
    thisArgs[at] = thisArg;
  } else {
    const previous = nodeList[at];
    parts.errors.push(
      new DuplicateDefinitionError(
        node.name,
        { module: previous.tags.module as string, location: previous.location },
        { module: moduleName, location: node.location },
      ),
    );
  }
}

// Library errors pass as they are; others (a decorator's own class included) are wrapped, keeping
// their location, with the original as `cause`.
function asHamiltonError(e: unknown): HamiltonError {
  if (e instanceof HamiltonError) return e;
  const location = (e as { location?: HamiltonError['location'] } | undefined)?.location;
  return new HamiltonError(messageOf(e), { cause: e, location });
}

/** The node for a name nothing defines: a config value when the config has it, else an external input. */
function externalNode(name: string, type: string, config: Config): Node {
  const isConfig = isConfigKey(config, name);
  // The fields of a function node, in the same order, so that loops over all nodes see one shape.
  return {
    name,
    type: isConfig ? typeOfValue(config[name]) : type,
    kind: isConfig ? 'config' : 'input',
    dependencies: [],
    callable: undefined,
    tags: {},
    documentation: '',
    location: undefined,
    originatingFunction: undefined,
  };
}

// The graph is built in passes of one loop each, in functions of their own that take what they read as
// arguments and return right after the loop. The engine compiles such a function while its loop first
// runs (a large graph is built before the code warms up otherwise); compiled that early, any code before
// or after the loop that had not run yet would be compiled blind and thrown away on its first use.

function edgeCount(nodeList: readonly Node[]): number {
  let edges = 0;
  for (let i = 0; i < nodeList.length; i++) edges += nodeList[i].dependencies.length;
  return edges;
}

/**
 * Fills the dependency ids of the function nodes (the first `functionCount`), appending a node for each
 * dependency nothing defines, in order of first use. Returns whether some function node has a `Collect`
 * parameter.
 */
function indexDependencies(
  nodeList: Node[],
  functionCount: number,
  ids: Map<string, number>,
  config: Config,
  depIds: Int32Array,
  depOptional: Uint8Array,
): boolean {
  let collects = false;
  for (let i = 0, e = 0; i < functionCount; i++) {
    const node = nodeList[i];
    const deps = node.dependencies;
    for (let k = 0; k < deps.length; k++, e++) {
      const dep = deps[k];
      // (The substring test first: this runs for every edge of every graph.)
      if (!collects && dep.type.includes('Collect') && node.kind === 'function' && isCollectType(dep.type))
        collects = true;
      let d = ids.get(dep.name);
      if (d === undefined) {
        d = nodeList.length;
        ids.set(dep.name, d);
        nodeList.push(externalNode(dep.name, dep.type, config));
      }
      depIds[e] = d;
      depOptional[e] = dep.optional ? 1 : 0;
    }
  }
  return collects;
}

/** Appends a config node for every config key no node has. */
function addConfigNodes(nodeList: Node[], ids: Map<string, number>, config: Config): void {
  for (const key of Object.keys(config)) {
    if (ids.has(key)) continue;
    ids.set(key, nodeList.length);
    nodeList.push(externalNode(key, 'unknown', config));
  }
}

/**
 * Fills each node's kind and first dependency edge, makes expanders drain their items, and records the
 * positional call of nodes that allow one. Returns whether some node is an expander.
 */
function indexNodes(
  nodeList: Node[],
  n: number,
  fns: (Function | undefined)[],
  thisArgs: unknown[],
  kind: Uint8Array,
  depStart: Int32Array,
): boolean {
  let expands = false;
  let e = 0;
  for (let i = 0; i < n; i++) {
    const node = nodeList[i];
    kind[i] = node.kind === 'function' ? FUNCTION : node.kind === 'input' ? INPUT : CONFIG;
    depStart[i] = e;
    e += node.dependencies.length;
    if (isExpander(node)) {
      // Hamilton lists a Parallelizable's items as the node runs; only the node's callable does that.
      nodeList[i] = drainingNode(node);
      fns[i] = undefined;
      expands = true;
    } else if (fns[i] === undefined) {
      const call = positionalCallOf(node);
      fns[i] = call?.fn;
      thisArgs[i] = call?.thisArg;
    }
  }
  return expands;
}

/** Fills the consumer lists (compressed rows) from the dependency lists of the first `functionCount` nodes. */
function indexConsumers(
  depStart: Int32Array,
  depIds: Int32Array,
  functionCount: number,
  useStart: Int32Array,
  useIds: Int32Array,
): void {
  countConsumers(depIds, useStart);
  sumUp(useStart);
  const fill = useStart.slice(0, useStart.length - 1);
  fillConsumers(depStart, depIds, functionCount, fill, useIds);
}

/** `useStart[i + 1]`: how many edges read node `i`. */
function countConsumers(depIds: Int32Array, useStart: Int32Array): void {
  for (let e = 0; e < depIds.length; e++) useStart[depIds[e] + 1]++;
}

/** Running sums, in place. */
function sumUp(counts: Int32Array): void {
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
}

function fillConsumers(
  depStart: Int32Array,
  depIds: Int32Array,
  functionCount: number,
  fill: Int32Array,
  useIds: Int32Array,
): void {
  for (let i = 0; i < functionCount; i++) {
    for (let e = depStart[i]; e < depStart[i + 1]; e++) useIds[fill[depIds[e]]++] = i;
  }
}
