/**
 * The arguments of `materialize` and friends: materializers and extractors, then optionally an options
 * object, read into what the driver runs (Hamilton's `materialize(*materializers, additional_vars=...)`).
 */
import type { ExecuteOptions, FinalVar } from './driver';
import { HamiltonError } from './errors';
import { ExtractorFactory, MaterializerFactory } from './io/materialization';

/** Options of {@link Driver.visualizeExecution}: the execution's inputs and overrides, and validation. */
export interface VisualizeExecutionOptions extends ExecuteOptions {
  /** Draw even when inputs are missing or there is a cycle (Hamilton's `bypass_validation`). */
  readonly bypassValidation?: boolean;
}

/**
 * Options of {@link Driver.materialize}: `inputs`, `overrides`, outputs computed besides the
 * materializers, and (for `visualizeMaterialization`) `bypassValidation`.
 */
export interface MaterializeOptions extends VisualizeExecutionOptions {
  /** Outputs to compute and return besides what the materializers save (Hamilton's `additional_vars`). */
  readonly additionalVars?: readonly FinalVar[];
}

/** The arguments of {@link Driver.materialize}: materializers and extractors, then optionally the options. */
export type MaterializeArguments =
  | readonly (MaterializerFactory | ExtractorFactory)[]
  | readonly [...(MaterializerFactory | ExtractorFactory)[], MaterializeOptions];

/** Splits the outputs of a materialization into saved metadata by materializer id and the other outputs. */
export function splitMaterialized(
  outputs: Record<string, unknown>,
  ids: readonly string[],
): [Record<string, unknown>, Record<string, unknown>] {
  const saved: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(outputs)) (ids.includes(name) ? saved : rest)[name] = value;
  return [saved, rest];
}

/** A materialization request, read. */
export interface MaterializeRequest {
  /** The materializers, in order. */
  readonly materializers: readonly MaterializerFactory[];
  /** The extractors, in order. */
  readonly extractors: readonly ExtractorFactory[];
  /** The additional outputs, as node names. */
  readonly finalVars: readonly string[];
  /** The materializers' ids (their node names). */
  readonly ids: readonly string[];
  /** The trailing options. */
  readonly options: MaterializeOptions;
}

/** Reads `materialize`'s arguments; with `requireOutput`, asking for nothing is Hamilton's error. */
export function materializeRequest(
  args: MaterializeArguments,
  requireOutput: boolean,
  nameOf: (v: FinalVar) => string,
): MaterializeRequest {
  const last = args.at(-1);
  const hasOptions =
    last !== undefined && !(last instanceof MaterializerFactory || last instanceof ExtractorFactory);
  const options = (hasOptions ? last : {}) as MaterializeOptions;
  const factories = (hasOptions ? args.slice(0, -1) : args) as (MaterializerFactory | ExtractorFactory)[];
  const materializers = factories.filter((f): f is MaterializerFactory => f instanceof MaterializerFactory);
  const extractors = factories.filter((f): f is ExtractorFactory => f instanceof ExtractorFactory);
  const finalVars = (options.additionalVars ?? []).map(nameOf);
  if (requireOutput && materializers.length === 0 && finalVars.length === 0) {
    throw new HamiltonError(
      'No output requested. Please either pass in materializers that will save data, or pass in `additional_vars` to compute.',
    );
  }
  return { materializers, extractors, finalVars, ids: materializers.map((m) => m.id), options };
}
