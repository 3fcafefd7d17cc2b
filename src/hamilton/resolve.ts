/**
 * Turning one function into nodes: Hamilton's `resolve_nodes`. Config modifiers decide whether the
 * function exists (and cut its name at the last `__`), then the other modifiers apply in Hamilton's fixed
 * phase order, whatever order they were stacked in.
 */
import {
  InvalidDecoratorException,
  modifiersOf,
  unwrap,
  type Config,
  type FunctionModifier,
  type ModifierContext,
  type ModifierPhase,
} from './function_modifiers/base';
import { HamiltonError, NodeResolutionError } from './errors';
import { functionSource, isTextSource, type ModuleFunction } from './modules';
import { copyNode, type Node, type NodeCallable } from './node';
import type { FunctionSource } from './source';

/** How a node made by {@link nodeFromFunction} may be called positionally, skipping the kwargs object. */
export interface PositionalCall {
  /** The user function. */
  readonly fn: Function;
  /** `this` for the call. */
  readonly thisArg: unknown;
  /** The dependency list the function's parameters correspond to (identity-compared). */
  readonly dependencies: Node['dependencies'];
}

const POSITIONAL = Symbol('hamilton.positional');

interface Marked {
  [POSITIONAL]?: PositionalCall;
}

/**
 * The positional form of a node's callable, when the node still reads exactly the parameters its function
 * declares (decorators that rewire inputs make a new callable or a new dependency list, and lose it).
 */
export function positionalCallOf(node: Node): PositionalCall | undefined {
  const call = (node.callable as Marked | undefined)?.[POSITIONAL];
  return call && call.dependencies === node.dependencies ? call : undefined;
}

/** What {@link callWithKwargs} is bound to: a function, its parameters and its `this`. */
interface KwargsCall {
  readonly originatingFunction?: Function;
  readonly dependencies: FunctionSource['params'];
  readonly thisArg?: unknown;
}

// A node's kwargs callable is this function bound to the node itself (or, for a static method, to a
// record that adds the class): every node of a graph has one, and a bound function takes less than half
// the memory of a closure with its context. It is written as a method because bundlers that keep names
// (tsx) redefine a named function's `name`, and binding such a function is many times slower.
const callWithKwargs = {
  call(this: KwargsCall, kwargs: Readonly<Record<string, unknown>>): unknown {
    const params = this.dependencies;
    const args = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) args[i] = kwargs[params[i].name];
    return (this.originatingFunction as (...a: unknown[]) => unknown).apply(this.thisArg, args);
  },
}.call;

// Nodes of one module share one frozen tags object until a decorator gives them their own.
const moduleTags = new Map<string, Readonly<Record<string, string>>>();

function tagsOf(module: string): Readonly<Record<string, string>> {
  let tags = moduleTags.get(module);
  if (!tags) {
    tags = Object.freeze({ module });
    moduleTags.set(module, tags);
  }
  return tags;
}

/**
 * The node a function makes by default: named `name`, one dependency per parameter in order, tagged with
 * its module. Its callable passes dependencies positionally; an absent optional one is passed as
 * `undefined`, so the parameter's default applies.
 */
export function nodeFromFunction(
  name: string,
  fn: Function,
  source: FunctionSource,
  thisArg?: unknown,
): Node {
  const node = plainNode(name, fn, source, thisArg);
  (node.callable as Marked)[POSITIONAL] = { fn, thisArg, dependencies: source.params };
  return node;
}

// The node without the positional mark: for undecorated functions, whose graph records the call itself.
function plainNode(name: string, fn: Function, source: FunctionSource, thisArg: unknown): Node {
  const node: { -readonly [K in keyof Node]: Node[K] } = {
    name,
    type: source.returnType,
    kind: 'function',
    dependencies: source.params,
    callable: undefined,
    tags: tagsOf(source.module),
    documentation: source.doc,
    location: isTextSource(source) ? undefined : source.location,
    originatingFunction: fn,
  };
  const call: KwargsCall =
    thisArg === undefined ? node : { originatingFunction: fn, dependencies: source.params, thisArg };
  node.callable = callWithKwargs.bind(call) as NodeCallable;
  return node;
}

/** The node name of a config-selected function: its name cut at the last `__`. */
export function configName(name: string): string {
  const cut = name.lastIndexOf('__');
  return cut > 0 ? name.slice(0, cut) : name;
}

