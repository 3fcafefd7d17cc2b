/**
 * `subdag` and `parameterizedSubdag`: reuse whole modules inside a graph under a namespace (Hamilton's
 * `function_modifiers/recursive.py`). The modules' nodes are copied as `ns.name`; inputs and the
 * subdag's config become `ns.key` nodes; other unmet dependencies stay global and are shared; the
 * decorated function is the final node, reading `ns.param`.
 */
import { functionSource, readModule, type HamiltonModule, type ModuleFunction } from '../modules';
import { copyNode, type Node } from '../node';
import { resolveFunction } from '../resolve';
import type { Config, Decorator, FunctionModifier, ModifierContext } from './base';
import { decoratorFor, invalid, isPlainObject, reassignInputs, refusal, repr } from './common';
import { NON_FINAL_TAG } from './targets';
import { ConfigDependency, LiteralDependency, UpstreamDependency } from './dependencies';

/** What a subdag reads inputs from: a node (`source`) or a constant (`value`). */
export type SubdagInput = UpstreamDependency | LiteralDependency;

/** Options of {@link subdag}. */
export interface SubdagOptions {
  /** Values for the subdag's inputs, as `ns.key` nodes: `{ path: source('source_path') }`. */
  readonly inputs?: Readonly<Record<string, SubdagInput>>;
  /** Config for just this subdag (over the driver's); `configuration('key')` reads a driver key. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Prefix of the copied nodes (default: the decorated function's name). */
  readonly namespace?: string;
  /** Name of the final node (default: the decorated function's name). */
  readonly finalNodeName?: string;
  /** Parameters of the decorated function that are global nodes, not `ns.param`. */
  readonly externalInputs?: readonly string[];
}

/** Per-subdag settings of {@link parameterizedSubdag}. */
export interface SubdagParams {
  /** Inputs of this subdag (over the shared ones). */
  readonly inputs?: Readonly<Record<string, SubdagInput>>;
  /** Config of this subdag (over the shared one). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** External inputs of this subdag (replacing the shared ones). */
  readonly externalInputs?: readonly string[];
}

/** What a subdag is built from: modules (namespaces or objects of functions) and single functions. */
export type SubdagSource = HamiltonModule | Function;

const OPTION_KEYS = ['inputs', 'config', 'namespace', 'finalNodeName', 'externalInputs'];

function isOptions(x: unknown): boolean {
  return (
    isPlainObject(x) &&
    Object.entries(x).every(([k, v]) => OPTION_KEYS.includes(k) && typeof v !== 'function')
  );
}

/** Hamilton's message when inputs and config are misused, or undefined. */
function checkArguments(sources: readonly unknown[], options: SubdagOptions): string | undefined {
  if (sources.length === 0) return 'No functions were passed to subdag(load_from=...)';
  const inputs = options.inputs ?? {};
  const shared = Object.keys(options.config ?? {}).filter((k) => k in inputs);
  if (shared.length > 0) {
    return (
      `Config keys ${repr(new Set(shared))} are shared with inputs. This is not allowed.` +
      'Instead, please specify the inputs you need *just* as part of the config. ' +
      "That way, you only write them once! Or, if you don't need them as a config item," +
      'just use them in inputs.'
    );
  }
  for (const [key, v] of Object.entries(inputs)) {
    if (!(v instanceof UpstreamDependency) && !(v instanceof LiteralDependency)) {
      return `Input ${key} must be either an UpstreamDependency or a LiteralDependency , not ${typeof v}.`;
    }
  }
  return undefined;
}

/** The driver's config with the subdag's on top (`value()` unwrapped, `configuration()` looked up). */
function subdagConfig(
  config: Config,
  own: Readonly<Record<string, unknown>>,
  ctx: ModifierContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const [k, v] of Object.entries(own)) {
    if (v instanceof LiteralDependency) out[k] = v.value;
    else if (!(v instanceof ConfigDependency)) out[k] = v;
  }
  for (const [k, v] of Object.entries(own)) {
    if (!(v instanceof ConfigDependency)) continue;
    if (!(v.source in out)) {
      throw invalid(
        ctx,
        `Source ${v.source} was not found in the configuration. This is required for the ${ctx.name} subdag.`,
      );
    }
    out[k] = out[v.source];
  }
  return out;
}

/** The nodes of the subdag's modules and functions under `config`, marked non-final. */
function collectNodes(sources: readonly SubdagSource[], config: Config): Node[] {
  const nodes: Node[] = [];
  for (const src of sources) {
    let items: readonly ModuleFunction[];
    let moduleName: string;
    if (typeof src === 'function') {
      const source = functionSource(src, src.name || 'a function', 'subdag', true);
      moduleName = source.module;
      items = [{ exportName: source.name || src.name, fn: src, thisArg: undefined, source }];
    } else {
      const mod = readModule(src, (message) => console.warn(message));
      moduleName = mod.name;
      items = mod.functions;
    }
    for (const item of items) {
      for (const n of resolveFunction(item, moduleName, config, true).nodes) {
        nodes.push(copyNode(n, { tags: { ...n.tags, [NON_FINAL_TAG]: 'true' } }));
      }
    }
  }
  return nodes;
}

function staticNode(name: string, constant: unknown): Node {
  return {
    name,
    type: constant === null ? 'null' : typeof constant,
    kind: 'function',
    dependencies: [],
    callable: () => constant,
    tags: { [NON_FINAL_TAG]: 'true' },
    documentation: '',
  };
}

