/**
 * `checkOutput` and `checkOutputCustom`: data-quality checks as nodes (Hamilton's
 * `function_modifiers/validation.py` and `data_quality/`). A checked function `X` becomes `X_raw` (the
 * function), one `X_<validator>` node per validator (e.g. `X_range_validator`), and the final `X`, which
 * acts on the results (`warn` logs, `fail` throws {@link DataValidationError}) and returns the raw value.
 * Validator nodes return a {@link DataQualityResult}, so adapters and the UI can show every check.
 */
import type { Node } from '../node';
import type { Decorator, FunctionModifier, ModifierContext } from './base';
import {
  decoratorFor,
  expectArgument,
  invalid,
  isPlainObject,
  refusal,
  repr,
  selectNodes,
  transformTargets,
  type Target,
} from './common';

/** How a failed check is handled: `warn` logs and goes on, `fail` throws. */
export type Importance = 'warn' | 'fail';

/** What a validator says about one value: Hamilton's `ValidationResult`. */
export interface ValidationResult {
  /** Whether the data passed. */
  readonly passes: boolean;
  /** What was found, in words. */
  readonly message: string;
  /** Free-form details (counts, bounds, the offending value). */
  readonly diagnostics?: Readonly<Record<string, unknown>>;
}

/** A data validator: Hamilton's `DataValidator`. Write your own for {@link checkOutputCustom}. */
export interface DataValidator {
  /** Its name, used in the validator node's name: `X_<name>` (Hamilton's end in `_validator`). */
  readonly name: string;
  /** How a failure is handled. */
  readonly importance: Importance;
  /** What it checks, in words (the validator node's documentation). */
  readonly description: string;
  /** Checks one value. */
  validate(data: unknown): ValidationResult;
}

/**
 * The value of a validator node, as adapters and the UI see it: Hamilton's `ValidationResult` (`passes`,
 * `message`, `diagnostics`) plus what the playground shows beside it.
 */
export interface DataQualityResult extends ValidationResult {
  /** Whether the check passes. */
  readonly passes: boolean;
  /** The validator's message. */
  readonly message: string;
  /** The validator's details (empty when it gave none). */
  readonly diagnostics: Readonly<Record<string, unknown>>;
  /** Whether a failure warns or fails. */
  readonly importance: Importance;
  /** The validator's name (`range_validator`). */
  readonly validator: string;
  /** The checked node (`X`). */
  readonly node: string;
}

/** Raised by a checked node when a `fail` validator fails: Hamilton's `DataValidationError`. */
export class DataValidationError extends Error {
  /** The failed checks. */
  readonly failures: readonly DataQualityResult[];
  /** `messages` are the failures' lines; the message is Python's `str` of that list, as Hamilton raises it. */
  constructor(messages: readonly string[], failures: readonly DataQualityResult[]) {
    super(`[${messages.map(pyString).join(', ')}]`);
    this.name = 'DataValidationError';
    this.failures = failures;
  }
}

/** Tag on validator nodes (Hamilton's `IS_DATA_VALIDATOR_TAG`). */
export const IS_DATA_VALIDATOR_TAG = 'hamilton.data_quality.contains_dq_results';
/** Tag on validator nodes naming the checked node (Hamilton's `DATA_VALIDATOR_ORIGINAL_OUTPUT_TAG`). */
export const DATA_VALIDATOR_ORIGINAL_OUTPUT_TAG = 'hamilton.data_quality.source_node';

/** The built-in checks of {@link checkOutput}; each becomes a validator named after it in snake case. */
export interface CheckOutputOptions {
  /** Inclusive bounds for every value (or the one value): `range: [0, 100]` → `range_validator`. */
  readonly range?: readonly [number, number];
  /** The values' type: `'number'`, `'string'`, `'boolean'`, `'object'` → `data_type_validator`. */
  readonly dataType?: string;
  /** `false` refuses missing values (NaN, null) in a column → `allow_nans_validator`. */
  readonly allowNans?: boolean;
  /** The allowed values (missing values are ignored) → `values_in_validator`. */
  readonly valuesIn?: readonly unknown[];
  /** `false` refuses `null`/`undefined` as the result → `allow_none_validator`. */
  readonly allowNone?: boolean;
  /** At most this fraction (0..1) of a column may be missing → `max_fraction_nans_validator`. */
  readonly maxFractionNans?: number;
  /** Inclusive bounds for the column's mean → `mean_in_range_validator`. */
  readonly meanInRange?: readonly [number, number];
  /** Upper bound for the column's (sample) standard deviation → `max_standard_dev_validator`. */
  readonly maxStandardDev?: number;
  /** Substring(s) a string result must contain → `contains_validator`. */
  readonly contains?: string | readonly string[];
  /** Substring(s) a string result must not contain → `does_not_contain_validator`. */
  readonly doesNotContain?: string | readonly string[];
  /** How failures are handled (default `warn`). */
  readonly importance?: Importance;
  /** The nodes to check by name (default: the function's final nodes). */
  readonly target?: Target;
}

