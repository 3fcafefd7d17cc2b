/**
 * Loading and saving as nodes: Hamilton's `load_from`, `save_to`, `dataloader` and `datasaver`
 * (`function_modifiers/adapters.py`), and the loader and saver nodes `Driver.materialize` adds.
 *
 * `loadFrom.csv({ path })` on `function raw(data: DataFrame)` adds `raw.load_data.data` (returns
 * `[data, metadata]`) and `raw.select_data.data` (the data), and `raw` reads the latter. `saveTo.json({ path,
 * outputName_ })` adds a node that saves the function's output and returns metadata (`save.<name>` without
 * an `outputName_`). Arguments given as `source('node')` are dependencies; anything else is a literal.
 */
import type { Dependency, Node } from '../node';
import {
  adapterRepr,
  checkAdapterArguments,
  loaderKeys,
  loadersFor,
  resolveAdapter,
  saverKeys,
  saversFor,
  type DataLoader,
  type DataSaver,
} from '../io/data_adapters';
import { InvalidDecoratorException, type Decorator, type ModifierContext } from './base';
import { decoratorFor, invalid, reassignInputs, repr } from './common';
import { finalNodes } from './targets';
import { LiteralDependency, UpstreamDependency } from './dependencies';

/** Arguments of a loader or saver: literals, `value(...)` or `source('node')`. */
export type AdapterArguments = Readonly<Record<string, unknown>>;

/** Options of `loadFrom.<key>`: the loader's arguments, and `inject_` (the parameter to load into). */
export type LoadFromOptions = AdapterArguments & {
  /** The parameter that receives the data; required when the function has several. */
  readonly inject_?: string;
};

/** Options of `saveTo.<key>`: the saver's arguments, `outputName_` (the saver node's name), `target_`. */
export type SaveToOptions = AdapterArguments & {
  /** The saver node's name (default `save.<node>`). */
  readonly outputName_?: string;
  /** The node whose value is saved (default: the function's node). */
  readonly target_?: string;
};

/** Splits arguments into dependencies (argument → node) and literal values (Hamilton's `resolve_kwargs`). */
function splitArguments(args: AdapterArguments): {
  sources: Record<string, string>;
  literals: Record<string, unknown>;
} {
  const sources: Record<string, string> = {};
  const literals: Record<string, unknown> = {};
  for (const [name, arg] of Object.entries(args)) {
    if (arg instanceof UpstreamDependency) sources[name] = arg.source;
    else literals[name] = arg instanceof LiteralDependency ? arg.value : arg;
  }
  return { sources, literals };
}

/** The dependencies an adapter node reads: its arguments given as sources. */
function argumentDependencies(
  adapter: DataLoader | DataSaver,
  sources: Readonly<Record<string, string>>,
): Dependency[] {
  const deps: Dependency[] = [];
  for (const [arg, type] of Object.entries(adapter.requiredArguments)) {
    if (arg in sources) deps.push({ name: sources[arg], type, optional: false });
  }
  for (const [arg, type] of Object.entries(adapter.optionalArguments)) {
    if (arg in sources) deps.push({ name: sources[arg], type, optional: true });
  }
  return deps;
}

/** The adapter's arguments for one call: literals, and sources read from the node's kwargs. */
function argumentsFrom(
  literals: Readonly<Record<string, unknown>>,
  sources: Readonly<Record<string, string>>,
  kwargs: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const args: Record<string, unknown> = { ...literals };
  for (const [arg, node] of Object.entries(sources)) if (node in kwargs) args[arg] = kwargs[node];
  return args;
}

function checkArguments(adapter: DataLoader | DataSaver, args: AdapterArguments): void {
  const problem = checkAdapterArguments(adapter, Object.keys(args));
  if (problem) throw new InvalidDecoratorException(problem);
}

const loaderTags = (loader: DataLoader, param: string, hasMetadata: boolean) => ({
  'hamilton.data_loader': 'true',
  'hamilton.data_loader.has_metadata': hasMetadata ? 'true' : 'false',
  'hamilton.data_loader.source': loader.name,
  'hamilton.data_loader.classname': loader.className,
  'hamilton.data_loader.node': param,
});

/**
 * The two nodes that load `param`: `<ns>.load_data.<param>` returning `[data, metadata]`, and the one
 * that selects the data, named `<ns>.select_data.<param>` (or `param` itself without a namespace, where
 * it replaces the node of that name). Hamilton's `LoadFromDecorator.get_loader_nodes`.
 */
