/**
 * The one contract between the UI and the worker that compiles and runs user code. Every message is
 * defined once, as a schema; its TypeScript type is inferred from that schema and the page checks what
 * the worker side sends against the same schema (`parseWorkerMessage`), because user code runs there
 * and can post anything. Strings are rendered as text and cut to `MAX_MESSAGE_CHARS` (`clip.ts`).
 */
import * as v from 'valibot';

import {
  CheckResultSchema,
  ConsoleWithheldSchema,
  ConfigKeySchema,
  DescribedEdgeSchema,
  DescribedNodeSchema,
  DiagnosticSchema,
  ErrorInfoSchema,
  GraphSchema,
  SavedFileSchema,
  SourceFileSchema,
  StaleNodeSchema,
  StaleReasonSchema,
  TextCutSchema,
  ValuePreviewSchema,
  VariableSchema,
  dict,
  finite,
  int,
  json,
  text,
  texts,
  type MessageOf,
} from './protocolShapes';

export * from './protocolShapes';

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

/**
 * A request for output the worker holds (answered by an event of the same type and id): which output,
 * as the worker named it, and where to start (a character of a cut string, a line of withheld lines).
 */
const heldRequestSchema = <Type extends string, Held extends v.GenericSchema>(type: Type, held: Held) =>
  v.object({ type: v.literal(type), id: int, held, from: int });

export const TextChunkRequestSchema = heldRequestSchema('text-chunk', TextCutSchema);
/** Ask for the next chunk (at most {@link TEXT_CHUNK_CHARS} characters) of a string that was cut. */
export type TextChunkRequest = MessageOf<typeof TextChunkRequestSchema>;

/** Characters in one answer to a {@link TextChunkRequest}. */
export const TEXT_CHUNK_CHARS = 65_536;

export const ConsoleLinesRequestSchema = heldRequestSchema('console-lines', ConsoleWithheldSchema);
/**
 * Ask for console lines a request withheld: at most {@link CONSOLE_LINES_COUNT} lines and
 * {@link CONSOLE_LINES_CHARS} characters of them.
 */
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

/** The answer to a held request; its chunk is null when the worker no longer holds that output. */
const heldAnswerSchema = <Type extends string, Chunk extends v.GenericSchema>(type: Type, chunk: Chunk) =>
  v.object({ type: v.literal(type), id: int, chunk: v.nullable(chunk) });

const TextChunkEventSchema = heldAnswerSchema(
  'text-chunk',
  v.object({ offset: int, text: v.pipe(v.string(), v.maxLength(TEXT_CHUNK_CHARS)), total: int }),
);
/** The answer to a {@link TextChunkRequest}. */
export type TextChunkEvent = MessageOf<typeof TextChunkEventSchema>;

const ConsoleLinesEventSchema = heldAnswerSchema(
  'console-lines',
  v.object({
    from: int,
    lines: v.pipe(v.array(ConsoleLineSchema), v.maxLength(CONSOLE_LINES_COUNT)),
    /** The next line to ask for; null after the last kept one. */
    next: v.nullable(int),
  }),
);
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

/**
 * A slice of a big `compiled` answer's graph, sent ahead of it: the page receives and checks each slice
 * in a task of its own, where the whole graph in one message would hold its main thread for hundreds of
 * milliseconds. The `compiled` event with the same id follows with the last slice; the host puts the
 * slices in front of its nodes, edges and variables, in order (`graphParts.ts`).
 */
export const CompiledPartSchema = v.object({
  type: v.literal('compiled-part'),
  id: int,
  nodes: v.array(DescribedNodeSchema),
  edges: v.array(DescribedEdgeSchema),
  variables: v.array(VariableSchema),
});
/** The host-only slice of a big compile answer: see {@link CompiledPartSchema}. */
export type CompiledPart = MessageOf<typeof CompiledPartSchema>;
