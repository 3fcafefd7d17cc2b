/**
 * A protocol schema turned into one plain function that checks a message and rebuilds it, as valibot's
 * `safeParse` would, without valibot's bookkeeping (a dataset object per value, issue paths): a
 * 5,000-node graph is checked in a fraction of the time and garbage. It says only "valid, and here is the
 * output" or {@link UNSURE}; the caller then asks valibot itself, which decides and explains. So it may
 * refuse more than valibot (never wrong, only slower), never less: every schema kind it does not know is
 * handed to that schema's own valibot code. The schemas stay the one definition of every message.
 */
import * as v from 'valibot';

/** Not known valid: valibot decides. */
export const UNSURE: unique symbol = Symbol('unsure');
type Checker = (value: unknown) => unknown;

/** Valibot's internals as far as compiling reads them (every schema and action object has these). */
interface Part {
  readonly kind: 'schema' | 'validation' | 'transformation' | 'metadata';
  readonly type: string;
  readonly pipe?: readonly Part[];
  readonly '~run': (
    dataset: { typed?: boolean; value: unknown },
    config: v.Config<v.BaseIssue<unknown>>,
  ) => {
    typed: boolean;
    value: unknown;
    issues?: unknown;
  };
  readonly [field: string]: unknown;
}

const CONFIG = v.getGlobalConfig({ abortEarly: true });
const compiled = new WeakMap<object, Checker>();

/** The checker of `schema` (made once per schema). */
export function fastChecker(schema: v.GenericSchema): Checker {
  let checker = compiled.get(schema);
  if (!checker) compiled.set(schema, (checker = compile(schema as unknown as Part)));
  return checker;
}

/** The schema's own code, for the kinds this file does not know. */
const byValibot =
  (part: Part): Checker =>
  (value) => {
    const dataset = part['~run']({ value }, CONFIG);
    return dataset.issues || !dataset.typed ? UNSURE : dataset.value;
  };

function compile(part: Part): Checker {
  if (part.pipe) return piped(compile(part.pipe[0]), part.pipe.slice(1));
  const schema = part as Part & Record<string, never>;
  // A default or fallback changes what a missing or wrong value becomes: valibot's own code knows how.
  if (schema.default !== undefined || schema.fallback !== undefined) return byValibot(part);
  switch (part.type) {
    case 'string':
    case 'boolean':
      return (value) => (typeof value === part.type ? value : UNSURE);
    case 'number':
      return (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : UNSURE);
    case 'literal':
      return (value) => (value === schema.literal ? value : UNSURE);
    case 'picklist': {
      const options = schema.options as readonly unknown[];
      return (value) => (options.includes(value) ? value : UNSURE);
    }
    case 'unknown':
      return (value) => value;
    case 'instance': {
      const type = schema.class as unknown as abstract new () => unknown;
      return (value) => (value instanceof type ? value : UNSURE);
    }
    case 'custom': {
      const check = schema.check as unknown as (value: unknown) => boolean;
      return (value) => (check(value) ? value : UNSURE);
    }
    case 'optional':
    case 'nullable': {
      const wrapped = compile(schema.wrapped as unknown as Part);
      const empty = part.type === 'optional' ? undefined : null;
      return (value) => (value === empty ? value : wrapped(value));
    }
    case 'array':
      return arrayChecker(compile(schema.item as unknown as Part));
    case 'object':
      return objectChecker(part);
    case 'record':
      return recordChecker(compile(schema.key as unknown as Part), compile(schema.value as unknown as Part));
    case 'union': {
      const options = (schema.options as unknown as Part[]).map(compile);
      return (value) => {
        for (const option of options) {
          const out = option(value);
          if (out !== UNSURE) return out;
        }
        return UNSURE;
      };
    }
    case 'variant':
      return variantChecker(part);
    default:
      return byValibot(part);
  }
}

/** The base's output through the pipe's actions (a transform's operation, a check's test). */
function piped(base: Checker, actions: readonly Part[]): Checker {
  const steps = actions
    .filter((a) => a.kind !== 'metadata')
    .map((action): Checker => {
      if (action.type === 'transform') return action.operation as Checker;
      if (action.type === 'integer') return (x) => (Number.isInteger(x) ? x : UNSURE);
      if (action.type === 'finite') return (x) => (Number.isFinite(x) ? x : UNSURE);
      return (x) => {
        const dataset = action['~run']({ typed: true, value: x }, CONFIG);
        return dataset.issues ? UNSURE : dataset.value;
      };
    });
  return (value) => {
    let out = base(value);
    for (let i = 0; i < steps.length && out !== UNSURE; i++) out = steps[i](out);
    return out;
  };
}

