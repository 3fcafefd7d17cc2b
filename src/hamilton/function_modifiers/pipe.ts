/**
 * `pipeInput`, `pipeOutput`, `step` and `mutate`: chains of small transformations shown as nodes
 * (Hamilton's `function_modifiers/macros.py`). Step nodes are named `fn.with_<step>` (repeats get `_1`,
 * `_2`); `pipeOutput` keeps the function's own result as `fn.raw`.
 */
import type { Node } from '../node';
import type { Config, Decorator, FunctionModifier, ModifierContext } from './base';
import { addModifier, decorate, modifiersOf } from './base';
import {
  expectArgument,
  decoratorFor,
  invalid,
  isPlainObject,
  reassignInputs,
  refusal,
  repr,
} from './common';
import { selectNodes, transformTargets, type Target } from './targets';
import { resolvers, type ConfigConditions, type ConfigGroupConditions, type ConfigResolver } from './config';
import { LiteralDependency, UpstreamDependency, source } from './dependencies';

// A step's namespace: `undefined` inherits (Hamilton's `...`), `null` means none, a string replaces it.
type Namespace = string | null | undefined;

/**
 * One step of a pipe: a function applied to the chained value, with its other arguments bound
 * (Hamilton's `Applicable`). Made with {@link step} or {@link applyTo}; refine it with `.when`,
 * `.named` and `.onOutput`.
 */
export class Step {
  /** The function applied (for `applyTo`, set by `mutate`). */
  readonly fn: Function | undefined;
  /** Positional arguments after the chained one. */
  readonly args: readonly unknown[];
  /** Arguments by parameter name. */
  readonly kwargs: Readonly<Record<string, unknown>>;
  /** Config conditions under which the step applies. */
  readonly resolvers: readonly ConfigResolver[];
  /** The node name, when given with `.named`. */
  readonly name: string | undefined;
  /** The node namespace (see `.named`). */
  readonly namespace: Namespace;
  /** For `pipeOutput`/`mutate`: which outputs it applies to. */
  readonly target: Target | undefined;
  /** For `applyTo`: the function whose output `mutate` transforms. */
  readonly targetFn: Function | undefined;

  constructor(
    fields: Partial<Step> & { args?: readonly unknown[]; kwargs?: Readonly<Record<string, unknown>> },
  ) {
    this.fn = fields.fn;
    this.args = fields.args ?? [];
    this.kwargs = fields.kwargs ?? {};
    this.resolvers = fields.resolvers ?? [];
    this.name = fields.name;
    this.namespace = fields.namespace;
    this.target = fields.target;
    this.targetFn = fields.targetFn;
  }

  private with(changes: Partial<Step>): Step {
    return new Step({ ...this, ...changes });
  }

  /** Applies only when every key equals its value in the config. */
  when(conditions: ConfigConditions): Step {
    return this.with({ resolvers: [...this.resolvers, resolvers.when(conditions)] });
  }
  /** Applies only when no key equals its value. */
  whenNot(conditions: ConfigConditions): Step {
    return this.with({ resolvers: [...this.resolvers, resolvers.whenNot(conditions)] });
  }
  /** Applies only when every key's value is in its list. */
  whenIn(conditions: ConfigGroupConditions): Step {
    return this.with({ resolvers: [...this.resolvers, resolvers.whenIn(conditions)] });
  }
  /** Applies only when no key's value is in its list. */
  whenNotIn(conditions: ConfigGroupConditions): Step {
    return this.with({ resolvers: [...this.resolvers, resolvers.whenNotIn(conditions)] });
  }
  /**
   * Names the step's node. The namespace stays the decorated function's name unless given: a string
   * replaces it, `null` drops it.
   */
  named(name: string, namespace?: string | null): Step {
    return this.with({ name, namespace: namespace === undefined ? this.namespace : namespace });
  }
  /** Sets the namespace (usually you want {@link Step.named}). */
  namespaced(namespace: string | null): Step {
    return this.with({ namespace });
  }
  /** For `pipeOutput`/`mutate` on a function with several outputs: the outputs this step applies to. */
  onOutput(target: Target): Step {
    return this.with({ target });
  }

  /** Whether the step applies under this configuration. */
  resolves(config: Config): boolean {
    return this.resolvers.every((r) => r(config));
  }
}

