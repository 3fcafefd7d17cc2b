/**
 * The one contract between the UI and the worker that compiles and runs user code. Both sides import
 * this file; nothing else crosses. Every message from the worker side is untrusted (user code runs
 * there), so the UI accepts it only through {@link parseWorkerMessage}, and renders strings as text.
 */
import type { GraphDescription, Variable } from 'hamilton';

/** A user's source file, as an editor tab holds it. */
export interface SourceFile {
  /** File name with extension, e.g. `features.ts`. Unique in a project. */
  readonly name: string;
  /** The TypeScript source. */
  readonly code: string;
}

/** JSON values: what inputs, config and overrides are made of when they come from the UI. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A problem to show at its place: an editor marker, a graph node, or a banner. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  /** Where it was found. */
  readonly source: 'syntax' | 'analysis' | 'bundle' | 'graph' | 'runtime' | 'validation' | 'worker';
  readonly message: string;
  /** The file, 1-based line and column, when the problem has a place in the user's code. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The node it concerns, when it concerns one. */
  readonly node?: string;
}

/** A config key that `config.when` and friends read, with the values they compare it to. */
export interface ConfigKey {
  readonly key: string;
  /** Values seen in the decorators (`mode: ['batch', 'streaming']`). */
  readonly values: readonly string[];
}

/** A column of a table preview: typed storage, cheap to transfer. */
export type ColumnPreview =
  | { readonly name: string; readonly dtype: 'number'; readonly values: Float64Array }
  | { readonly name: string; readonly dtype: 'boolean'; readonly values: Uint8Array }
  | { readonly name: string; readonly dtype: 'date'; readonly values: Float64Array }
  | { readonly name: string; readonly dtype: 'string'; readonly values: readonly string[] };

/** Summary statistics of a numeric column. */
export interface NumericStats {
  readonly count: number;
  readonly missing: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Histogram: `bins + 1` edges and `bins` counts. */
  readonly histogram: { readonly edges: readonly number[]; readonly counts: readonly number[] };
}

/** A value as the UI sees it: never the value itself, a preview of it. */
export type ValuePreview =
  | { readonly kind: 'scalar'; readonly type: string; readonly text: string }
  | {
      readonly kind: 'series';
      readonly length: number;
      readonly column: ColumnPreview;
      readonly stats?: NumericStats;
      /** True when `column` holds only the first rows. */
      readonly truncated: boolean;
    }
  | {
      readonly kind: 'frame';
      readonly rows: number;
      readonly columns: readonly ColumnPreview[];
      readonly stats: Readonly<Record<string, NumericStats>>;
      readonly truncated: boolean;
    }
  | { readonly kind: 'tree'; readonly type: string; readonly value: Json; readonly truncated: boolean }
  | { readonly kind: 'error'; readonly text: string };

/** A thrown error, made plain, with its place in the user's TypeScript when the stack maps back. */
export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  /** The node whose function threw, when a run failed in one (a node's own error names no node). */
  readonly node?: string;
  /** The stack, with positions mapped to the user's files. */
  readonly stack?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** The result of one data-quality validator. */
export interface ValidationResult {
  /** The node that was checked (`score`). */
  readonly node: string;
  /** The validator node (`score_range_validator`). */
  readonly validator: string;
  /** Whether the check passes (Hamilton's `ValidationResult.passes`). */
  readonly passes: boolean;
  readonly importance: 'warn' | 'fail';
  readonly message: string;
}

// ---- UI → worker ----

/** Analyse, bundle, evaluate and build the graph of a project. A newer id makes older ones obsolete. */
export interface CompileRequest {
  readonly type: 'compile';
  readonly id: number;
  readonly files: readonly SourceFile[];
  readonly config: Readonly<Record<string, Json>>;
}

/** Run the last compiled project. */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  /** Outputs to compute; empty means every sink of the graph. */
  readonly outputs: readonly string[];
  readonly inputs: Readonly<Record<string, Json>>;
  readonly overrides: Readonly<Record<string, Json>>;
  /** Named tables (CSV files the user gave or the example ships), parsed into DataFrames as inputs. */
  readonly tables: Readonly<Record<string, string>>;
}

