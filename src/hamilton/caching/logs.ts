/**
 * The cache's event log (Hamilton's `CachingEvent`s): every decision the cache takes, per run, with
 * Hamilton's event names. The `info` level keeps only what happened to each node (`GET_RESULT`,
 * `EXECUTE_NODE`); `debug` keeps everything.
 */

/** Hamilton's `CachingEventType`s, by their enum names. */
export type CachingEventType =
  | 'GET_DATA_VERSION'
  | 'SET_DATA_VERSION'
  | 'GET_CACHE_KEY'
  | 'SET_CACHE_KEY'
  | 'GET_RESULT'
  | 'SET_RESULT'
  | 'MISSING_RESULT'
  | 'FAILED_RETRIEVAL'
  | 'EXECUTE_NODE'
  | 'FAILED_EXECUTION'
  | 'RESOLVE_BEHAVIOR'
  | 'UNHASHABLE_DATA_VERSION'
  | 'IS_OVERRIDE'
  | 'IS_INPUT'
  | 'IS_FINAL_VAR';

/** Who logged an event. */
export type CachingActor = 'adapter' | 'metadata_store' | 'result_store';

/** One event of the cache's log. */
export interface CachingEvent {
  /** The run it belongs to. */
  readonly runId: string;
  /** The part of the cache that logged it. */
  readonly actor: CachingActor;
  /** What happened. */
  readonly eventType: CachingEventType;
  /** The node it is about. */
  readonly nodeName: string;
  /** The parallel task (Hamilton's task id) of a node run for one item of a parallel block; else null. */
  readonly taskId: string | null;
  /** A note (for example why a value is not cached). */
  readonly msg: string | null;
  /** A small value: a data version, a cache key, a behaviour. */
  readonly value: string | null;
  /** When, in milliseconds since the epoch. */
  readonly timestamp: number;
}

/** `info`: only retrievals and executions; `debug`: every event. */
export type CacheLogLevel = 'info' | 'debug';

/** Options of `dr.cache.logs`. */
export interface CacheLogOptions {
  /** Default `info`. */
  readonly level?: CacheLogLevel;
  /** A run's events grouped by node; without it, every run's events by run id. */
  readonly runId?: string;
}

const INFO: ReadonlySet<CachingEventType> = new Set(['GET_RESULT', 'EXECUTE_NODE']);

/** Events of a run: the per-run log of the cache. */
export class CacheLog {
  private readonly runs = new Map<string, CachingEvent[]>();

  /** Starts the log of a run. */
  open(runId: string): void {
    this.runs.set(runId, []);
  }

  /** Whether the run has a log (a run in stages opens it at its first stage). */
  has(runId: string): boolean {
    return this.runs.has(runId);
  }

  /** Appends an event to its run. */
  add(
    runId: string,
    actor: CachingActor,
    eventType: CachingEventType,
    nodeName: string,
    value?: string,
    msg?: string,
    taskId: string | null = null,
  ): void {
    this.runs.get(runId)?.push({
      runId,
      actor,
      eventType,
      nodeName,
      taskId,
      msg: msg ?? null,
      value: value ?? null,
      timestamp: Date.now(),
    });
  }

  /** The events of one run, in order (empty for an unknown run). */
  events(runId: string): readonly CachingEvent[] {
    return this.runs.get(runId) ?? [];
  }

  /** The run ids, oldest first. */
  runIds(): string[] {
    return [...this.runs.keys()];
  }

  /** One run's events by node name, or every run's events by run id, at `level`. */
  select(options: CacheLogOptions): Record<string, CachingEvent[]> {
    const keep = (e: CachingEvent) => options.level === 'debug' || INFO.has(e.eventType);
    const out: Record<string, CachingEvent[]> = {};
    if (options.runId !== undefined) {
      for (const e of this.events(options.runId)) if (keep(e)) (out[e.nodeName] ??= []).push(e);
      return out;
    }
    for (const [runId, events] of this.runs) {
      const kept = events.filter(keep);
      if (kept.length) out[runId] = kept;
    }
    return out;
  }
}
