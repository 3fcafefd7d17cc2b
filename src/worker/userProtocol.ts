/**
 * Between the worker that talks to the page (it holds esbuild and the page's port) and the worker that
 * runs user code, which it starts, times and replaces. Nothing from the user-code worker is trusted:
 * its events pass the page's own check (`parseWorkerMessage`) and are matched to the request asked.
 */
import type { CacheEntry } from 'hamilton';
import type { Bundle } from './build';
import type { CompileRequest, HeldRequest, RunRequest, WorkerEvent } from './protocol';

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
 * What the user-code worker is asked over its port: load a bundled project, run it, say it is idle, or
 * send more of what it holds (a string it cut, console lines it withheld).
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
  /** More of what the worker holds: a string it cut, console lines it withheld (answered at once). */
  | { readonly kind: 'held'; readonly request: HeldRequest };

/** A cached result by data version, as a portable value (`hamilton/caching/portable.ts`). */
export type PortableResult = readonly [dataVersion: string, value: unknown];

/** What the runtime worker's cache knows: every entry, and which data versions it holds a result for. */
export interface CacheIndex {
  readonly entries: readonly (readonly [cacheKey: string, entry: CacheEntry])[];
  readonly versions: readonly string[];
}

/** What a run added to the cache, sent before its `run-finished`. */
export interface CacheNews {
  readonly kind: 'cache-news';
  readonly entries: readonly (readonly [cacheKey: string, entry: CacheEntry])[];
  readonly results: readonly PortableResult[];
}

/** An idle user-code worker's answer to a ping. */
export interface UserPong {
  readonly kind: 'pong';
  readonly seq: number;
}

/** What the user-code worker sends: protocol events (checked on arrival) and pongs. */
export type FromUserWorker = WorkerEvent | UserPong | CacheNews;
