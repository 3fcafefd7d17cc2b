/**
 * The validators `checkOutput({ ... })` builds from its options (Hamilton's `data_quality/default_validators.py`):
 * one per option, chosen by the option's name and the checked function's return type, with Hamilton's
 * descriptions, messages and diagnostics.
 */
import type { Node } from '../node';
import type { ModifierContext } from './base';
import type { CheckOutputOptions, DataValidator, ValidationResult } from './check_output';
import { invalid, repr } from './common';

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
export function defaultValidators(
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
