/**
 * The one contract between the UI and the worker that compiles and runs user code. Every message is
 * defined once, as a schema; its TypeScript type is inferred from that schema and the page checks what
 * the worker side sends against the same schema (`parseWorkerMessage`), because user code runs there
 * and can post anything. Strings are rendered as text and cut to {@link MAX_MESSAGE_CHARS}.
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
const text = v.pipe(
  v.string(),
  v.transform((s) => clipText(s, MAX_MESSAGE_CHARS)),
);
const int = v.pipe(v.number(), v.integer());
const finite = v.pipe(v.number(), v.finite());
/** Any number, NaN included: a statistic of a column with no values is NaN. */
const anyNumber = v.custom<number>((x) => typeof x === 'number', 'Invalid type: Expected number');
const texts = v.array(text);
const dict = <S extends v.GenericSchema>(value: S) => v.record(v.string(), value);

/** JSON values: what inputs, config and overrides are made of when they come from the UI. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const MAX_JSON_DEPTH = 64;

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
const json = v.pipe(
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
const SourceFileSchema = v.object({
  /** File name with extension, e.g. `features.ts`. Unique in a project. */
  name: text,
  /** The TypeScript source. */
  code: v.string(),
});
/** A user's source file, as an editor tab holds it. */
export type SourceFile = MessageOf<typeof SourceFileSchema>;

/** A place in the user's code: file name, 1-based line and column, each there when known. */
const placeEntries = { file: v.optional(text), line: v.optional(int), column: v.optional(int) };

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