function splitArgs(args: readonly unknown[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  return isPlainObject(last) ? [args.slice(0, -1), last] : [[...args], {}];
}

/**
 * A step of `pipeInput`/`pipeOutput`: `fn` gets the chained value as its first argument; further
 * arguments are positional, then an object by parameter name. Literals are constants; `source('n')`
 * reads node `n`. `step(_multiply, { y: 2 })`, `step(_sum, { y: source('other') })`.
 */
export function step(fn: Function, ...args: unknown[]): Step {
  expectArgument(typeof fn === 'function', 'step', 'the function the step runs', fn);
  const [positional, kwargs] = splitArgs(args);
  return new Step({ fn, args: positional, kwargs });
}

/**
 * For {@link mutate}: the target function, with arguments for the mutating function that apply to this
 * target only: `applyTo(A, { y: value(2) }).onOutput('col_1')`.
 */
export function applyTo(targetFn: Function, kwargs: Readonly<Record<string, unknown>> = {}): Step {
  return new Step({ targetFn, kwargs });
}

/** The config keys the steps' `.when` conditions read. */
function configKeysOf(steps: readonly Step[]): string[] {
  return [...new Set(steps.flatMap((s) => s.resolvers.flatMap((r) => r.keys)))];
}

/** The values the steps' `.when` conditions compare each key with. */
function configValuesOf(steps: readonly Step[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const r of steps.flatMap((s) => s.resolvers)) {
    for (const [k, vs] of Object.entries(r.values)) out[k] = [...new Set([...(out[k] ?? []), ...vs])];
  }
  return out;
}

function fnName(fn: Function, ctx: ModifierContext): string {
  return ctx.sourceOf(fn).name || fn.name;
}

/** The step's arguments (after the chained one) bound to its parameters: parameter → node, → constant. */
function bind(
  s: Step,
  chained: string,
  ctx: ModifierContext,
): [Record<string, string>, Record<string, unknown>] {
  const fn = s.fn as Function;
  const params = ctx.sourceOf(fn).params;
  const fail = () =>
    invalid(
      ctx,
      `Function: ${fnName(fn, ctx)} cannot be applied with the following args: ${repr(s.args)} and the following kwargs: ${repr(s.kwargs)}`,
    );
  const positional = [source(chained), ...s.args];
  if (positional.length > params.length) throw fail();
  const bound = new Map<string, unknown>();
  positional.forEach((a, i) => bound.set(params[i].name, a));
  for (const [k, v] of Object.entries(s.kwargs)) {
    if (bound.has(k) || !params.some((p) => p.name === k)) throw fail();
    bound.set(k, v);
  }
  if (params.some((p) => !p.optional && !bound.has(p.name))) throw fail();
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [k, v] of bound) {
    if (v instanceof UpstreamDependency) names[k] = v.source;
    else values[k] = v instanceof LiteralDependency ? v.value : v;
  }
  return [names, values];
}

function validateStep(s: Step, allowCustomNamespace: boolean, ctx: ModifierContext): void {
  const fn = s.fn as Function;
  if (ctx.sourceOf(fn).params.length === 0) {
    throw invalid(
      ctx,
      `Function: ${fnName(fn, ctx)} has no parameters. You cannot apply a function with no parameters.`,
    );
  }
  bind(s, '', ctx);
  if (s.namespace !== undefined && !allowCustomNamespace) {
    throw invalid(
      ctx,
      'Currently, setting namespace globally inside pipe(...)/flow(...) is not compatible with setting namespace for a step(...) call.',
    );
  }
}

/** Step nodes chained through `targetArg` (Hamilton's `chain_transforms`); returns them and the last name. */
function chain(
  targetArg: string,
  steps: readonly Step[],
  namespace: Namespace,
  inherit: boolean,
  ctx: ModifierContext,
): [Node[], string] {
  const counts = new Map<string, number>();
  const nodes: Node[] = [];
  let current = targetArg;
  for (const original of steps) {
    const s = inherit ? original : original.namespaced(namespace ?? null);
    if (!s.resolves(ctx.config)) continue;
    const fn = s.fn as Function;
    const name = fnName(fn, ctx);
    const count = counts.get(name) ?? 0;
    counts.set(name, count + 1);
    const nodeName =
      s.name ?? `with${name.startsWith('_') ? '' : '_'}${name}${count === 0 ? '' : `_${count}`}`;
    const ns = s.namespace === undefined ? ctx.name : s.namespace;
    const fullName = ns === null ? nodeName : `${ns}.${nodeName}`;
    const [names, values] = bind(s, current, ctx);
    nodes.push(reassignInputs(ctx.nodeFromFunction(fullName, fn, ctx.sourceOf(fn)), names, values));
    current = fullName;
  }
  return [nodes, current];
}