export function loaderNodes(
  param: string,
  type: string,
  loaders: readonly DataLoader[],
  args: AdapterArguments,
  namespace?: string,
): [Node, Node] {
  const loader = resolveAdapter(type, loaders);
  if (!loader) {
    throw new InvalidDecoratorException(
      `Could not resolve loader for type: ${type} given possibilities: [${loaders.map(adapterRepr).join(', ')}] `,
    );
  }
  checkArguments(loader, args);
  const { sources, literals } = splitArguments(args);
  const loadName = namespace ? `${namespace}.load_data.${param}` : `load_data.${param}`;
  const loadNode: Node = {
    name: loadName,
    type: `[${type}, Record<string, unknown>]`,
    kind: 'function',
    dependencies: argumentDependencies(loader, sources),
    callable: (kwargs) => loader.loadData(argumentsFrom(literals, sources, kwargs), type),
    tags: loaderTags(loader, param, true),
    documentation: '',
  };
  const selectNode: Node = {
    name: namespace ? `${namespace}.select_data.${param}` : param,
    type,
    kind: 'function',
    dependencies: [{ name: loadName, type: loadNode.type, optional: false }],
    callable: (kwargs) => (kwargs[loadName] as [unknown, unknown])[0],
    tags: loaderTags(loader, param, false),
    documentation: '',
  };
  return [loadNode, selectNode];
}

/**
 * The node that saves `node` (or the node named `target`) with the saver that applies to its type,
 * returning the saver's metadata: Hamilton's `SaveToDecorator.create_saver_node`.
 */
export function saverNode(
  node: Node,
  savers: readonly DataSaver[],
  args: AdapterArguments,
  options: { readonly outputName?: string; readonly target?: string; readonly fnName: string },
): Node {
  const toSave = options.target ?? node.name;
  const saver = resolveAdapter(node.type, savers);
  if (!saver) {
    throw new InvalidDecoratorException(
      `No saver class found for type: ${node.type} specified by output type: ${node.type} in node: ` +
        `${toSave} generated by function: ${options.fnName}.`,
    );
  }
  checkArguments(saver, args);
  const { sources, literals } = splitArguments(args);
  return {
    name: options.outputName ?? `save.${toSave}`,
    type: 'Record<string, unknown>',
    kind: 'function',
    dependencies: [
      ...argumentDependencies(saver, sources),
      { name: toSave, type: node.type, optional: false },
    ],
    callable: (kwargs) => saver.saveData(argumentsFrom(literals, sources, kwargs), kwargs[toSave]),
    tags: {
      'hamilton.data_saver': 'true',
      'hamilton.data_saver.sink': saver.name,
      'hamilton.data_saver.classname': saver.className,
    },
    documentation: '',
  };
}

/**
 * Hamilton's `fn.__qualname__`: the function's own name as written in the source (bundlers may rename
 * the runtime function), else its node name.
 */
/** The function's name as Hamilton prints it in adapter tags and messages. */
export function qualname(ctx: ModifierContext): string {
  return ctx.source.name || ctx.fn.name || ctx.name;
}

function withoutOwn<K extends string>(options: AdapterArguments, own: readonly K[]): AdapterArguments {
  return Object.fromEntries(Object.entries(options).filter(([k]) => !(own as readonly string[]).includes(k)));
}

/** The parameter `loadFrom` loads into (Hamilton's `_get_inject_parameter_from_function`). */
function injectParameter(ctx: ModifierContext, inject: string | undefined): string {
  const params = ctx.source.params.map((p) => p.name);
  if (inject === undefined) {
    if (params.length === 0) {
      throw invalid(
        ctx,
        `The function: ${qualname(ctx)} has no parameters. The data loader functionality injects the loaded data ` +
          `into the function, so you must have at least one parameter.`,
      );
    }
    if (params.length !== 1) {
      throw invalid(
        ctx,
        `If you have multiple parameters in the signature, you must pass \`inject_\` to the load_from decorator for ` +
          `function: ${qualname(ctx)}`,
      );
    }
    return params[0];
  }
  if (!params.includes(inject))
    throw invalid(ctx, `Invalid inject parameter: ${inject} for fn: ${qualname(ctx)}`);
  return inject;
}

function loadFromDecorator(loaders: readonly DataLoader[], options: LoadFromOptions): Decorator {
  const inject = options.inject_;
  const args = withoutOwn(options, ['inject_']);
  return decoratorFor({
    phase: 'inject',
    decorator: 'load_from',
    validate(ctx) {
      const param = injectParameter(ctx, inject);
      const type = ctx.source.params.find((p) => p.name === param)?.type ?? 'unknown';
      if (!resolveAdapter(type, loaders)) {
        throw invalid(
          ctx,
          `No loader class found for type: ${type} specified by parameter: ${param} in function: ${qualname(ctx)}`,
        );
      }
    },
    transform(nodes, ctx) {
      const produced = new Set(nodes.map((n) => n.name));
      const required = [
        ...new Set(nodes.flatMap((n) => n.dependencies.map((d) => d.name)).filter((d) => !produced.has(d))),
      ];
      if (inject === undefined && required.length !== 1) {
        throw invalid(
          ctx,
          `If the nodes produced by ${qualname(ctx)} require multiple inputs, you must pass \`inject_\` to the ` +
            `load_from decorator for function: ${qualname(ctx)}`,
        );
      }
      const param = inject ?? required[0];
      if (!required.includes(param)) {
        throw invalid(ctx, `Parameter ${param} not required by nodes produced by ${qualname(ctx)}`);
      }
      const type = nodes.flatMap((n) => n.dependencies).find((d) => d.name === param)?.type ?? 'unknown';
      let added: [Node, Node];
      try {
        added = loaderNodes(param, type, loaders, args, qualname(ctx));
      } catch (e) {
        throw invalid(ctx, `Cannot find : ${qualname(ctx)}: ${(e as Error).message}`);
      }
      const rewired = nodes.map((n) =>
        n.dependencies.some((d) => d.name === param) ? reassignInputs(n, { [param]: added[1].name }) : n,
      );
      // Hamilton's order: the function's nodes, then the injected ones.
      return [...rewired, ...added];
    },
  });
}

