/**
 * `checkOutput` and `checkOutputCustom`: data-quality checks as nodes (Hamilton's
 * `function_modifiers/validation.py` and `data_quality/`). A checked function `X` becomes `X_raw` (the
 * function), one `X_<validator>` node per validator (e.g. `X_range_validator`), and the final `X`, which
 * acts on the results (`warn` logs, `fail` throws {@link DataValidationError}) and returns the raw value.
 * Validator nodes return a {@link DataQualityResult}, so adapters and the UI can show every check.
 */
import type { Node } from '../node';
import type { Decorator, FunctionModifier, ModifierContext } from './base';
import { defaultValidators } from './default_validators';
import { decoratorFor, expectArgument, isPlainObject, refusal, repr } from './common';
import { selectNodes, transformTargets, type Target } from './targets';

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