/** Options of {@link pipeInput}. */
export interface PipeInputOptions {
  /** Namespace of the step nodes: the function's name by default, `null` for none, or a string. */
  readonly namespace?: string | null;
  /** The parameter the steps transform (default: the first). */
  readonly onInput?: string;
}

/** The steps of a pipe, checked to be steps, then the options object when there is one. */
function stepsOf(fn: string, args: readonly unknown[], hasOptions: boolean): Step[] {
  const steps = hasOptions ? args.slice(0, -1) : args;
  for (const s of steps) expectArgument(s instanceof Step, fn, 'steps made with step(fn, ...)', s);
  if (hasOptions)
    expectArgument(
      isPlainObject(args[args.length - 1]),
      fn,
      'steps, then an optional options object',
      args[args.length - 1],
    );
  return steps as Step[];
}

/**
 * Transforms the function's first parameter (or `onInput`) through the steps before the function
 * runs; each step is a node `fn.with_<step>`.
 * @example
 * ```ts
 * export const final_result = pipeInput(step(_add_one), step(_multiply, { y: 2 }).when({ mode: 'x' }))(
 *   function final_result(upstream_int: number): number { return upstream_int; });
 * ```
 */
export function pipeInput(...args: (Step | PipeInputOptions)[]): Decorator {
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && !(last instanceof Step);
  const options = (hasOptions ? last : {}) as PipeInputOptions;
  const steps = stepsOf('pipeInput', args, hasOptions);
  if (options.onInput !== undefined && typeof options.onInput !== 'string') {
    return decoratorFor(
      refusal(
        'inject',
        'pipe_input',
        'on_input currently only supports a single target parameter specified by a string. Please reach out if you want a more flexible option in the feature.',
      ),
    );
  }
  const inherit = options.namespace === undefined;
  const modifier: FunctionModifier = {
    phase: 'inject',
    decorator: 'pipe_input',
    configKeys: configKeysOf(steps),
    configValues: configValuesOf(steps),
    validate(ctx) {
      for (const s of steps) validateStep(s, inherit, ctx);
    },
    transform(nodes, ctx) {
      const produced = new Set(nodes.map((n) => n.name));
      const injectable = new Set(
        nodes.flatMap((n) => n.dependencies.map((d) => d.name)).filter((d) => !produced.has(d)),
      );
      const params = ctx.source.params.map((p) => p.name);
      const param = options.onInput ?? params[0];
      if (options.onInput === undefined && !injectable.has(param)) {
        throw invalid(
          ctx,
          `Function: ${ctx.name} has a first parameter that is not a dependency. @pipe requires the parameter names to match the function parameters. Thus it might not be compatible with some other decorators`,
        );
      }
      if (!params.includes(param)) {
        throw invalid(
          ctx,
          `Function: ${ctx.name} with parameters ${repr(params)} does not a have dependency ${param}. @pipe_input requires the parameter names to match the function parameters. Thus it might not be compatible with some other decorators.`,
        );
      }
      const [stepNodes, last] = chain(param, steps, options.namespace, inherit, ctx);
      const rewired = nodes.map((n) =>
        n.dependencies.some((d) => d.name === param) ? reassignInputs(n, { [param]: last }) : n,
      );
      return [...rewired, ...stepNodes];
    },
  };
  return decoratorFor(modifier);
}

/** Options of {@link pipeOutput}. */
export interface PipeOutputOptions {
  /** Namespace of the step nodes: the node's name by default, `null` for none, or a string. */
  readonly namespace?: string | null;
  /** The outputs the steps apply to (default: all final nodes). */
  readonly onOutput?: Target;
}

/** The `pipeOutput` modifier; `mutate` adds steps to it. */
class PipeOutput implements FunctionModifier {
  readonly phase = 'transform';
  readonly decorator = 'pipe_output';
  constructor(
    readonly steps: Step[],
    private readonly options: PipeOutputOptions,
  ) {}

