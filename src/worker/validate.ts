/**
 * The strict check of every message from the worker side, against the protocol's own schemas. User code
 * runs in that worker and can post anything it likes, so the UI accepts a message only when it is
 * exactly one of the protocol's events: right types, known enum values, typed arrays where the protocol
 * says so, nothing callable, no object but plain ones. The event is rebuilt from the schema's fields,
 * so unknown extra fields are dropped.
 */
import * as v from 'valibot';
import { fastChecker, UNSURE } from './fastCheck';
import {
  CompiledPartSchema,
  EvaluatingNoticeSchema,
  WorkerEventSchema,
  type CompiledPart,
  type EvaluatingNotice,
  type WorkerEvent,
} from './protocol';

/** Deeper than any protocol message (JSON values stop at 64 levels): walking further is an attack. */
const MAX_DEPTH = 100;

/** Where a forged object sits (its keys, innermost first) and what is wrong with it. */
interface Forgery {
  readonly keys: (string | number)[];
  readonly why: string;
}

/**
 * Where `data` holds an object that is not plain, or null. Structured cloning keeps only built-in
 * prototypes, so anything but a plain object, an array or a typed array is a forgery; the schemas
 * cannot tell, as they read fields through the prototype chain. (The walk allocates nothing until it
 * finds one: a 20,000-node graph is walked as it arrives.)
 */
function forgedObject(data: object, depth: number): Forgery | null {
  if (depth > MAX_DEPTH) return { keys: [], why: 'nested too deeply' };
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const found = forgedValue(data[i], depth);
      if (found) return (found.keys.push(i), found);
    }
    return null;
  }
  const prototype = Object.getPrototypeOf(data);
  if (prototype !== Object.prototype && prototype !== null) return { keys: [], why: 'not a plain object' };
  for (const key in data) {
    if (!Object.hasOwn(data, key)) continue;
    const found = forgedValue((data as Record<string, unknown>)[key], depth);
    if (found) return (found.keys.push(key), found);
  }
  return null;
}

/** Only objects nest: the strings and numbers of a long column are passed over. */
const forgedValue = (value: unknown, depth: number): Forgery | null =>
  typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)
    ? forgedObject(value, depth + 1)
    : null;

/** The schema's output, or why `data` does not fit it (forged objects and extra fields never pass). */
export function check<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; why: string } {
  const forged = forgedValue(data, -1);
  if (forged) return { ok: false, why: `${['message', ...forged.keys.reverse()].join('.')}: ${forged.why}` };
  // Valid messages take the fast path; anything it is unsure of goes to valibot, which decides and says why.
  const fast = fastChecker(schema)(data);
  if (fast !== UNSURE) return { ok: true, value: fast as v.InferOutput<S> };
  const result = v.safeParse(schema, data, { abortEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, why: path ? `${path}: ${issue.message}` : issue.message };
}

/**
 * The event a message from the worker side carries, or null when it is not exactly a protocol event.
 * The result is a fresh object holding only the protocol's fields.
 */
export function parseWorkerMessage(data: unknown): WorkerEvent | null {
  const result = check(WorkerEventSchema, data);
  return result.ok ? result.value : null;
}

/** Why a message was rejected (for tests and the console), or null when it is valid. */
export function explainWorkerMessage(data: unknown): string | null {
  const result = check(WorkerEventSchema, data);
  return result.ok ? null : result.why;
}

/** A message's own `type` field, read without walking it (nor calling a getter). */
function typeOf(data: unknown): unknown {
  return typeof data === 'object' && data ? Object.getOwnPropertyDescriptor(data, 'type')?.value : undefined;
}

/** The host-only notice a message carries, or null when it is not one. */
export function parseWorkerNotice(data: unknown): EvaluatingNotice | null {
  // Every message is asked this first: one of another type (a whole graph, say) is not walked twice.
  if (typeOf(data) !== 'evaluating') return null;
  const result = check(EvaluatingNoticeSchema, data);
  return result.ok ? result.value : null;
}

/** The slice of a big compile answer a message carries (see `graphParts.ts`), or null when it is not one. */
export function parseWorkerPart(data: unknown): CompiledPart | null {
  if (typeOf(data) !== 'compiled-part') return null;
  const result = check(CompiledPartSchema, data);
  return result.ok ? result.value : null;
}