/** What resolving a module function produced. */
export interface Resolved {
  /** The node name the function stands for (what passing the function as a final var means). */
  readonly name: string;
  /** Its nodes; empty when config deselects it. */
  readonly nodes: readonly Node[];
}

/**
 * The one node an undecorated module function makes (its graph calls `item.fn` positionally); undefined
 * for a decorated one, which {@link resolveFunction} resolves.
 */
export function undecoratedNode(item: ModuleFunction): Node | undefined {
  if (modifiersOf(item.fn).length > 0) return undefined;
  return plainNode(item.exportName, unwrap(item.fn), item.source, item.thisArg);
}

/**
 * The nodes one module function makes under `config`. Decorator errors are wrapped in a
 * {@link NodeResolutionError} naming the function, its module and line (errors the library or the
 * decorators raise on purpose pass through unchanged).
 */
export function resolveFunction(
  item: ModuleFunction,
  moduleName: string,
  config: Config,
  allowText: boolean,
): Resolved {
  const plain = undecoratedNode(item);
  if (plain) return { name: item.exportName, nodes: [plain] };
  const modifiers = modifiersOf(item.fn);
  const { source } = item;
  const inner = unwrap(item.fn);
  try {
    return applyModifiers(item, modifiers, inner, moduleName, config, allowText);
  } catch (e) {
    if (e instanceof HamiltonError || e instanceof InvalidDecoratorException) throw e;
    throw new NodeResolutionError(
      item.exportName,
      e,
      moduleName,
      isTextSource(source) ? undefined : source.location,
    );
  }
}

function applyModifiers(
  item: ModuleFunction,
  declared: readonly FunctionModifier[],
  inner: Function,
  moduleName: string,
  config: Config,
  allowText: boolean,
): Resolved {
  const modifiers = declared.some((m) => m.resolveDynamic)
    ? declared.flatMap((m) => m.resolveDynamic?.(config, item.source) ?? [m])
    : declared;
  const byPhase = new Map<ModifierPhase, FunctionModifier[]>();
  for (const m of modifiers) {
    const list = byPhase.get(m.phase);
    if (list) list.push(m);
    else byPhase.set(m.phase, [m]);
  }
  const configModifiers = byPhase.get('config') ?? [];
  if (configModifiers.length > 0 && item.exportName.endsWith('__')) {
    throw new HamiltonError(
      `${item.exportName}: config decorators use the part of the name before the last __ as the node name ` +
        `(signups__v2 is the node signups), so a name cannot end with __`,
      { module: moduleName, location: item.source.location },
    );
  }
  const name = configModifiers.length > 0 ? configName(item.exportName) : item.exportName;
  const ctx: ModifierContext = {
    name,
    fn: inner,
    source: item.source,
    config,
    sourceOf: (fn) => functionSource(fn, fn.name || 'a function', moduleName, allowText),
    nodeFromFunction: (n, fn, s) => nodeFromFunction(n, fn, s, fn === inner ? item.thisArg : undefined),
  };
  for (const m of modifiers) m.validate?.(ctx);
  if (!configModifiers.every((m) => m.enabled?.(config) ?? true)) return { name, nodes: [] };
  for (const phase of ['create', 'expand'] as const) {
    const list = byPhase.get(phase);
    if (list && list.length > 1) {
      throw new HamiltonError(
        `Got multiple decorators for decorator @${list[1].decorator} on ${item.exportName}. Only one allowed.`,
        { module: moduleName, location: item.source.location },
      );
    }
  }
  const creator = byPhase.get('create')?.[0];
  let nodes: Node[] = creator?.create
    ? creator.create(ctx)
    : [nodeFromFunction(name, inner, item.source, item.thisArg)];
  for (const phase of ['inject', 'expand', 'transform', 'tag'] as const) {
    for (const m of byPhase.get(phase) ?? []) if (m.transform) nodes = m.transform(nodes, ctx);
  }
  // Each config decorator sets the tag in Hamilton, so the outermost one (applied last) is what remains.
  const configKeys = [...new Set(configModifiers.at(-1)?.configKeys ?? [])];
  return {
    name,
    nodes: nodes.map((n) => {
      const tags = { ...n.tags };
      if (tags.module === undefined) tags.module = moduleName;
      if (configModifiers.length > 0 && tags['hamilton.config'] === undefined) {
        tags['hamilton.config'] = configKeys.length ? configKeys.join(',') : '__UNKNOWN__';
      }
      return copyNode(n, { tags, originatingFunction: n.originatingFunction ?? inner });
    }),
  };
}
