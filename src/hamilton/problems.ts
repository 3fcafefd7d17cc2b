/**
 * What went wrong, one problem at a time, for tools that show each at its place (an editor marker, a
 * graph node): the library's errors read through their own classes, never guessed from field names.
 */
import {
  DuplicateDefinitionError,
  HamiltonError,
  HamiltonErrors,
  InputTypeError,
  MissingInputError,
  NodeExecutionError,
} from './errors';
import type { SourceLocation } from './source';

/** One problem of a thrown error. */
export interface Problem {
  /**
   * The problem in words: the error's message; for an input problem its own line, without the count
   * that Hamilton's message wraps around all of a request's input problems.
   */
  readonly message: string;
  /** The node it concerns: the node defined twice or that failed, or the input missing or mistyped. */
  readonly node?: string;
  /** Where in the user's code, when the library knows. */
  readonly location?: SourceLocation;
}

/** The node an error concerns, when its class names one. */
function nodeOf(error: Error): string | undefined {
  if (error instanceof DuplicateDefinitionError || error instanceof NodeExecutionError) return error.nodeName;
  if (error instanceof MissingInputError || error instanceof InputTypeError) return error.input;
  return undefined;
}

function problemOf(thrown: unknown): Problem {
  if (!(thrown instanceof Error)) return { message: String(thrown) };
  const message =
    thrown instanceof MissingInputError || thrown instanceof InputTypeError ? thrown.problem : thrown.message;
  const node = nodeOf(thrown);
  const location = thrown instanceof HamiltonError ? thrown.location : undefined;
  return { message, ...(node !== undefined && { node }), ...(location && { location }) };
}

/**
 * The problems a thrown value reports: each of a {@link HamiltonErrors}' errors, in order, or the
 * thrown value itself as one problem.
 */
export function problemsOf(thrown: unknown): Problem[] {
  const list = thrown instanceof HamiltonErrors && thrown.errors.length > 0 ? thrown.errors : [thrown];
  return list.map(problemOf);
}
