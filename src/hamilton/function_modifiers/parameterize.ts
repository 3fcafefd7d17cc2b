/**
 * `parameterize` and its family: one function becomes several nodes, each with some parameters bound
 * to other nodes (`source`) or constants (`value`) (Hamilton's `function_modifiers/expanders.py`).
 */
import { copyNode, type Dependency, type Node } from '../node';
import type { Decorator, FunctionModifier, ModifierContext } from './base';
import {
  decoratorFor,
  everyValue,
  expectArgument,
  invalid,
  isIterable,
  isPlainObject,
  refusal,
  repr,
  uniqueDependencies,
} from './common';
import {
  GroupedDictDependency,
  GroupedListDependency,
  isDependency,
  LiteralDependency,
  UpstreamDependency,
  source,
  value,
  type ParametrizedDependency,
  type SingleDependency,
} from './dependencies';

/** Parameter name → where its value comes from. */
export type Assignments = Readonly<Record<string, ParametrizedDependency>>;

/** One output of `parameterize`: assignments, or `[assignments, 'doc of the output']`. */
export type Parameterization = Assignments | readonly [Assignments, string];

const RESERVED_KWARG = 'output_name';
// `inject` makes one output under the function's own name, known only at build time.
const PLACEHOLDER = '__<function_name>';

function splitSpec(spec: Parameterization): [Assignments, string | undefined] {
  return Array.isArray(spec) ? [spec[0], spec[1]] : [spec as Assignments, undefined];
}

/** Python's `str.format_map` with missing keys kept as their names (Hamilton's `IdentityDict`). */
function formatDoc(doc: string, values: Readonly<Record<string, unknown>>): string {
  return doc.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, key: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const k = key ?? '';
    return Object.hasOwn(values, k) ? String(values[k]) : k;
  });
}

/** The element type of an array type's text (`number[]`, `Array<number>`), or `unknown`. */
function elementType(type: string): string {
  const t = type
    .trim()
    .replace(/^readonly\s+/, '')
    .replace(/^Readonly<(.+)>$/, '$1');
  const generic = /^(?:Readonly)?Array<(.+)>$/.exec(t) ?? /^Record<\s*string\s*,(.+)>$/.exec(t);
  if (generic) return generic[1].trim();
  if (t.endsWith('[]')) return t.slice(0, -2).replace(/^\((.*)\)$/, '$1');
  return 'unknown';
}

const isArrayType = (type: string) => /^(readonly\s+)?.+\[\]$|^(Readonly)?Array<.+>$/.test(type.trim());
const isRecordType = (type: string) =>
  /^(Readonly<)?Record<\s*string\s*,.+>$|^\{\s*\[\w+:\s*string\]:.+\}$/.test(type.trim());

function resolveSingle(dep: SingleDependency, kwargs: Readonly<Record<string, unknown>>): unknown {
  return dep instanceof UpstreamDependency ? kwargs[dep.source] : dep.value;
}

/** The node for one output: dependencies renamed, constants baked in, groups assembled. */
function expandOne(node: Node, output: string, assignments: Assignments, documentation: string): Node {
  const deps: Dependency[] = [];
  for (const dep of node.dependencies) {
    const a = assignments[dep.name];
    if (a === undefined) deps.push(dep);
    else if (a instanceof UpstreamDependency) deps.push({ ...dep, name: a.source });
    else if (a instanceof GroupedListDependency || a instanceof GroupedDictDependency) {
      const members = a instanceof GroupedListDependency ? a.sources : Object.values(a.sources);
      for (const m of members) {
        if (m instanceof UpstreamDependency)
          deps.push({ ...dep, name: m.source, type: elementType(dep.type) });
      }
    }
  }
  const callable = node.callable;
  return copyNode(node, {
    name: output,
    documentation,
    dependencies: uniqueDependencies(deps),
    callable:
      callable &&
      ((kwargs) => {
        const own: Record<string, unknown> = {};
        for (const dep of node.dependencies) {
          const a = assignments[dep.name];
          if (a instanceof UpstreamDependency) own[dep.name] = kwargs[a.source];
          else if (a instanceof LiteralDependency) own[dep.name] = a.value;
          else if (a instanceof GroupedListDependency)
            own[dep.name] = a.sources.map((d) => resolveSingle(d, kwargs));
          else if (a instanceof GroupedDictDependency) {
            own[dep.name] = Object.fromEntries(
              Object.entries(a.sources).map(([k, d]) => [k, resolveSingle(d, kwargs)]),
            );
          } else if (dep.name in kwargs) own[dep.name] = kwargs[dep.name];
        }
        return callable(own);
      }),
  });
}

