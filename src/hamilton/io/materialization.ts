/**
 * Ad-hoc loading and saving at execution time: Hamilton's `to` and `from_` (`io/materialization.py`),
 * used with `Driver.materialize`. `to.csv({ id, dependencies, combine?, ...saverArgs })` adds a node `id`
 * that saves its dependency (or, with `combine`, the node `<id>_build_result` joining several) and returns
 * the saver's metadata. `from.csv({ target, ...loaderArgs })` replaces the node `target` with a loader
 * (`load_data.<target>`) and the node selecting its data.
 */
import { HamiltonError } from '../errors';
import type { FunctionGraph } from '../graph';
import type { Node } from '../node';
import type { ResultBuilder } from '../results';
import { repr } from '../function_modifiers/common';
import {
  loaderNodes,
  registryProxy,
  type AdapterRegistry,
  saverNode,
  type AdapterArguments,
} from '../function_modifiers/data_adapters';
import {
  loaderKeys,
  loadersFor,
  saverKeys,
  saversFor,
  type DataLoader,
  type DataSaver,
} from './data_adapters';

/** Options of `to.<key>`: the materializer's own fields, and the saver's arguments. */
export type MaterializerOptions = AdapterArguments & {
  /** The saver node's name: the key of its metadata in `materialize`'s result. */
  readonly id: string;
  /** The nodes (names or module functions) whose values are saved. */
  readonly dependencies: readonly (string | Function)[];
  /** Joins several dependencies into one value to save (a result builder, e.g. `DataFrameResult`). */
  readonly combine?: ResultBuilder<unknown>;
};

/** Options of `from.<key>`: the node to replace, and the loader's arguments. */
export type ExtractorOptions = AdapterArguments & {
  /** The node whose value is loaded instead of computed. */
  readonly target: string;
};

/** What `to.<key>(...)` makes: nodes that save, added to the graph by `materialize` (Hamilton's `MaterializerFactory`). */
export class MaterializerFactory {
  /** The saver node's name. */
  readonly id: string;
  /** The nodes saved, by name (functions are turned into names by the driver). */
  readonly dependencies: readonly (string | Function)[];
  /** The result builder joining the dependencies, if any. */
  readonly combine: ResultBuilder<unknown> | undefined;
  private readonly savers: readonly DataSaver[];
  private readonly args: AdapterArguments;

  constructor(savers: readonly DataSaver[], options: MaterializerOptions) {
    const { id, dependencies, combine, ...args } = options;
    this.id = id;
    this.dependencies = dependencies;
    this.combine = combine;
    this.savers = savers;
    this.args = args;
  }

  /** The nodes to add: the join node when combining, then the saver node. */
  generateNodes(graph: FunctionGraph): Node[] {
    const names = this.dependencies.map((d) => graph.nameOf(d));
    const missing = names.filter((n) => !graph.nodes.has(n));
    if (missing.length > 0) {
      throw new HamiltonError(
        `Materializer ${this.id} has dependencies that are not in the graph: ${repr(missing)}.`,
      );
    }
    const deps = names.map((n) => graph.nodes.get(n) as Node);
    const out: Node[] = [];
    let toSave: Node;
    if (this.combine === undefined) {
      if (deps.length !== 1) {
        throw new HamiltonError(
          'Must specify result builder via combine= key word argument if the materializer has more than one ' +
            'dependency it is materializing. Otherwise we have no way to join them and know what to pass! ' +
            `See materializer ${this.id}.`,
        );
      }
      toSave = deps[0];
    } else {
      const combine = this.combine;
      toSave = {
        name: `${this.id}_build_result`,
        type: combine.outputType?.() ?? 'unknown',
        kind: 'function',
        dependencies: deps.map((d) => ({ name: d.name, type: d.type, optional: false })),
        callable: (kwargs) => combine.build(kwargs),
        tags: {},
        documentation: `Builds the result for ${this.id} materializer`,
      };
      out.push(toSave);
    }
    out.push(
      saverNode(toSave, this.savers, this.args, {
        outputName: this.id,
        fnName: toSave.originatingFunction?.name || (this.combine ? 'join_function' : toSave.name),
      }),
    );
    return out;
  }
}

/** What `from.<key>(...)` makes: a loader that replaces a node (Hamilton's `ExtractorFactory`). */
export class ExtractorFactory {
  /** The node replaced. */
  readonly target: string;
  private readonly loaders: readonly DataLoader[];
  private readonly args: AdapterArguments;

  constructor(loaders: readonly DataLoader[], options: ExtractorOptions) {
    const { target, ...args } = options;
    this.target = target;
    this.loaders = loaders;
    this.args = args;
  }

  /** The loader node and the node selecting its data, which takes the target's name. */
  generateNodes(graph: FunctionGraph): Node[] {
    const node = graph.nodes.get(this.target);
    if (node === undefined) {
      const names = [...graph.nodes.keys()];
      // Hamilton's message lists the nodes only for graphs of more than ten, ending with an ellipsis.
      const listed = names.length > 10 ? `${repr(names).slice(0, -1)}, Ellipsis]` : '[]';
      throw new HamiltonError(
        `Could not find node with name: ${this.target} in function graph. Available nodes: ${listed}`,
      );
    }
    return loaderNodes(this.target, node.type, this.loaders, this.args);
  }
}

/** The graph with the materializers' nodes added and the extractors' targets replaced (Hamilton's `modify_graph`). */
export function modifyGraph(
  graph: FunctionGraph,
  materializers: readonly MaterializerFactory[],
  extractors: readonly ExtractorFactory[],
): FunctionGraph {
  const withSavers = graph.withNodes(materializers.flatMap((m) => m.generateNodes(graph)));
  return extractors.length === 0
    ? withSavers
    : withSavers.withNodes(extractors.flatMap((e) => e.generateNodes(withSavers)));
}

/** `to.csv`, `to.json`, `to.file`, or any saver key registered with `registerAdapter`. */
export type To = AdapterRegistry<(options: MaterializerOptions) => MaterializerFactory>;

/** `from.csv`, `from.json`, `from.file`, or any loader key registered with `registerAdapter`. */
export type From = AdapterRegistry<(options: ExtractorOptions) => ExtractorFactory>;

/**
 * Hamilton's `to`: materializers for `Driver.materialize`, one per saver key.
 * `to.csv({ id: 'save_df', dependencies: ['a', 'b'], combine: new DataFrameResult(), path: 'out.csv' })`.
 */
export const to: To = /* @__PURE__ */ registryProxy(
  saversFor,
  (savers, options: MaterializerOptions) => new MaterializerFactory(savers, options),
  (key) =>
    `No data materializer named: ${key}. Available materializers are: ${repr(saverKeys())}. ` +
    `If you've gotten to this point, you either (1) Have created the custom materializer and not registered it ` +
    `(in which case, call registry.register_adapter...) (2) spelled the materializer name wrong, or (e) are ` +
    `trying to use a materialiazer that doesnot exist (yet).`,
);

/**
 * Hamilton's `from_` (`from` is a plain identifier in TypeScript, so the underscore Python needed is
 * dropped): extractors for `Driver.materialize`, one per loader key. `from.csv({ target: 'orders', path: 'orders.csv' })`.
 */
export const from: From = /* @__PURE__ */ registryProxy(
  loadersFor,
  (loaders, options: ExtractorOptions) => new ExtractorFactory(loaders, options),
  (key) =>
    `No data loader named: ${key}. Available loaders are: dict_keys(${repr(loaderKeys())}). ` +
    `If you've gotten to this point, you either (1) spelled the loader name wrong, (2) are trying to use a ` +
    `loader that doesnot exist (yet).`,
);
