/**
 * The shapes the protocol's messages are made of (source files, diagnostics, value previews, errors, the
 * library's graph description, live mode's staleness), each defined once as a schema with its type
 * inferred from it. The messages themselves are in `protocol.ts`, which re-exports all of this.
 */
import * as v from 'valibot';
import type { DescribedEdge, DescribedNode, GraphDescription, Variable } from 'hamilton';
import { clipText, MAX_MESSAGE_CHARS } from './clip';

/**
 * A message's type as code uses it: readonly all the way down (typed arrays stay as they are), so a
 * producer may hand over its own readonly arrays and a consumer cannot change what it was given.
 */
type Frozen<T> = T extends Float64Array | Uint8Array
  ? T
  : T extends readonly [unknown, ...unknown[]]
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T extends readonly (infer U)[]
      ? readonly Frozen<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Frozen<T[K]> }
        : T;

/** The type a schema describes, as every side of the protocol sees it. */
export type MessageOf<S extends v.GenericSchema> = Frozen<v.InferOutput<S>>;

// ---- building blocks ----

/** Text from the worker side, cut to the budget of any message to the page (the worker cuts first). */
export const text = v.pipe(
  v.string(),
  v.transform((s) => clipText(s, MAX_MESSAGE_CHARS)),
);
export const int = v.pipe(v.number(), v.integer());
export const finite = v.pipe(v.number(), v.finite());
/** Any number, NaN included: a statistic of a column with no values is NaN. */
export const anyNumber = v.custom<number>((x) => typeof x === 'number', 'Invalid type: Expected number');
export const texts = v.array(text);
export const dict = <S extends v.GenericSchema>(value: S) => v.record(v.string(), value);

/** JSON values: what inputs, config and overrides are made of when they come from the UI. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export const MAX_JSON_DEPTH = 64;

/** The value rebuilt with its strings cut, or undefined when it is not JSON within the depth limit. */
function toJson(value: unknown, depth: number): Json | undefined {
  if (depth > MAX_JSON_DEPTH) return undefined;
  if (typeof value === 'string') return clipText(value, MAX_MESSAGE_CHARS);
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const out: Json[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = toJson(value[i], depth + 1);
      if (item === undefined) return undefined;
      out[i] = item;
    }
    return out;
  }
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value)) {
    const item = toJson((value as Record<string, unknown>)[key], depth + 1);
    if (item === undefined) return undefined;
    out[key] = item;
  }
  return out;
}

// Recursive, so its type is written above and the schema checks by walking.
export const json = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = toJson(dataset.value, 0);
    if (value !== undefined) return value;
    addIssue({ message: `not JSON, or nested deeper than ${MAX_JSON_DEPTH}` });
    return NEVER;
  }),
);

// ---- shapes the messages are made of ----

/** A user's source file, as an editor tab holds it. */
export const SourceFileSchema = v.object({
  /** File name with extension, e.g. `features.ts`. Unique in a project. */
  name: text,
  /** The TypeScript source. */
  code: v.string(),
});
/** A user's source file, as an editor tab holds it. */
export type SourceFile = MessageOf<typeof SourceFileSchema>;

/** A place in the user's code: file name, 1-based line and column, each there when known. */
export const placeEntries = { file: v.optional(text), line: v.optional(int), column: v.optional(int) };

/** Where a diagnostic was found; the compiler reports the first three. */
export const DIAGNOSTIC_SOURCES = [
  'syntax',
  'analysis',
  'bundle',
  'graph',
  'runtime',
  'validation',
  'worker',
] as const;

export const DiagnosticSchema = v.object({
  severity: v.picklist(['error', 'warning', 'info']),
  /** Where it was found. */
  source: v.picklist(DIAGNOSTIC_SOURCES),
  message: text,
  /** The file, 1-based line and column, when the problem has a place in the user's code. */
  ...placeEntries,
  endLine: v.optional(int),
  endColumn: v.optional(int),
  /** The node it concerns, when it concerns one. */
  node: v.optional(text),
});
/** A problem to show at its place: an editor marker, a graph node, or a banner. */
export type Diagnostic = MessageOf<typeof DiagnosticSchema>;

export const ConfigKeySchema = v.object({
  key: text,
  /** Values seen in the decorators (`mode: ['batch', 'streaming']`). */
  values: texts,
});
/** A config key that `config.when` and friends read, with the values they compare it to. */
export type ConfigKey = MessageOf<typeof ConfigKeySchema>;

export const ColumnPreviewSchema = v.variant('dtype', [
  v.object({ name: text, dtype: v.literal('number'), values: v.instance(Float64Array) }),
  v.object({ name: text, dtype: v.literal('boolean'), values: v.instance(Uint8Array) }),
  v.object({ name: text, dtype: v.literal('date'), values: v.instance(Float64Array) }),
  v.object({ name: text, dtype: v.literal('string'), values: texts }),
]);
/** A column of a table preview: typed storage, cheap to transfer. */
export type ColumnPreview = MessageOf<typeof ColumnPreviewSchema>;

export const NumericStatsSchema = v.object({
  count: int,
  missing: int,
  mean: anyNumber,
  std: anyNumber,
  min: anyNumber,
  max: anyNumber,
  /** Histogram: `bins + 1` edges and `bins` counts. */
  histogram: v.pipe(
    v.object({ edges: v.array(anyNumber), counts: v.array(int) }),
    v.check(
      ({ edges, counts }) => counts.length === 0 || edges.length === counts.length + 1,
      'histogram edges and counts disagree',
    ),
  ),
});
/** Summary statistics of a numeric column. */
export type NumericStats = MessageOf<typeof NumericStatsSchema>;

const heldEntries = {
  /** The request (compile or run) whose output the worker holds; `index` numbers what it held. */
  request: int,
  index: int,
};