function parameterizeModifier(
  decorator: string,
  spec: Readonly<Record<string, Parameterization>>,
): FunctionModifier {
  const bad = Object.values(spec).flatMap((s) =>
    Object.values(splitSpec(s)[0]).filter((v) => !isDependency(v)),
  );
  if (bad.length > 0) {
    return refusal(
      'expand',
      decorator,
      `@parameterize must specify a dependency type -- either source() or value().The following are not allowed: ${repr(bad)}.`,
    );
  }
  const outputName = (key: string, ctx: ModifierContext) => (key === PLACEHOLDER ? ctx.name : key);
  const docFor = (key: string, ctx: ModifierContext): string => {
    const [assignments, doc] = splitSpec(spec[key]);
    if (doc !== undefined) return doc;
    const values: Record<string, unknown> = { [RESERVED_KWARG]: outputName(key, ctx) };
    for (const [param, a] of Object.entries(assignments)) {
      if (a instanceof UpstreamDependency) values[param] = a.source;
      else if (a instanceof LiteralDependency) values[param] = a.value;
    }
    return formatDoc(ctx.source.doc, values);
  };
  return {
    phase: 'expand',
    decorator,
    validate(ctx) {
      const params = new Set(ctx.source.params.map((p) => p.name));
      if (params.has(RESERVED_KWARG)) {
        throw invalid(
          ctx,
          `Error function ${ctx.source.module}.${ctx.source.name} cannot have '${RESERVED_KWARG}'as a parameter it is reserved.`,
        );
      }
      const missing = new Set(
        Object.values(spec).flatMap((s) => Object.keys(splitSpec(s)[0]).filter((p) => !params.has(p))),
      );
      if (missing.size > 0) {
        throw invalid(
          ctx,
          `Parametrization is invalid: the following parameters don't appear in the function itself: ${[...missing].join(', ')}`,
        );
      }
      const types = new Map(ctx.source.params.map((p) => [p.name, p.type]));
      const invalidTypes = new Set<string>();
      for (const s of Object.values(spec)) {
        for (const [param, a] of Object.entries(splitSpec(s)[0])) {
          const type = types.get(param) ?? 'unknown';
          const fits =
            type === 'unknown' ||
            (a instanceof GroupedListDependency && isArrayType(type)) ||
            (a instanceof GroupedDictDependency && isRecordType(type));
          if ((a instanceof GroupedListDependency || a instanceof GroupedDictDependency) && !fits) {
            invalidTypes.add(`${param} (${type})`);
          }
        }
      }
      if (invalidTypes.size > 0) {
        throw invalid(
          ctx,
          `Validation for fn: ${ctx.source.name} All parameters with a group() parameterization must be annotated as a list: the following are not: ${[...invalidTypes].join(', ')}`,
        );
      }
    },
    transform(nodes, ctx) {
      if (nodes.length !== 1) {
        throw invalid(
          ctx,
          `Cannot call NodeExpander: ${decorator} on more than one node. This must be called first in the DAG. Called with ${repr(nodes.map((n) => n.name))} `,
        );
      }
      const [node] = nodes;
      return Object.keys(spec).map((key) =>
        expandOne(node, outputName(key, ctx), splitSpec(spec[key])[0], docFor(key, ctx)),
      );
    },
  };
}

/**
 * One node per key, each calling the function with some parameters bound; the function's own name
 * disappears. The doc comment is a template: `{output_name}` and the bound parameters are filled in.
 * @example
 * ```ts
 * export const plus = parameterize({
 *   plus_ten: { n: value(10), x: source('base_val') },
 *   plus_one: [{ n: value(1) }, 'Adds one'],
 * })(function plus(x: number, n: number): number { return x + n; });
 * ```
 */
export function parameterize(spec: Readonly<Record<string, Parameterization>>): Decorator {
  expectArgument(
    everyValue(spec, (v) => isPlainObject(v) || Array.isArray(v)),
    'parameterize',
    'an object of output names to assignments ({ plus_ten: { n: value(10) } })',
    spec,
  );
  return decoratorFor(parameterizeModifier('parameterize', spec));
}

/** Hamilton's `parameterize_values(parameter=..., assigned_output=...)` keywords, as an options object. */
export interface ParameterizeValuesOptions {
  /** The parameter bound to each output's constant. */
  readonly parameter: string;
  /**
   * The outputs: `[[name, doc], value]` entries (an array or a Map), Hamilton's `{(name, doc): value}`;
   * or an object of `name → value` when the outputs need no documentation of their own.
   */
  readonly assignedOutput: AssignedOutput;
}