/** Valibot's array; one whose items are all unchanged by their check, and that holds nothing else, is its own output. */
function arrayChecker(item: Checker): Checker {
  return (value) => {
    if (!Array.isArray(value)) return UNSURE;
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const x = item(value[i]);
      if (x === UNSURE) return UNSURE;
      if (x !== value[i]) out ??= value.slice(0, i);
      out?.push(x);
    }
    if (out) return out;
    const own = Object.getPrototypeOf(value) === Array.prototype && ownKeys(value) === value.length;
    return own ? value : Array.from(value);
  };
}

const isOptional = (part: Part) =>
  part.type === 'optional' || part.type === 'exact_optional' || part.type === 'nullish';

/**
 * Valibot's object: the known entries only, each present one checked, a missing one only when optional.
 * A plain object that holds exactly those entries, each unchanged by its check, is its own output: a big
 * graph's nodes and edges are not copied (the copies were most of the garbage its message left). Its
 * prototype is `Object.prototype` as in a copy, and nothing else holds it: structured cloning made it.
 */
function objectChecker(part: Part): Checker {
  const entries = part.entries as Record<string, Part>;
  const keys = Object.keys(entries);
  // A missing entry with a default or fallback is filled in: valibot's own code does it.
  if (keys.some((k) => entries[k].default !== undefined || entries[k].fallback !== undefined))
    return byValibot(part);
  // Parallel arrays and an indexed loop: the first big message meets this code before the JIT does.
  const checks = keys.map((key) => compile(entries[key]));
  const optional = keys.map((key) => isOptional(entries[key]));
  return (value) => {
    if (!value || typeof value !== 'object') return UNSURE;
    const input = value as Record<string, unknown>;
    let changed = Object.getPrototypeOf(input) !== Object.prototype;
    let present = 0;
    for (let i = 0; i < keys.length; i++) {
      const field = input[keys[i]];
      if (field === undefined && !(keys[i] in input)) {
        if (!optional[i]) return UNSURE;
        continue;
      }
      const x = checks[i](field);
      if (x === UNSURE) return UNSURE;
      present++;
      if (x !== field) changed = true;
    }
    if (!changed && ownKeys(input) === present) return input;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) if (keys[i] in input) out[keys[i]] = checks[i](input[keys[i]]);
    return out;
  };
}

function ownKeys(input: object): number {
  let count = 0;
  for (const key in input) if (Object.hasOwn(input, key)) count++;
  return count;
}

/** Valibot's record: every own key but those that would reach a prototype; unchanged, its own output. */
function recordChecker(key: Checker, item: Checker): Checker {
  return (value) => {
    if (!value || typeof value !== 'object') return UNSURE;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let changed = Object.getPrototypeOf(input) !== Object.prototype;
    for (const k in input) {
      if (!Object.hasOwn(input, k)) continue;
      if (k === '__proto__' || k === 'prototype' || k === 'constructor') {
        changed = true;
        continue;
      }
      const name = key(k);
      const x = item(input[k]);
      if (name === UNSURE || x === UNSURE) return UNSURE;
      changed ||= name !== k || x !== input[k];
      out[name as string] = x;
    }
    return changed ? out : input;
  };
}

/** Valibot's variant over objects: the option whose discriminator the value has decides alone. */
function variantChecker(part: Part): Checker {
  const key = part.key as string;
  const options = part.options as readonly Part[];
  // A nested variant chooses by more than one key: valibot's code does.
  if (options.some((o) => o.type === 'variant')) return byValibot(part);
  const choices = options.map((option) => ({
    matches: compile((option.entries as Record<string, Part>)[key]),
    check: compile(option),
  }));
  return (value) => {
    if (!value || typeof value !== 'object' || !(key in value)) return UNSURE;
    const discriminator = (value as Record<string, unknown>)[key];
    for (const choice of choices) if (choice.matches(discriminator) !== UNSURE) return choice.check(value);
    return UNSURE;
  };
}