function saveToDecorator(savers: readonly DataSaver[], options: SaveToOptions): Decorator {
  const args = withoutOwn(options, ['outputName_', 'target_']);
  return decoratorFor({
    phase: 'transform',
    decorator: 'save_to',
    transform(nodes, ctx) {
      const targets = finalNodes(nodes);
      if (targets.length !== 1) {
        throw invalid(
          ctx,
          `Expected a single node to transform, but got ${targets.length}. <class 'SaveToDecorator'>  can only ` +
            `operate on a single node, but multiple nodes were created by ${qualname(ctx)}`,
        );
      }
      const saved = saverNode(targets[0], savers, args, {
        outputName: options.outputName_,
        target: options.target_,
        fnName: qualname(ctx),
      });
      return [...nodes.filter((n) => n !== targets[0]), saved, targets[0]];
    },
  });
}

/** Python's `AttributeError`, raised for an adapter key nothing is registered under. */
export class AttributeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttributeError';
  }
}

/**
 * Adapters by key: `csv`, `json` and `file` always, and any key registered with `registerAdapter`.
 * Each key gives `F`, made from the adapters registered under it.
 */
export type AdapterRegistry<F> = Readonly<Record<string, F>> & {
  /** CSV files, as `hamilton/frame` DataFrames. */
  readonly csv: F;
  /** JSON files, as objects or arrays. */
  readonly json: F;
  /** Text files, as strings. */
  readonly file: F;
};

/**
 * Reads `registry.<key>` through the adapter registry: what `make` builds from the key's adapters, or
 * Hamilton's message for a key nothing is registered under.
 */
export function registryProxy<Adapter, Options, Made>(
  adaptersFor: (key: string) => readonly Adapter[],
  make: (adapters: readonly Adapter[], options: Options) => Made,
  unknown: (key: string) => string,
): AdapterRegistry<(options: Options) => Made> {
  return new Proxy({} as AdapterRegistry<(options: Options) => Made>, {
    get(_, key) {
      if (typeof key !== 'string') return undefined;
      const adapters = adaptersFor(key);
      if (adapters.length === 0) throw new AttributeError(unknown(key));
      return (options: Options) => make(adapters, options);
    },
  });
}

/** `loadFrom.csv`, `loadFrom.json`, `loadFrom.file`, or any key registered with `registerAdapter`. */
export type LoadFrom = AdapterRegistry<(options: LoadFromOptions) => Decorator>;

/** `saveTo.csv`, `saveTo.json`, `saveTo.file`, or any key registered with `registerAdapter`. */
export type SaveTo = AdapterRegistry<(options: SaveToOptions) => Decorator>;

const dictKeys = (keys: readonly string[]) => `dict_keys(${repr(keys)})`;

/**
 * Hamilton's `load_from`: loads a parameter's value with the loader of the key that applies to the
 * parameter's type. `loadFrom.csv({ path: 'orders.csv' })`, `loadFrom.json({ path: source('p'), inject_: 'data' })`.
 */
export const loadFrom: LoadFrom = /* @__PURE__ */ registryProxy(
  loadersFor,
  loadFromDecorator,
  (key) =>
    `No loader named: ${key} available for load_from. Available loaders are: ${dictKeys(loaderKeys())}. ` +
    `If you've gotten to this point, you either (1) spelled the loader name wrong, (2) are trying to use a ` +
    `loader that doesnot exist (yet).`,
);

/**
 * Hamilton's `save_to`: adds a node that saves the function's output and returns metadata.
 * `saveTo.csv({ path: 'out.csv', outputName_: 'save_summary' })`.
 */
export const saveTo: SaveTo = /* @__PURE__ */ registryProxy(
  saversFor,
  saveToDecorator,
  (key) =>
    `No saver named: ${key} available for save_to. Available data savers are: ${repr(saverKeys())}. ` +
    `If you've gotten to this point, you either (1) spelled the loader name wrong, (2) are trying to use a ` +
    `saver that doesnot exist (yet).`,
);