/** Outputs of {@link parameterizeValues}: `[[name, doc], value]` entries, or an object of `name → value`. */
export type AssignedOutput =
  Iterable<readonly [readonly [string, string], unknown]> | Readonly<Record<string, unknown>>;

/**
 * One node per output, each with `parameter` bound to a constant. Outputs are `[[name, doc], value]`
 * entries (an array or a Map), Hamilton's `{(name, doc): value}`, or an object of `name → value`.
 */
export function parameterizeValues(parameter: string, assignedOutput: AssignedOutput): Decorator;
/** The same, with Hamilton's keywords as an options object: `parameterizeValues({ parameter, assignedOutput })`. */
export function parameterizeValues(options: ParameterizeValuesOptions): Decorator;
export function parameterizeValues(
  first: string | ParameterizeValuesOptions,
  entries?: AssignedOutput,
): Decorator {
  const options: unknown = typeof first === 'string' ? { parameter: first, assignedOutput: entries } : first;
  expectArgument(
    isPlainObject(options) && typeof options.parameter === 'string',
    'parameterizeValues',
    'the parameter to bind, by name: parameterizeValues({ parameter, assignedOutput })',
    typeof first === 'string' || !isPlainObject(first) ? first : first.parameter,
  );
  const { parameter, assignedOutput } = options as ParameterizeValuesOptions;
  const spec: Record<string, Parameterization> = {};
  if (isPlainObject(assignedOutput)) {
    for (const [name, literal] of Object.entries(assignedOutput))
      spec[name] = { [parameter]: value(literal) };
    return decoratorFor(parameterizeModifier('parameterize_values', spec));
  }
  expectArgument(
    isIterable(assignedOutput) && typeof assignedOutput !== 'string',
    'parameterizeValues',
    'assignedOutput as an object of output names to values, or [[name, doc], value] entries',
    assignedOutput,
  );
  for (const entry of assignedOutput) {
    const key: unknown = entry[0];
    if (!Array.isArray(key) || key.length !== 2) {
      return decoratorFor(
        refusal(
          'expand',
          'parameterize_values',
          `assigned_output key is incorrect: ${repr(key)}. The parameterized decorator needs a dict of [name, doc string] -> value to function.`,
        ),
      );
    }
    spec[key[0] as string] = [{ [parameter]: value(entry[1]) }, key[1] as string];
  }
  return decoratorFor(parameterizeModifier('parameterize_values', spec));
}

/**
 * One node per key, each with parameters bound to other nodes by name:
 * `parameterizeSources({ b_shifted: { x: 'b' } })`.
 */
export function parameterizeSources(
  spec: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Decorator {
  expectArgument(
    everyValue(spec, (m) => m === null || m === undefined || everyValue(m, (n) => typeof n === 'string')),
    'parameterizeSources',
    "an object of output names to { parameter: 'node' } mappings",
    spec,
  );
  if (Object.keys(spec).length === 0) {
    return decoratorFor(
      refusal('expand', 'parameterize_sources', 'Cannot pass empty/None dictionary to parameterize_sources'),
    );
  }
  for (const [output, mapping] of Object.entries(spec)) {
    if (!mapping || Object.keys(mapping).length === 0) {
      return decoratorFor(
        refusal(
          'expand',
          'parameterize_sources',
          `Error, ${output} has a none/empty dictionary mapping. Please fill it.`,
        ),
      );
    }
  }
  const converted = Object.fromEntries(
    Object.entries(spec).map(([output, mapping]) => [
      output,
      Object.fromEntries(Object.entries(mapping).map(([param, node]) => [param, source(node)])),
    ]),
  );
  return decoratorFor(parameterizeModifier('parameterize_sources', converted));
}

/**
 * Binds parameters of the function itself, keeping its name: `parameterize` with one output.
 * @example
 * ```ts
 * export const total = inject({ nums: group(source('a'), value(10)) })(
 *   function total(nums: number[]): number { return nums.reduce((s, x) => s + x, 0); });
 * ```
 */
export function inject(assignments: Assignments): Decorator {
  expectArgument(
    isPlainObject(assignments),
    'inject',
    "an object of parameters to source(), value() or group() ({ nums: group(source('a')) })",
    assignments,
  );
  return decoratorFor(parameterizeModifier('inject', { [PLACEHOLDER]: assignments }));
}