const DiagnosticSchema = v.object({
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

const ConfigKeySchema = v.object({
  key: text,
  /** Values seen in the decorators (`mode: ['batch', 'streaming']`). */
  values: texts,
});
/** A config key that `config.when` and friends read, with the values they compare it to. */
export type ConfigKey = MessageOf<typeof ConfigKeySchema>;

const ColumnPreviewSchema = v.variant('dtype', [
  v.object({ name: text, dtype: v.literal('number'), values: v.instance(Float64Array) }),
  v.object({ name: text, dtype: v.literal('boolean'), values: v.instance(Uint8Array) }),
  v.object({ name: text, dtype: v.literal('date'), values: v.instance(Float64Array) }),
  v.object({ name: text, dtype: v.literal('string'), values: texts }),
]);
/** A column of a table preview: typed storage, cheap to transfer. */
export type ColumnPreview = MessageOf<typeof ColumnPreviewSchema>;

const NumericStatsSchema = v.object({
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

const TextCutSchema = v.object({
  /** The request (compile or run) whose output it is; `index` numbers the strings it cut. */
  request: int,
  index: int,
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

const ValuePreviewSchema = v.variant('kind', [
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

const ErrorInfoSchema = v.object({
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

const CheckResultSchema = v.object({
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

const SavedFileSchema = v.object({ path: text, text });
/** A file a run saved (a materializer or `saveTo` writing to a workspace path), offered for download. */
export type SavedFile = MessageOf<typeof SavedFileSchema>;

// ---- the library's graph description, as it crosses ----

const ParallelRoleSchema = v.picklist(['expand', 'collect']);
const VariableSchema = v.object({
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
const DescribedNodeSchema = v.object({
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
const DescribedEdgeSchema = v.object({
  from: text,
  to: text,
  optional: v.boolean(),
  parallel: v.optional(ParallelRoleSchema),
});
const GraphSchema = v.object({
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

const StaleReasonSchema = v.object({
  kind: v.picklist(['behavior', 'new', 'code', 'input', 'upstream', 'unhashable', 'evicted']),
  /** The input or upstream node it names (`input`, `upstream`, `unhashable`). */
  node: v.optional(text),
});
/** Why a node runs instead of being reused from the cache (the library's `StaleReason`). */
export type StaleReasonInfo = MessageOf<typeof StaleReasonSchema>;

const StaleNodeSchema = v.object({ node: text, reasons: v.array(StaleReasonSchema) });
/** A node a run would execute rather than reuse, and why. */
export type StaleNodeInfo = MessageOf<typeof StaleNodeSchema>;

// ---- UI → worker ----
// The page is trusted, so the worker side reads requests by their types; the schemas define those types
// and are there for anything that receives a request from elsewhere.

export const CompileRequestSchema = v.object({
  type: v.literal('compile'),
  id: int,
  files: v.array(SourceFileSchema),
  config: dict(json),
});
/** Analyse, bundle, evaluate and build the graph of a project. A newer id makes older ones obsolete. */
export type CompileRequest = MessageOf<typeof CompileRequestSchema>;

export const RunRequestSchema = v.object({
  type: v.literal('run'),
  id: int,
  /** Outputs to compute; empty means every sink of the graph. */
  outputs: texts,
  inputs: dict(json),
  overrides: dict(json),
  /** Named tables (CSV files the user gave or the example ships), parsed into DataFrames as inputs. */
  tables: dict(v.string()),
  /** Live mode: a run the UI started by itself; a newer compile cancels it (`run-finished` with an AbortError). */
  live: v.optional(v.boolean()),
});
/** Run the last compiled project. */
export type RunRequest = MessageOf<typeof RunRequestSchema>;

export const TextChunkRequestSchema = v.object({
  type: v.literal('text-chunk'),
  id: int,
  /** The cut string, as its {@link TextCut} names it. */
  request: int,
  index: int,
  /** The first character wanted; the answer holds at most {@link TEXT_CHUNK_CHARS} from there. */
  offset: int,
});
/** Ask for the next chunk of a string that was cut (answered by a `text-chunk` event with this id). */
export type TextChunkRequest = MessageOf<typeof TextChunkRequestSchema>;

/** Characters in one answer to a {@link TextChunkRequest}. */
export const TEXT_CHUNK_CHARS = 65_536;

export const ConsoleLinesRequestSchema = v.object({
  type: v.literal('console-lines'),
  id: int,
  /** The withheld lines, as their count line's {@link ConsoleWithheld} names them. */
  request: int,
  part: int,
  /**
   * The first line wanted; the answer holds at most {@link CONSOLE_LINES_COUNT} lines and
   * {@link CONSOLE_LINES_CHARS} characters of them.
   */
  from: int,
});
/** Ask for console lines a request withheld (answered by a `console-lines` event with this id). */
export type ConsoleLinesRequest = MessageOf<typeof ConsoleLinesRequestSchema>;

/** Characters of line text in one answer to a {@link ConsoleLinesRequest}. */
export const CONSOLE_LINES_CHARS = 1_000_000;
/** Lines in one answer to a {@link ConsoleLinesRequest} (each is checked on the page's main thread). */
export const CONSOLE_LINES_COUNT = 10_000;

/**
 * Requests answered from what the worker that ran the latest request still holds, at once (not queued
 * behind a run, not timed); `null` in the answer when it no longer holds it.
 */
export type HeldRequest = TextChunkRequest | ConsoleLinesRequest;

/** Every message the UI sends to the worker. */
export type WorkerRequest = CompileRequest | RunRequest | HeldRequest;

// ---- worker → UI ----

const ReadyEventSchema = v.object({
  type: v.literal('ready'),
  /** Milliseconds from worker start to esbuild ready. */
  initMs: finite,
});
/** The worker is up and esbuild is initialised. */
export type ReadyEvent = MessageOf<typeof ReadyEventSchema>;

const CompiledEventSchema = v.object({
  type: v.literal('compiled'),
  id: int,
  /** The graph; when compilation failed, the last good graph with `stale: true`, or null. */
  graph: v.nullable(GraphSchema),
  variables: v.array(VariableSchema),
  configKeys: v.array(ConfigKeySchema),
  stale: v.boolean(),
  diagnostics: v.array(DiagnosticSchema),
  /** Milliseconds spent in each step (analyse, bundle, evaluate, graph). */
  timings: dict(finite),
  /**
   * Live mode: the nodes the last run's request would execute now (their code, an upstream node or an
   * input changed); absent before the first run of the workspace.
   */
  staleNodes: v.optional(v.array(StaleNodeSchema)),
});
/** The answer to a {@link CompileRequest}. */
export type CompiledEvent = MessageOf<typeof CompiledEventSchema>;

/** The fields every node event has. */
const nodeEventEntries = {
  runId: int,
  node: text,
  /** For a node of a parallel block (between Parallelizable and Collect): the item it runs for. */
  item: v.optional(int),
};

const NodeStartedEventSchema = v.object({
  type: v.literal('node-started'),
  ...nodeEventEntries,
  /** Live mode: why it runs, when the cache has to compute it (absent when it is reused). */
  reasons: v.optional(v.array(StaleReasonSchema)),
});
/** A node began running. */
export type NodeStartedEvent = MessageOf<typeof NodeStartedEventSchema>;

/** The fields of a node's last event: how long it ran. */
const nodeEndEntries = {
  ...nodeEventEntries,
  durationMs: finite,
  /** When the node started, in ms after its run started (the run's waterfall). */
  startMs: v.optional(finite),
};

const NodeFinishedEventSchema = v.object({
  type: v.literal('node-finished'),
  ...nodeEndEntries,
  preview: ValuePreviewSchema,
  /** Live mode: true when its value was reused from the cache, not computed. */
  cached: v.optional(v.boolean()),
});
/** A node finished. */
export type NodeFinishedEvent = MessageOf<typeof NodeFinishedEventSchema>;

const NodeFailedEventSchema = v.object({
  type: v.literal('node-failed'),
  ...nodeEndEntries,
  error: ErrorInfoSchema,
});
/** A node threw. */
export type NodeFailedEvent = MessageOf<typeof NodeFailedEventSchema>;

const ConsoleLineSchema = v.object({
  level: v.picklist(['log', 'info', 'warn', 'error']),
  /** The node that was running, when one was. */
  node: v.nullable(text),
  text,
});
/** One console line: its level, the node that printed it (null: module code), its text. */
export type ConsoleLine = MessageOf<typeof ConsoleLineSchema>;

const ConsoleWithheldSchema = v.object({
  /** The request (compile or run) that printed them; `part` numbers its count lines. */
  request: int,
  part: int,
  /** Lines left out between the first and the last ones sent. */
  count: int,
  /** How many of them (the first ones) the worker kept within its bound. */
  kept: int,
});
/** The lines a count line stands for, which the worker keeps (bounded) for download. */
export type ConsoleWithheld = MessageOf<typeof ConsoleWithheldSchema>;

const ConsoleEventSchema = v.object({
  type: v.literal('console'),
  runId: v.nullable(int),
  ...ConsoleLineSchema.entries,
  /** When the line was cut: where to fetch the rest. */
  cut: v.optional(TextCutSchema),
  /** On the line that counts lines left out: those lines, kept for download. */
  withheld: v.optional(ConsoleWithheldSchema),
});
/** Console output captured while a run or compilation evaluated user code. */
export type ConsoleEvent = MessageOf<typeof ConsoleEventSchema>;

const RunFinishedEventSchema = v.object({
  type: v.literal('run-finished'),
  runId: int,
  ok: v.boolean(),
  durationMs: finite,
  /** The requested outputs; frames and series carry full typed columns here (transferred). */
  results: dict(ValuePreviewSchema),
  /** Nodes that did not run because something upstream failed. */
  skipped: texts,
  validations: v.array(CheckResultSchema),
  error: v.optional(ErrorInfoSchema),
  diagnostics: v.array(DiagnosticSchema),
  /** Files the run's data savers wrote (absent when none). */
  savedFiles: v.optional(v.array(SavedFileSchema)),
});
/** A run ended (successfully or not). */
export type RunFinishedEvent = MessageOf<typeof RunFinishedEventSchema>;

const WorkerRestartedEventSchema = v.object({
  type: v.literal('worker-restarted'),
  reason: v.picklist(['timeout', 'stopped', 'crashed']),
  /** The node that was running, when known. */
  node: v.nullable(text),
  message: text,
});
/** The worker was stopped and replaced (runaway code, the Stop button, or a crash). */
export type WorkerRestartedEvent = MessageOf<typeof WorkerRestartedEventSchema>;

const TextChunkEventSchema = v.object({
  type: v.literal('text-chunk'),
  /** The {@link TextChunkRequest} it answers. */
  id: int,
  /** Null when the worker no longer holds the string (a newer run, a new version, a restart). */
  chunk: v.nullable(
    v.object({
      offset: int,
      text: v.pipe(v.string(), v.maxLength(TEXT_CHUNK_CHARS)),
      total: int,
    }),
  ),
});
/** The answer to a {@link TextChunkRequest}. */
export type TextChunkEvent = MessageOf<typeof TextChunkEventSchema>;

const ConsoleLinesEventSchema = v.object({
  type: v.literal('console-lines'),
  /** The {@link ConsoleLinesRequest} it answers. */
  id: int,
  /** Null when the worker no longer holds them (a newer run, a new version, a restart). */
  chunk: v.nullable(
    v.object({
      from: int,
      lines: v.pipe(v.array(ConsoleLineSchema), v.maxLength(CONSOLE_LINES_COUNT)),
      /** The next line to ask for; null after the last kept one. */
      next: v.nullable(int),
    }),
  ),
});
/** The answer to a {@link ConsoleLinesRequest}. */
export type ConsoleLinesEvent = MessageOf<typeof ConsoleLinesEventSchema>;

/** The answer to a {@link HeldRequest}. */
export type HeldAnswer = TextChunkEvent | ConsoleLinesEvent;

/** The answer to a held request for what is no longer held (a newer run, a new version, a restart). */
export function letGo(request: TextChunkRequest): TextChunkEvent;
export function letGo(request: ConsoleLinesRequest): ConsoleLinesEvent;
export function letGo(request: HeldRequest): HeldAnswer;
export function letGo(request: HeldRequest): HeldAnswer {
  return { type: request.type, id: request.id, chunk: null };
}

/** Whether a request is answered from what the worker holds (see {@link HeldRequest}). */
export function isHeld(request: WorkerRequest): request is HeldRequest {
  return request.type === 'text-chunk' || request.type === 'console-lines';
}

/** Every message the worker side sends to the UI. */
export const WorkerEventSchema = v.variant('type', [
  ReadyEventSchema,
  CompiledEventSchema,
  NodeStartedEventSchema,
  NodeFinishedEventSchema,
  NodeFailedEventSchema,
  ConsoleEventSchema,
  RunFinishedEventSchema,
  WorkerRestartedEventSchema,
  TextChunkEventSchema,
  ConsoleLinesEventSchema,
]);
/** Every message the worker side sends to the UI. */
export type WorkerEvent = MessageOf<typeof WorkerEventSchema>;

// ---- worker → host (consumed by the host, never passed to the UI) ----

/**
 * The worker starts (`done: false`) or ends (`done: true`) running user code for a compile or a run
 * (`id` is that request's): the host's watchdog times module top-level code and graph building, or
 * the run's nodes, not the bundling, the waiting in the queue, nor the previews after them.
 */
export const EvaluatingNoticeSchema = v.object({ type: v.literal('evaluating'), id: int, done: v.boolean() });
/** The host-only notice that user code starts or stops running: see {@link EvaluatingNoticeSchema}. */
export type EvaluatingNotice = MessageOf<typeof EvaluatingNoticeSchema>;