/** One subdag's nodes (Hamilton's `subdag.generate_nodes`). */
function generate(sources: readonly SubdagSource[], options: SubdagOptions, ctx: ModifierContext): Node[] {
  const ownConfig = options.config ?? {};
  const inputs = options.inputs ?? {};
  const external = options.externalInputs ?? [];
  const namespace = options.namespace ?? ctx.name;
  const finalName = options.finalNodeName ?? ctx.name;
  const resolved = subdagConfig(ctx.config, ownConfig, ctx);
  const inner = collectNodes(sources, resolved);
  const ns = (name: string) => `${namespace}.${name}`;
  const renames: Record<string, string> = {};
  for (const name of [...inner.map((n) => n.name), ...Object.keys(inputs), ...Object.keys(ownConfig)]) {
    renames[name] = ns(name);
  }
  const namespaced = inner.map((n) => copyNode(reassignInputs(n, renames), { name: ns(n.name) }));
  const knownTypes = new Map(namespaced.flatMap((n) => n.dependencies.map((d) => [d.name, d.type] as const)));
  const statics: Node[] = [];
  for (const [key, input] of Object.entries(inputs)) {
    if (input instanceof LiteralDependency) statics.push(staticNode(ns(key), input.value));
    else if (knownTypes.has(ns(key))) {
      const type = knownTypes.get(ns(key)) ?? 'unknown';
      statics.push({
        name: ns(key),
        type,
        kind: 'function',
        dependencies: [{ name: input.source, type, optional: false }],
        callable: (kwargs) => kwargs[input.source],
        tags: { [NON_FINAL_TAG]: 'true' },
        documentation: '',
      });
    }
  }
  for (const key of Object.keys(ownConfig)) statics.push(staticNode(ns(key), resolved[key]));
  const own = ctx.nodeFromFunction(finalName, ctx.fn, ctx.source);
  const finalRenames = Object.fromEntries(
    own.dependencies.filter((d) => !external.includes(d.name)).map((d) => [d.name, ns(d.name)]),
  );
  return [...namespaced, ...statics, reassignInputs(own, finalRenames)];
}

function splitSources(args: readonly unknown[]): [SubdagSource[], SubdagOptions] {
  const last = args[args.length - 1];
  return isOptions(last)
    ? [args.slice(0, -1) as SubdagSource[], last as SubdagOptions]
    : [args as SubdagSource[], {}];
}

/**
 * Runs whole modules as part of this graph, under a namespace: Hamilton's `@subdag`.
 * @example
 * ```ts
 * export const feature_engineering = subdag(featureModule, {
 *   inputs: { path: source('source_path') }, config: { mode: 'batch' },
 * })(function feature_engineering(feature_df: DataFrame<Features>): DataFrame<Features> { return feature_df; });
 * ```
 */
export function subdag(...args: (SubdagSource | SubdagOptions)[]): Decorator {
  const [sources, options] = splitSources(args);
  const error = checkArguments(sources, options);
  if (error) return decoratorFor(refusal('create', 'subdag', error));
  const modifier: FunctionModifier = {
    phase: 'create',
    decorator: 'subdag',
    create: (ctx) => generate(sources, options, ctx),
  };
  return decoratorFor(modifier);
}

/** The keywords of `parameterizedSubdag` shared by every subdag; any other key names one subdag. */
const SHARED_KEYS: readonly string[] = ['inputs', 'config', 'externalInputs'];

/**
 * One subdag per key, each namespaced (and its final node named) by the key, as Hamilton's
 * `parameterized_subdag(*modules, inputs=..., config=..., external_inputs=..., **parameterization)`:
 * `parameterizedSubdag(features, { inputs: { shared: value(1) }, from_a: { inputs: { data: value('a.csv') } }, from_b: {...} })`.
 * The shared `inputs`, `config` and `externalInputs` apply to every subdag; each key's own settings
 * override them. (They may also come in a separate object after the subdags.)
 */
export function parameterizedSubdag(
  ...args: (SubdagSource | Readonly<Record<string, SubdagParams | SubdagParams[keyof SubdagParams]>>)[]
): Decorator {
  // Options are plain objects of objects and lists; a module object holds functions.
  const isOptions = (x: unknown) =>
    isPlainObject(x) && Object.values(x).every((v) => isPlainObject(v) || Array.isArray(v));
  const at = args.findIndex(isOptions);
  const sources = (at === -1 ? args : args.slice(0, at)) as SubdagSource[];
  const options: Record<string, unknown> = Object.assign({}, ...(at === -1 ? [] : args.slice(at)));
  const shared = Object.fromEntries(
    SHARED_KEYS.filter((k) => k in options).map((k) => [k, options[k]]),
  ) as SubdagParams;
  const parameterization = Object.entries(options).filter(([k]) => !SHARED_KEYS.includes(k)) as [
    string,
    SubdagParams,
  ][];
  const each = parameterization.map(([key, p]): SubdagOptions => ({
    inputs: { ...shared.inputs, ...p.inputs },
    config: { ...shared.config, ...p.config },
    externalInputs: p.externalInputs ?? shared.externalInputs,
    namespace: key,
    finalNodeName: key,
  }));
  const error = each.map((o) => checkArguments(sources, o)).find((e) => e !== undefined);
  if (error) return decoratorFor(refusal('create', 'parameterized_subdag', error));
  const modifier: FunctionModifier = {
    phase: 'create',
    decorator: 'parameterized_subdag',
    create: (ctx) => each.flatMap((o) => generate(sources, o, ctx)),
  };
  return decoratorFor(modifier);
}