  get configKeys(): string[] {
    return configKeysOf(this.steps);
  }

  get configValues(): Record<string, unknown[]> {
    return configValuesOf(this.steps);
  }

  validate(ctx: ModifierContext): void {
    for (const s of this.steps) validateStep(s, this.options.namespace === undefined, ctx);
  }

  transform(nodes: readonly Node[], ctx: ModifierContext): Node[] {
    return transformTargets(nodes, selectNodes(this.options.onOutput, nodes, ctx), (node) => {
      const steps = this.steps.filter((s) => {
        if (s.target === undefined) return true;
        return typeof s.target === 'string' ? s.target === node.name : s.target.includes(node.name);
      });
      const namespace = this.options.namespace === undefined ? node.name : this.options.namespace;
      const raw: Node = { ...node, name: `${node.name}.raw` };
      const [stepNodes, last] = chain(raw.name, steps, namespace, false, ctx);
      if (stepNodes.length === 0) return [node];
      const final: Node = {
        ...node,
        type: stepNodes[stepNodes.length - 1].type,
        dependencies: [{ name: last, type: stepNodes[stepNodes.length - 1].type, optional: false }],
        callable: (kwargs) => kwargs[last],
      };
      return [raw, ...stepNodes, final];
    });
  }
}

/**
 * Transforms the function's result through the steps: the function's own node becomes `fn.raw`, the
 * steps `fn.with_<step>`, and `fn` is the last step's result. `onOutput` (here, or per step) picks
 * outputs of functions with several (e.g. after `extractColumns`), but not both.
 */
export function pipeOutput(...args: (Step | PipeOutputOptions)[]): Decorator {
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && !(last instanceof Step);
  const options = (hasOptions ? last : {}) as PipeOutputOptions;
  const steps = stepsOf('pipeOutput', args, hasOptions);
  if (options.onOutput !== undefined && steps.some((s) => s.target !== undefined)) {
    return decoratorFor(
      refusal('transform', 'pipe_output', 'Cannot have target set on pipe_output and step level.'),
    );
  }
  return decoratorFor(new PipeOutput([...steps], options));
}

/**
 * Appends the decorated function as a `pipeOutput` step of each target function (in the same module);
 * the decorated function itself is not a node. Extra arguments bind the function's other parameters.
 * @example
 * ```ts
 * const _normalize = mutate(A, applyTo(B).onOutput('col_1'), { scale: value(2) })(
 *   function _normalize(x: Series<number>, scale: number) { return x.div(scale); });
 * ```
 */
export function mutate(...args: (Function | Step | Readonly<Record<string, unknown>>)[]): Decorator {
  const [targetArgs, kwargs] = splitArgs(args);
  for (const t of targetArgs) {
    expectArgument(
      typeof t === 'function' || t instanceof Step,
      'mutate',
      'the functions to mutate (or applyTo(fn, ...)), then an optional object of arguments',
      t,
    );
  }
  const targets = (targetArgs as (Function | Step)[]).map((t) => (t instanceof Step ? t : applyTo(t)));
  return <F extends Function>(mutating: F): F => {
    const wrapper = decorate(mutating, {
      phase: 'config',
      decorator: 'mutate',
      validate(ctx) {
        for (const t of targets) {
          const target = t.targetFn as Function;
          const module = ctx.sourceOf(target).module;
          if (module !== ctx.source.module) {
            throw invalid(
              ctx,
              `The functions have to be in the same module... The target function ${fnName(target, ctx)} is in module ${module} and the mutator function ${ctx.source.name} is in module ${ctx.source.module}./n` +
                'Use power user setting to disable this restriction.',
            );
          }
        }
      },
      // Hamilton excludes the mutating function from the graph (it runs as a step of its targets).
      enabled: () => false,
    });
    // The step calls the wrapper: analysis attaches the function's source to it, as to any export.
    for (const t of targets) {
      const s = new Step({ ...t, fn: wrapper, kwargs: Object.keys(t.kwargs).length > 0 ? t.kwargs : kwargs });
      const target = t.targetFn as Function;
      const existing = modifiersOf(target).find((m): m is PipeOutput => m instanceof PipeOutput);
      if (existing) existing.steps.push(s);
      else addModifier(target, new PipeOutput([s], {}));
    }
    return wrapper;
  };
}
