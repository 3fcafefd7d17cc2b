/**
 * The strict shape check of every message from the worker side. User code runs in that worker and can
 * post anything it likes, so the UI accepts a message only when it is exactly one of the protocol's
 * events: right types, known enum values, typed arrays where the protocol says so, nothing callable.
 * Unknown extra fields are dropped by rebuilding the event from the checked fields.
 */
import type {
  ColumnPreview,
  ConfigKey,
  Diagnostic,
  ErrorInfo,
  EvaluatingNotice,
  Json,
  NumericStats,
  SavedFile,
  ValidationResult,
  ValuePreview,
  WorkerEvent,
} from './protocol';
import { clipText, MAX_MESSAGE_CHARS } from './clip';
import type { DescribedEdge, DescribedNode, GraphDescription, Variable } from 'hamilton';

/** Thrown inside the checkers; caught once in {@link parseWorkerMessage}. */
class Invalid extends Error {}

type Rec = Record<string, unknown>;

function fail(what: string): never {
  throw new Invalid(what);
}

function rec(v: unknown, what: string): Rec {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what}: not an object`);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) fail(`${what}: not a plain object`);
  return v as Rec;
}

/** A string, cut to the budget of any message to the page (the worker cuts them first; this is the bound). */
function str(v: unknown, what: string): string {
  if (typeof v !== 'string') fail(`${what}: not a string`);
  return clipText(v, MAX_MESSAGE_CHARS);
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number') fail(`${what}: not a number`);
  return v;
}

function finite(v: unknown, what: string): number {
  const n = num(v, what);
  if (!Number.isFinite(n)) fail(`${what}: not finite`);
  return n;
}

/** A node event's optional item index (nodes of a parallel block run once per item). */
function itemOf(r: Record<string, unknown>): { item?: number } {
  return r.item === undefined ? {} : { item: int(r.item, 'item') };
}

/** A node event's optional start time, in ms after its run started. */
function startOf(r: Record<string, unknown>): { startMs?: number } {
  return r.startMs === undefined ? {} : { startMs: finite(r.startMs, 'startMs') };
}

function int(v: unknown, what: string): number {
  const n = finite(v, what);
  if (!Number.isInteger(n)) fail(`${what}: not an integer`);
  return n;
}

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') fail(`${what}: not a boolean`);
  return v;
}

function oneOf<T extends string>(v: unknown, values: readonly T[], what: string): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) fail(`${what}: unexpected value`);
  return v as T;
}

function arr<T>(v: unknown, item: (x: unknown, what: string) => T, what: string): T[] {
  if (!Array.isArray(v)) fail(`${what}: not an array`);
  return v.map((x, i) => item(x, `${what}[${i}]`));
}

function dict<T>(v: unknown, item: (x: unknown, what: string) => T, what: string): Record<string, T> {
  const r = rec(v, what);
  const out: Record<string, T> = Object.create(null);
  for (const key of Object.keys(r)) out[key] = item(r[key], `${what}.${key}`);
  return out;
}

function opt<T>(v: unknown, item: (x: unknown, what: string) => T, what: string): T | undefined {
  return v === undefined ? undefined : item(v, what);
}

function nullable<T>(v: unknown, item: (x: unknown, what: string) => T, what: string): T | null {
  return v === null ? null : item(v, what);
}

/** Drops `undefined` fields so optional fields stay absent rather than present-and-undefined. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o)) if ((o as Rec)[k] === undefined) delete (o as Rec)[k];
  return o;
}

const MAX_JSON_DEPTH = 64;

function json(v: unknown, what: string, depth = 0): Json {
  if (depth > MAX_JSON_DEPTH) fail(`${what}: nested too deeply`);
  if (typeof v === 'string') return str(v, what);
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map((x, i) => json(x, `${what}[${i}]`, depth + 1));
  return dict(v, (x, w) => json(x, w, depth + 1), what);
}

function location(v: unknown, what: string): { file: string; line: number; column: number } {
  const r = rec(v, what);
  return {
    file: str(r.file, `${what}.file`),
    line: int(r.line, `${what}.line`),
    column: int(r.column, `${what}.column`),
  };
}

function tagValue(v: unknown, what: string): string | string[] {
  return Array.isArray(v) ? arr(v, str, what) : str(v, what);
}

function variable(v: unknown, what: string): Variable {
  const r = rec(v, what);
  return compact({
    name: str(r.name, `${what}.name`),
    type: str(r.type, `${what}.type`),
    tags: dict(r.tags, tagValue, `${what}.tags`),
    documentation: str(r.documentation, `${what}.documentation`),
    isExternalInput: bool(r.isExternalInput, `${what}.isExternalInput`),
    kind: oneOf(r.kind, ['function', 'input', 'config'] as const, `${what}.kind`),
    requiredDependencies: arr(r.requiredDependencies, str, `${what}.requiredDependencies`),
    optionalDependencies: arr(r.optionalDependencies, str, `${what}.optionalDependencies`),
    location: opt(r.location, location, `${what}.location`),
  });
}

function describedNode(v: unknown, what: string): DescribedNode {
  const r = rec(v, what);
  return compact({
    ...variable(r, what),
    isOutput: bool(r.isOutput, `${what}.isOutput`),
    isOverride: bool(r.isOverride, `${what}.isOverride`),
    onPath: bool(r.onPath, `${what}.onPath`),
    value: opt(r.value, str, `${what}.value`),
    functionName: opt(r.functionName, str, `${what}.functionName`),
    parallel: opt(r.parallel, parallelRole, `${what}.parallel`),
  });
}

function parallelRole(v: unknown, what: string): 'expand' | 'collect' {
  return oneOf(v, ['expand', 'collect'] as const, what);
}

function describedEdge(v: unknown, what: string): DescribedEdge {
  const r = rec(v, what);
  return {
    from: str(r.from, `${what}.from`),
    to: str(r.to, `${what}.to`),
    optional: bool(r.optional, `${what}.optional`),
    ...(r.parallel !== undefined && { parallel: parallelRole(r.parallel, `${what}.parallel`) }),
  };
}

function graph(v: unknown, what: string): GraphDescription {
  const r = rec(v, what);
  return {
    nodes: arr(r.nodes, describedNode, `${what}.nodes`),
    edges: arr(r.edges, describedEdge, `${what}.edges`),
    cycles: arr(r.cycles, (c, w) => arr(c, str, w), `${what}.cycles`),
  };
}

function diagnostic(v: unknown, what: string): Diagnostic {
  const r = rec(v, what);
  const sources = ['syntax', 'analysis', 'bundle', 'graph', 'runtime', 'validation', 'worker'] as const;
  return compact({
    severity: oneOf(r.severity, ['error', 'warning', 'info'] as const, `${what}.severity`),
    source: oneOf(r.source, sources, `${what}.source`),
    message: str(r.message, `${what}.message`),
    file: opt(r.file, str, `${what}.file`),
    line: opt(r.line, int, `${what}.line`),
    column: opt(r.column, int, `${what}.column`),
    endLine: opt(r.endLine, int, `${what}.endLine`),
    endColumn: opt(r.endColumn, int, `${what}.endColumn`),
    node: opt(r.node, str, `${what}.node`),
  });
}

function configKey(v: unknown, what: string): ConfigKey {
  const r = rec(v, what);
  return { key: str(r.key, `${what}.key`), values: arr(r.values, str, `${what}.values`) };
}

function column(v: unknown, what: string): ColumnPreview {
  const r = rec(v, what);
  const name = str(r.name, `${what}.name`);
  const dtype = oneOf(r.dtype, ['number', 'boolean', 'date', 'string'] as const, `${what}.dtype`);
  switch (dtype) {
    case 'number':
    case 'date':
      if (!(r.values instanceof Float64Array)) fail(`${what}.values: not a Float64Array`);
      return { name, dtype, values: r.values };
    case 'boolean':
      if (!(r.values instanceof Uint8Array)) fail(`${what}.values: not a Uint8Array`);
      return { name, dtype, values: r.values };
    case 'string':
      return { name, dtype, values: arr(r.values, str, `${what}.values`) };
  }
}

function stats(v: unknown, what: string): NumericStats {
  const r = rec(v, what);
  const h = rec(r.histogram, `${what}.histogram`);
  const edges = arr(h.edges, num, `${what}.histogram.edges`);
  const counts = arr(h.counts, int, `${what}.histogram.counts`);
  if (counts.length > 0 && edges.length !== counts.length + 1)
    fail(`${what}.histogram: edges and counts disagree`);
  return {
    count: int(r.count, `${what}.count`),
    missing: int(r.missing, `${what}.missing`),
    mean: num(r.mean, `${what}.mean`),
    std: num(r.std, `${what}.std`),
    min: num(r.min, `${what}.min`),
    max: num(r.max, `${what}.max`),
    histogram: { edges, counts },
  };
}

function preview(v: unknown, what: string): ValuePreview {
  const r = rec(v, what);
  const kind = oneOf(r.kind, ['scalar', 'series', 'frame', 'tree', 'error'] as const, `${what}.kind`);
  switch (kind) {
    case 'scalar':
      return { kind, type: str(r.type, `${what}.type`), text: str(r.text, `${what}.text`) };
    case 'series':
      return compact({
        kind,
        length: int(r.length, `${what}.length`),
        column: column(r.column, `${what}.column`),
        stats: opt(r.stats, stats, `${what}.stats`),
        truncated: bool(r.truncated, `${what}.truncated`),
      });
    case 'frame':
      return {
        kind,
        rows: int(r.rows, `${what}.rows`),
        columns: arr(r.columns, column, `${what}.columns`),
        stats: dict(r.stats, stats, `${what}.stats`),
        truncated: bool(r.truncated, `${what}.truncated`),
      };
    case 'tree':
      return {
        kind,
        type: str(r.type, `${what}.type`),
        value: json(r.value, `${what}.value`),
        truncated: bool(r.truncated, `${what}.truncated`),
      };
    case 'error':
      return { kind, text: str(r.text, `${what}.text`) };
  }
}

function errorInfo(v: unknown, what: string): ErrorInfo {
  const r = rec(v, what);
  return compact({
    name: str(r.name, `${what}.name`),
    message: str(r.message, `${what}.message`),
    node: opt(r.node, str, `${what}.node`),
    stack: opt(r.stack, str, `${what}.stack`),
    file: opt(r.file, str, `${what}.file`),
    line: opt(r.line, int, `${what}.line`),
    column: opt(r.column, int, `${what}.column`),
  });
}

function validation(v: unknown, what: string): ValidationResult {
  const r = rec(v, what);
  return {
    node: str(r.node, `${what}.node`),
    validator: str(r.validator, `${what}.validator`),
    passes: bool(r.passes, `${what}.passes`),
    importance: oneOf(r.importance, ['warn', 'fail'] as const, `${what}.importance`),
    message: str(r.message, `${what}.message`),
  };
}

function savedFile(v: unknown, what: string): SavedFile {
  const r = rec(v, what);
  return { path: str(r.path, `${what}.path`), text: str(r.text, `${what}.text`) };
}

function event(data: unknown): WorkerEvent {
  const r = rec(data, 'message');
  const type = str(r.type, 'type');
  switch (type) {
    case 'ready':
      return { type, initMs: finite(r.initMs, 'initMs') };
    case 'compiled':
      return {
        type,
        id: int(r.id, 'id'),
        graph: nullable(r.graph, graph, 'graph'),
        variables: arr(r.variables, variable, 'variables'),
        configKeys: arr(r.configKeys, configKey, 'configKeys'),
        stale: bool(r.stale, 'stale'),
        diagnostics: arr(r.diagnostics, diagnostic, 'diagnostics'),
        timings: dict(r.timings, finite, 'timings'),
      };
    case 'node-started':
      return { type, runId: int(r.runId, 'runId'), node: str(r.node, 'node'), ...itemOf(r) };
    case 'node-finished':
      return {
        type,
        runId: int(r.runId, 'runId'),
        node: str(r.node, 'node'),
        durationMs: finite(r.durationMs, 'durationMs'),
        ...startOf(r),
        preview: preview(r.preview, 'preview'),
        ...itemOf(r),
      };
    case 'node-failed':
      return {
        type,
        runId: int(r.runId, 'runId'),
        node: str(r.node, 'node'),
        durationMs: finite(r.durationMs, 'durationMs'),
        ...startOf(r),
        error: errorInfo(r.error, 'error'),
        ...itemOf(r),
      };
    case 'console':
      return {
        type,
        runId: nullable(r.runId, int, 'runId'),
        level: oneOf(r.level, ['log', 'info', 'warn', 'error'] as const, 'level'),
        node: nullable(r.node, str, 'node'),
        text: str(r.text, 'text'),
      };
    case 'run-finished':
      return compact({
        type,
        runId: int(r.runId, 'runId'),
        ok: bool(r.ok, 'ok'),
        durationMs: finite(r.durationMs, 'durationMs'),
        results: dict(r.results, preview, 'results'),
        skipped: arr(r.skipped, str, 'skipped'),
        validations: arr(r.validations, validation, 'validations'),
        error: opt(r.error, errorInfo, 'error'),
        diagnostics: arr(r.diagnostics, diagnostic, 'diagnostics'),
        savedFiles: opt(r.savedFiles, (v, w) => arr(v, savedFile, w), 'savedFiles'),
      });
    case 'worker-restarted':
      return {
        type,
        reason: oneOf(r.reason, ['timeout', 'stopped', 'crashed'] as const, 'reason'),
        node: nullable(r.node, str, 'node'),
        message: str(r.message, 'message'),
      };
    default:
      return fail(`unknown message type`);
  }
}

/**
 * The event a message from the worker side carries, or null when it is not exactly a protocol event.
 * The result is a fresh object holding only the protocol's fields.
 */
export function parseWorkerMessage(data: unknown): WorkerEvent | null {
  try {
    return event(data);
  } catch (e) {
    if (e instanceof Invalid || e instanceof RangeError) return null;
    throw e;
  }
}

/** Why a message was rejected (for tests and the console), or null when it is valid. */
export function explainWorkerMessage(data: unknown): string | null {
  try {
    event(data);
    return null;
  } catch (e) {
    if (e instanceof Invalid) return e.message;
    throw e;
  }
}

/** The host-only notice a message carries, or null when it is not one. */
export function parseWorkerNotice(data: unknown): EvaluatingNotice | null {
  if (typeof data !== 'object' || data === null || (data as Rec).type !== 'evaluating') return null;
  try {
    return { type: 'evaluating', id: int((data as Rec).id, 'id'), done: bool((data as Rec).done, 'done') };
  } catch (e) {
    if (e instanceof Invalid) return null;
    throw e;
  }
}