export const TextCutSchema = v.object({
  ...heldEntries,
  /** Characters of the string the text shows (the rest is left out, and counted in the text). */
  shown: int,
  /** Characters of the whole string. */
  total: int,
});
/**
 * A string cut before it crossed, which the worker still holds: the rest can be asked for a chunk at a
 * time ({@link TextChunkRequest}) until a newer run or a restart lets it go.
 */
export type TextCut = MessageOf<typeof TextCutSchema>;

export const ConsoleWithheldSchema = v.object({
  ...heldEntries,
  /** Lines left out between the first and the last ones sent. */
  count: int,
  /** How many of them (the first ones) the worker kept within its bound. */
  kept: int,
});
/** The lines a count line stands for, which the worker keeps (bounded) for download. */
export type ConsoleWithheld = MessageOf<typeof ConsoleWithheldSchema>;

export const ValuePreviewSchema = v.variant('kind', [
  v.object({ kind: v.literal('scalar'), type: text, text, cut: v.optional(TextCutSchema) }),
  v.object({
    kind: v.literal('series'),
    length: int,
    column: ColumnPreviewSchema,
    stats: v.optional(NumericStatsSchema),
    /** True when `column` holds only the first rows. */
    truncated: v.boolean(),
  }),
  v.object({
    kind: v.literal('frame'),
    rows: int,
    columns: v.array(ColumnPreviewSchema),
    stats: dict(NumericStatsSchema),
    truncated: v.boolean(),
  }),
  v.object({ kind: v.literal('tree'), type: text, value: json, truncated: v.boolean() }),
  v.object({ kind: v.literal('error'), text }),
]);
/** A value as the UI sees it: never the value itself, a preview of it. */
export type ValuePreview = MessageOf<typeof ValuePreviewSchema>;

export const ErrorInfoSchema = v.object({
  name: text,
  message: text,
  /** When the message was cut: where to fetch the rest. */
  messageCut: v.optional(TextCutSchema),
  /** The node whose function threw, when a run failed in one (a node's own error names no node). */
  node: v.optional(text),
  /** The stack, with positions mapped to the user's files. */
  stack: v.optional(text),
  ...placeEntries,
});
/** A thrown error, made plain, with its place in the user's TypeScript when the stack maps back. */
export type ErrorInfo = MessageOf<typeof ErrorInfoSchema>;

export const CheckResultSchema = v.object({
  /** The node that was checked (`score`). */
  node: text,
  /** The validator node (`score_range_validator`). */
  validator: text,
  /** Whether the check passes (Hamilton's `CheckResult.passes`). */
  passes: v.boolean(),
  importance: v.picklist(['warn', 'fail']),
  message: text,
});
/** What one data-quality validator node (`checkOutput`) said about its node's value in a run. */
export type CheckResult = MessageOf<typeof CheckResultSchema>;

export const SavedFileSchema = v.object({ path: text, text });
/** A file a run saved (a materializer or `saveTo` writing to a workspace path), offered for download. */
export type SavedFile = MessageOf<typeof SavedFileSchema>;

// ---- the library's graph description, as it crosses ----

export const ParallelRoleSchema = v.picklist(['expand', 'collect']);
export const VariableSchema = v.object({
  name: text,
  type: text,
  tags: dict(v.union([text, texts])),
  documentation: text,
  isExternalInput: v.boolean(),
  kind: v.picklist(['function', 'input', 'config']),
  requiredDependencies: texts,
  optionalDependencies: texts,
  location: v.optional(v.object({ file: text, line: int, column: int })),
});
export const DescribedNodeSchema = v.object({
  ...VariableSchema.entries,
  isOutput: v.boolean(),
  isOverride: v.boolean(),
  onPath: v.boolean(),
  value: v.optional(text),
  functionName: v.optional(text),
  parallel: v.optional(ParallelRoleSchema),
  /** In a drawn cached run: whether the node's result was retrieved or the node executed. */
  cache: v.optional(v.picklist(['retrieved', 'executed'])),
});
export const DescribedEdgeSchema = v.object({
  from: text,
  to: text,
  optional: v.boolean(),
  parallel: v.optional(ParallelRoleSchema),
});
export const GraphSchema = v.object({
  nodes: v.array(DescribedNodeSchema),
  edges: v.array(DescribedEdgeSchema),
  cycles: v.array(texts),
});

/** True when both types have exactly the same keys. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/**
 * The library describes its graph with its own types; these schemas must carry every field of them, or a
 * field the library adds would be dropped on the way to the UI without a word. This fails to typecheck
 * when the two disagree.
 */
export const GRAPH_SCHEMAS_MATCH_THE_LIBRARY: SameKeys<MessageOf<typeof VariableSchema>, Variable> &
  SameKeys<MessageOf<typeof DescribedNodeSchema>, DescribedNode> &
  SameKeys<MessageOf<typeof DescribedEdgeSchema>, DescribedEdge> &
  SameKeys<MessageOf<typeof GraphSchema>, GraphDescription> = true;

// ---- live mode: the cache across runs ----

export const StaleReasonSchema = v.object({
  kind: v.picklist(['behavior', 'new', 'code', 'input', 'upstream', 'unhashable', 'evicted']),
  /** The input or upstream node it names (`input`, `upstream`, `unhashable`). */
  node: v.optional(text),
});
/** Why a node runs instead of being reused from the cache (the library's `StaleReason`). */
export type StaleReasonInfo = MessageOf<typeof StaleReasonSchema>;

export const StaleNodeSchema = v.object({ node: text, reasons: v.array(StaleReasonSchema) });
/** A node a run would execute rather than reuse, and why. */
export type StaleNodeInfo = MessageOf<typeof StaleNodeSchema>;