// ---- reading values: arrays, typed arrays, Series (anything with toArray()), or one value ----

function valuesOf(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (ArrayBuffer.isView(data) && !(data instanceof DataView))
    return Array.from(data as unknown as ArrayLike<unknown>);
  const toArray = (data as { toArray?: () => ArrayLike<unknown> } | null)?.toArray;
  if (typeof toArray === 'function') return Array.from(toArray.call(data));
  return undefined;
}

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
const typeOf = (v: unknown) => (v instanceof Date ? 'date' : v === null ? 'null' : typeof v);

function numbers(values: readonly unknown[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

const percent = (f: number) => `${(f * 100).toFixed(2)}%`;

type Kind = 'column' | 'scalar';
type Check = (data: unknown, values: unknown[] | undefined) => ValidationResult;

/** One built-in validator: Hamilton's `BaseDefaultValidator` subclasses, by argument name. */
interface DefaultValidator {
  readonly arg: string;
  appliesTo(type: string): boolean;
  make(option: never): { description: string; check: Check } | string;
}

const PRIMITIVES = ['number', 'string', 'boolean', 'bigint'];
const isPrimitive = (t: string) => PRIMITIVES.includes(t);
// Hamilton's default validators check a column or one value; a whole frame only for None.
const isFrame = (t: string) => /^DataFrame\b/.test(t);
const anyColumn = (t: string) => !isPrimitive(t) && !isFrame(t);
const kindOf = (values: unknown[] | undefined): Kind => (values ? 'column' : 'scalar');

const DEFAULT_VALIDATORS: Readonly<
  Record<keyof Omit<CheckOutputOptions, 'importance' | 'target'>, DefaultValidator>
> = {
  range: {
    arg: 'range',
    appliesTo: (t) => t !== 'string' && t !== 'boolean' && !isFrame(t),
    make: ([lo, hi]: readonly [number, number]) => ({
      description: `Validates that the datapoint falls within the range (${lo}, ${hi})`,
      check(data, values) {
        if (kindOf(values) === 'scalar') {
          const passes = typeof data === 'number' && lo <= data && data <= hi;
          return {
            passes,
            message: `Data point ${String(data)} ${passes ? 'falls' : 'does not fall'} within acceptable range: (${lo}, ${hi})`,
            diagnostics: { range: [lo, hi], value: data },
          };
        }
        const inRange = (values ?? []).filter((v) => typeof v === 'number' && lo <= v && v <= hi).length;
        const outRange = (values ?? []).length - inRange;
        return {
          passes: outRange === 0,
          message: `Series contains ${inRange} values in range (${lo},${hi}), and ${outRange} outside.`,
          diagnostics: {
            range: [lo, hi],
            in_range: inRange,
            out_range: outRange,
            data_size: (values ?? []).length,
          },
        };
      },
    }),
  },
  dataType: {
    arg: 'data_type',
    appliesTo: (t) => !isFrame(t),
    make: (dataType: string) => ({
      description: `Validates that the datatype of the pandas series is a subclass of: ${dataType}`,
      check(data, values) {
        if (kindOf(values) === 'scalar') {
          const actual = typeOf(data);
          const passes = actual === dataType;
          return {
            passes,
            message: `Requires data type: ${dataType}. Got data type: ${actual}. This ${passes ? 'is' : 'is not'} a match.`,
            diagnostics: { required_data_type: dataType, actual_data_type: actual },
          };
        }
        const declared = (data as { dtype?: unknown }).dtype;
        const present = [...new Set((values ?? []).filter((v) => !isMissing(v)).map(typeOf))];
        const actual =
          typeof declared === 'string'
            ? declared
            : present.length === 1
              ? present[0]
              : present.length === 0
                ? dataType
                : 'mixed';
        const passes = actual === dataType;
        return {
          passes,
          message: `Requires subclass of datatype: ${dataType}. Got datatype: ${actual}. This ${passes ? 'is' : 'is not'} a match.`,
          diagnostics: { required_dtype: dataType, actual_dtype: actual },
        };
      },
    }),
  },
  allowNans: {
    arg: 'allow_nans',
    appliesTo: anyColumn,
    make: (allow: boolean) =>
      allow
        ? 'Only allowed to block Nans with this validator.Otherwise leave blank or specify the percentage of Nans using max_fraction_nans_validator'
        : maxFractionNans(0),
  },
  valuesIn: {
    arg: 'values_in',
    appliesTo: (t) => t !== 'boolean' && !isFrame(t),
    make: (allowed: readonly unknown[]) => {
      const set = new Set(allowed);
      const shown = repr(set);
      return {
        description: `Validates that all data points are from a fixed set of values: (${shown}), ignoring NA values.`,
        check(data, values) {
          if (kindOf(values) === 'scalar') {
            const passes = set.has(data);
            return {
              passes,
              message: `Primitive python value was valid is ${repr(passes)}.${passes ? '' : ` Correct possible values are ${shown}.`}`,
              diagnostics: {
                values: [...set],
                was_correct: passes,
                incorrect_value: passes ? null : data,
                data_size: 1,
              },
            };
          }
          const incorrect = (values ?? []).filter((v) => !isMissing(v) && !set.has(v));
          const passes = incorrect.length === 0;
          return {
            passes,
            message:
              `Series contains ${(values ?? []).length - incorrect.length} correct values, and ${incorrect.length} incorrect values.` +
              (passes ? '' : ` Valid values are: ${shown}.`),
            diagnostics: {
              values: [...set],
              correct_values_count: (values ?? []).length - incorrect.length,
              incorrect_values_count: incorrect.length,
              incorrect_values: [...new Set(incorrect)],
              data_size: (values ?? []).length,
            },
          };
        },
      };
    },
  },
  allowNone: {
    arg: 'allow_none',
    appliesTo: () => true,
    make: (allow: boolean) => ({
      description: allow ? 'No-op validator.' : 'Validates that an output ;is not None',
      check(data) {
        const passes = allow || (data !== null && data !== undefined);
        return {
          passes,
          message: passes ? 'Data is not None' : `Data is not allowed to be None, got ${repr(data)}`,
          diagnostics: {},
        };
      },
    }),
  },
  maxFractionNans: {
    arg: 'max_fraction_nans',
    appliesTo: anyColumn,
    make: (fraction: number) => maxFractionNans(fraction),
  },
  meanInRange: {
    arg: 'mean_in_range',
    appliesTo: anyColumn,
    make: ([lo, hi]: readonly [number, number]) => ({
      description: `Validates that a pandas series has mean in range [${lo}, ${hi}]`,
      check(data, values) {
        const m = mean(numbers(values ?? [data]));
        const passes = lo <= m && m <= hi;
        return {
          passes,
          message: `Dataset has mean: ${m}. This ${passes ? 'is ' : 'is not '} in the required range: [${lo}, ${hi}].`,
          diagnostics: { dataset_mean: m, mean_in_range: [lo, hi] },
        };
      },
    }),
  },
  maxStandardDev: {
    arg: 'max_standard_dev',
    appliesTo: anyColumn,
    make: (max: number) => ({
      description: `Validates that the standard deviation of a pandas series is no greater than : ${max}`,
      check(data, values) {
        const xs = numbers(values ?? [data]);
        const m = mean(xs);
        const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
        const passes = sd <= max;
        return {
          passes,
          message: `Max allowable standard dev is: ${max}. Dataset stddev is : ${sd}. This ${passes ? 'passes' : 'does not pass'}.`,
          diagnostics: { standard_dev: sd, max_standard_dev: max },
        };
      },
    }),
  },
  contains: {
    arg: 'contains',
    appliesTo: (t) => t === 'string',
    make: (needles: string | readonly string[]) => substrings(needles, true),
  },
  doesNotContain: {
    arg: 'does_not_contain',
    appliesTo: (t) => t === 'string',
    make: (needles: string | readonly string[]) => substrings(needles, false),
  },
};

function maxFractionNans(max: number): { description: string; check: Check } | string {
  if (!(max >= 0 && max <= 1)) return 'Maximum fraction allowed to be nan must be in range [0,1]';
  return {
    description: `Validates that no more than ${percent(max)} of the data is Nan.`,
    check(data, values) {
      const all = values ?? [data];
      const na = all.filter(isMissing).length;
      const fraction = all.length > 0 ? na / all.length : 0;
      const passes = fraction <= max;
      return {
        passes,
        message:
          `Out of ${all.length} items in the series, ${na} of them are Nan, representing: ${percent(fraction)}. ` +
          `Max allowable Nans is: ${percent(max)}, so this ${passes ? 'passes' : 'does not pass'}.`,
        diagnostics: { total_nan: na, total_length: all.length, fraction_na: fraction, max_fraction_na: max },
      };
    },
  };
}

function substrings(
  needles: string | readonly string[],
  wanted: boolean,
): { description: string; check: Check } {
  const list = typeof needles === 'string' ? [needles] : [...needles];
  return {
    description: `Validates that a string ${wanted ? 'contains' : 'does not contain'} [${repr(list)}] within it.`,
    check(data) {
      const text = String(data);
      const passes = list.every((n) => text.includes(n) === wanted);
      return {
        passes,
        message: passes ? 'All good.' : `String ${wanted ? 'did not contain' : 'did contain'} ${repr(list)}`,
        diagnostics: passes
          ? {}
          : { [wanted ? 'contains' : 'does_not_contain']: list, data: text.slice(0, 100) },
      };
    },
  };
}

/** The built-in validators an options object asks for, in the order it lists them. */
function defaultValidators(
  options: CheckOutputOptions,
  type: string,
  ctx: ModifierContext,
  node: Node,
): DataValidator[] {
  const importance = options.importance ?? 'warn';
  const out: DataValidator[] = [];
  for (const [key, option] of Object.entries(options)) {
    if (key === 'importance' || key === 'target' || option === undefined) continue;
    const spec = DEFAULT_VALIDATORS[key as keyof typeof DEFAULT_VALIDATORS];
    if (!spec || !spec.appliesTo(type)) {
      throw invalid(
        ctx,
        `Could not resolve validators for @check_output for function [${node.name}]. ` +
          "Please check that `target_` is set correctly if you're using that argument.\n" +
          `Actual error: No registered subclass of BaseDefaultValidator is available for arg: ${spec?.arg ?? key} and type ${type}. ` +
          "This either means (a) this arg-type contribution isn't supported or (b) this has not been added yet (but should be). " +
          'In the case of (b), we welcome contributions. Get started at github.com/dagworks-inc/hamilton.',
      );
    }
    const made = spec.make(option as never);
    if (typeof made === 'string') throw invalid(ctx, made);
    out.push({
      name: `${spec.arg}_validator`,
      importance,
      description: made.description,
      validate: (data) => made.check(data, valuesOf(data)),
    });
  }
  return out;
}

function errorString(node: string, result: DataQualityResult): string {
  return `[${node}:${result.validator}] validator failed. Message was: ${result.message}. Diagnostic information is: ${diagnosticsRepr(result.diagnostics)}.`;
}

// Bounds Hamilton's users give as Python tuples (the TypeScript form is an array), printed as tuples.
const TUPLE_DIAGNOSTICS = new Set(['range', 'mean_in_range']);

function diagnosticsRepr(diagnostics: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(diagnostics).map(([k, v]) =>
    TUPLE_DIAGNOSTICS.has(k) && Array.isArray(v)
      ? `'${k}': (${v.map(repr).join(', ')})`
      : `${repr(k)}: ${repr(v)}`,
  );
  return `{${entries.join(', ')}}`;
}

/** Python's `repr` of a string: single quotes unless it holds one and no double quote; escapes shown. */
function pyString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** `X` → `X_raw`, the validator nodes and the final `X` (Hamilton's `BaseDataValidationDecorator`). */
function checkNode(node: Node, validators: readonly DataValidator[]): Node[] {
  const raw: Node = { ...node, name: `${node.name}_raw` };
  const counts = new Map<string, number>();
  const validatorNodes = validators.map((validator): Node => {
    let name = `${node.name}_${validator.name}`;
    const seen = counts.get(name) ?? 0;
    counts.set(name, seen + 1);
    if (seen > 0) name = `${name}_${seen}`;
    return {
      name,
      type: 'DataQualityResult',
      kind: 'function',
      dependencies: [{ name: raw.name, type: node.type, optional: false }],
      callable: (kwargs): DataQualityResult => {
        const result = validator.validate(kwargs[raw.name]);
        return {
          passes: result.passes,
          message: result.message,
          diagnostics: result.diagnostics ?? {},
          importance: validator.importance,
          validator: validator.name,
          node: node.name,
        };
      },
      tags: {
        ...node.tags,
        [IS_DATA_VALIDATOR_TAG]: 'true',
        [DATA_VALIDATOR_ORIGINAL_OUTPUT_TAG]: node.name,
      },
      documentation: validator.description,
      location: node.location,
      originatingFunction: node.originatingFunction,
    };
  });
  const final: Node = {
    ...node,
    dependencies: [
      { name: raw.name, type: node.type, optional: false },
      ...validatorNodes.map((v) => ({ name: v.name, type: v.type, optional: false })),
    ],
    callable: (kwargs) => {
      const results = validatorNodes.map((v) => kwargs[v.name] as DataQualityResult);
      for (const r of results) {
        if (r.importance === 'warn' && !r.passes) console.warn(errorString(node.name, r));
      }
      const failures = results.filter((r) => r.importance === 'fail' && !r.passes);
      if (failures.length > 0) {
        const messages = failures.map((r) => `${errorString(node.name, r)}\n`);
        for (const m of messages) console.error(m);
        throw new DataValidationError(messages, failures);
      }
      return kwargs[raw.name];
    },
  };
  return [...validatorNodes, final, raw];
}

function checkModifier(
  decorator: string,
  target: Target | undefined,
  validatorsFor: (node: Node, ctx: ModifierContext) => DataValidator[],
): FunctionModifier {
  return {
    phase: 'transform',
    decorator,
    transform: (nodes, ctx) =>
      transformTargets(nodes, selectNodes(target, nodes, ctx), (n) => checkNode(n, validatorsFor(n, ctx))),
  };
}

/**
 * Adds data-quality checks to a function's output. Each option adds one of Hamilton's default
 * validators; `importance: 'warn'` (the default) logs failures, `'fail'` throws {@link DataValidationError}.
 * @example
 * ```ts
 * export const age_normalized = checkOutput({ range: [-5, 5], allowNans: false })(
 *   function age_normalized(age: Series<number>, age_mean: number, age_stddev: number): Series<number> { ... });
 * ```
 */
export function checkOutput(options: CheckOutputOptions): Decorator {
  expectArgument(
    isPlainObject(options),
    'checkOutput',
    "an options object of validators ({ range: [0, 1], importance: 'fail' })",
    options,
  );
  const importance: unknown = options.importance ?? 'warn';
  if (importance !== 'warn' && importance !== 'fail') {
    return decoratorFor(
      refusal('transform', 'check_output', `${repr(importance)} is not a valid DataValidationLevel`),
    );
  }
  // Hamilton decides by the output's type which validators apply (column or single value).
  const typeOfNode = (node: Node) => node.type.replace(/\s*\|\s*(null|undefined)$/, '');
  return decoratorFor(
    checkModifier('check_output', options.target, (node, ctx) =>
      defaultValidators(options, typeOfNode(node), ctx, node),
    ),
  );
}

/** Options of {@link checkOutputCustom}. */
export interface CheckOutputCustomOptions {
  /** The nodes to check by name (default: the function's final nodes). */
  readonly target?: Target;
}

/**
 * Adds user-written validators (objects with `name`, `importance`, `description`, `validate`).
 * A trailing options object may set `target`.
 */
export function checkOutputCustom(...args: (DataValidator | CheckOutputCustomOptions)[]): Decorator {
  const last = args[args.length - 1];
  const hasOptions = isPlainObject(last) && typeof last.validate !== 'function';
  const options = (hasOptions ? last : {}) as CheckOutputCustomOptions;
  const validators = (hasOptions ? args.slice(0, -1) : args) as DataValidator[];
  for (const v of validators) {
    expectArgument(
      typeof v === 'object' && v !== null && typeof v.validate === 'function' && typeof v.name === 'string',
      'checkOutputCustom',
      'a validator: an object with name, importance, description and validate(data)',
      v,
    );
  }
  return decoratorFor(checkModifier('check_output_custom', options.target, () => validators));
}
