/**
 * Between the worker that talks to the page (it holds esbuild and the page's port) and the worker that
 * runs user code, which it starts, times and replaces. Nothing from the user-code worker is trusted:
 * what it sends is checked (`parseFromUser`) against the schemas below and the page's own, and its
 * events are matched to the request asked. What the runtime worker sends it is trusted, so it is
 * typed only.
 */
import * as v from 'valibot';
import type { CacheEntry } from 'hamilton';
import type { Bundle } from './build';
import {
  EvaluatingNoticeSchema,
  WorkerEventSchema,
  type EvaluatingNotice,
  type CompileRequest,
  type HeldRequest,
  type MessageOf,
  type RunRequest,
  type WorkerEvent,
} from './protocol';
import { check } from './validate';

/**
 * The first message to a user-code worker, before any user code runs in it: the private port every
 * other message goes through. User code can post with `self.postMessage` and listen on `self`, but
 * cannot reach this port, so it can neither forge the runtime's answers nor read its requests.
 */
export interface UserConnect {
  readonly kind: 'connect';
  readonly port: MessagePort;
}

/**
 * What the user-code worker is asked over its port: load a bundled project, run it, say it is idle, warm
 * up, or send more of what it holds (a string it cut, console lines it withheld).
 */
export type ToUserWorker =
  | {
      readonly kind: 'evaluate';
      readonly request: CompileRequest;
      readonly bundle: Bundle;
      readonly bundleMs: number;
      /** The workspace's cache metadata, kept by the runtime worker across compiles. */
      readonly cache: CacheIndex;
      /** The last run's request, to tell which nodes this version makes stale. */
      readonly lastRun?: RunRequest;
    }
  | {
      readonly kind: 'run';
      readonly request: RunRequest;
      /** Cached results (portable values) of this graph's nodes, on the worker's first run. */
      readonly results?: readonly PortableResult[];
    }
  | { readonly kind: 'ping'; readonly seq: number }
  /** To the spare while idle, before any user code: run our warm-up project (`userWarmUp.ts`), answer nothing. */
  | { readonly kind: 'warm-up'; readonly bundle: Bundle }
  /** More of what the worker holds: a string it cut, console lines it withheld (answered at once). */
  | { readonly kind: 'held'; readonly request: HeldRequest };

const PortableResultSchema = v.tuple([v.string(), v.unknown()]);

/** A cached result by data version, as a portable value (`hamilton/caching/portable.ts`). */
export type PortableResult = MessageOf<typeof PortableResultSchema>;

const CacheEntrySchema = v.object({
  nodeName: v.string(),
  codeVersion: v.string(),
  dependencies: v.record(v.string(), v.string()),
  dataVersion: v.string(),
  runId: v.string(),
});

/** Fails `tsc` when the library's cache entry gains or loses a field the schema does not have. */
export const CACHE_ENTRY_SCHEMA_MATCHES_THE_LIBRARY: CacheEntry extends MessageOf<typeof CacheEntrySchema>
  ? MessageOf<typeof CacheEntrySchema> extends CacheEntry
    ? true
    : false
  : false = true;

const CacheEntriesSchema = v.array(v.tuple([v.string(), CacheEntrySchema]));

/** What the runtime worker's cache knows: every entry, and which data versions it holds a result for. */
export interface CacheIndex {
  readonly entries: MessageOf<typeof CacheEntriesSchema>;
  readonly versions: readonly string[];
}

const CacheNewsSchema = v.object({
  kind: v.literal('cache-news'),
  entries: CacheEntriesSchema,
  results: v.array(PortableResultSchema),
});

/** What a run added to the cache, sent before its `run-finished`. */
export type CacheNews = MessageOf<typeof CacheNewsSchema>;

const UserPongSchema = v.object({ kind: v.literal('pong'), seq: v.number() });

/** An idle user-code worker's answer to a ping. */
export type UserPong = MessageOf<typeof UserPongSchema>;

/** What the user-code worker sends: protocol events and pongs and cache news. */
export type FromUserWorker = WorkerEvent | EvaluatingNotice | UserPong | CacheNews;

const FromUserWorkerSchema = v.union([
  UserPongSchema,
  CacheNewsSchema,
  EvaluatingNoticeSchema,
  WorkerEventSchema,
]);

/** What a message from the user-code worker carries, or null when it is none of the above. */
export function parseFromUser(data: unknown): FromUserWorker | null {
  const result = check(FromUserWorkerSchema, data);
  return result.ok ? result.value : null;
}