/** Every message the UI sends to the worker. */
export type WorkerRequest = CompileRequest | RunRequest;

// ---- worker → UI ----

/** The worker is up and esbuild is initialised. */
export interface ReadyEvent {
  readonly type: 'ready';
  /** Milliseconds from worker start to esbuild ready. */
  readonly initMs: number;
}

/** The answer to a {@link CompileRequest}. */
export interface CompiledEvent {
  readonly type: 'compiled';
  readonly id: number;
  /** The graph; when compilation failed, the last good graph with `stale: true`, or null. */
  readonly graph: GraphDescription | null;
  readonly variables: readonly Variable[];
  readonly configKeys: readonly ConfigKey[];
  readonly stale: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds spent in each step (analyse, bundle, evaluate, graph). */
  readonly timings: Readonly<Record<string, number>>;
}

/** A node began running. */
export interface NodeStartedEvent {
  readonly type: 'node-started';
  readonly runId: number;
  readonly node: string;
  /** For a node of a parallel block (between Parallelizable and Collect): the item it runs for. */
  readonly item?: number;
}

/** A node finished. */
export interface NodeFinishedEvent {
  readonly type: 'node-finished';
  readonly runId: number;
  readonly node: string;
  /** For a node of a parallel block (between Parallelizable and Collect): the item it runs for. */
  readonly item?: number;
  readonly durationMs: number;
  /** When the node started, in ms after its run started (the run's waterfall). */
  readonly startMs?: number;
  readonly preview: ValuePreview;
}

/** A node threw. */
export interface NodeFailedEvent {
  readonly type: 'node-failed';
  readonly runId: number;
  readonly node: string;
  /** For a node of a parallel block (between Parallelizable and Collect): the item it runs for. */
  readonly item?: number;
  readonly durationMs: number;
  /** When the node started, in ms after its run started (the run's waterfall). */
  readonly startMs?: number;
  readonly error: ErrorInfo;
}

/** Console output captured while a run or compilation evaluated user code. */
export interface ConsoleEvent {
  readonly type: 'console';
  readonly runId: number | null;
  readonly level: 'log' | 'info' | 'warn' | 'error';
  /** The node that was running, when one was. */
  readonly node: string | null;
  readonly text: string;
}

/** A run ended (successfully or not). */
export interface RunFinishedEvent {
  readonly type: 'run-finished';
  readonly runId: number;
  readonly ok: boolean;
  readonly durationMs: number;
  /** The requested outputs; frames and series carry full typed columns here (transferred). */
  readonly results: Readonly<Record<string, ValuePreview>>;
  /** Nodes that did not run because something upstream failed. */
  readonly skipped: readonly string[];
  readonly validations: readonly ValidationResult[];
  readonly error?: ErrorInfo;
  readonly diagnostics: readonly Diagnostic[];
  /** Files the run's data savers wrote (absent when none). */
  readonly savedFiles?: readonly SavedFile[];
}

/** A file a run saved (a materializer or `saveTo` writing to a workspace path), offered for download. */
export interface SavedFile {
  readonly path: string;
  readonly text: string;
}

/** The worker was stopped and replaced (runaway code, the Stop button, or a crash). */
export interface WorkerRestartedEvent {
  readonly type: 'worker-restarted';
  readonly reason: 'timeout' | 'stopped' | 'crashed';
  /** The node that was running, when known. */
  readonly node: string | null;
  readonly message: string;
}

/** Every message the worker side sends to the UI. */
export type WorkerEvent =
  | ReadyEvent
  | CompiledEvent
  | NodeStartedEvent
  | NodeFinishedEvent
  | NodeFailedEvent
  | ConsoleEvent
  | RunFinishedEvent
  | WorkerRestartedEvent;

// ---- worker → host (consumed by the host, never passed to the UI) ----

/**
 * The worker starts (`done: false`) or ends (`done: true`) running user code for a compile or a run
 * (`id` is that request's): the host's watchdog times module top-level code and graph building, or
 * the run's nodes, not the bundling, the waiting in the queue, nor the previews after them.
 */
export interface EvaluatingNotice {
  readonly type: 'evaluating';
  readonly id: number;
  readonly done: boolean;
}
