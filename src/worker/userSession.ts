/**
 * What the user-code worker does with requests: evaluates a bundled project, builds its graph, runs it.
 * It holds no compiler (the runtime worker bundles; a fresh user-code worker starts for every compile,
 * so its script stays small); session.ts adds bundling for Node (tests, the build-time first graph).
 *
 * Requests run one at a time in arrival order. A compile is obsolete as soon as a newer one has
 * arrived: it is skipped, or abandoned at its next step, and never answered.
 */
import {
  Builder,
  configKeysOf,
  HamiltonError,
  MemoryFileSystem,
  useFileSystem,
  type CacheBehavior,
  type Driver,
  type GraphDescription,
} from 'hamilton';
import { problemDiagnostics, skippedNodes } from './runProblems';
import { loadBundle, type Bundle, type BuiltProject } from './build';
import { describeError } from './errors';
import { failedCompile } from './answers';
import { formatConsole, type ConsoleLevel } from './console';
import { previewValue, RESULT_PREVIEW } from './preview';
import type {
  CompileRequest,
  Diagnostic,
  ErrorInfo,
  EvaluatingNotice,
  RunRequest,
  TextChunkEvent,
  TextChunkRequest,
  ValuePreview,
  WorkerEvent,
} from './protocol';
import type { UserTimers } from './timers';
import { outputsOf, ParsedTables, runInputs, sameTables, staleAfterEdit, staleNodesOf } from './liveRun';
import { SeededStores } from './seededStores';
import type { CacheIndex, CacheNews, PortableResult } from './userProtocol';
import { CutStrings } from './cutStrings';
import { nodeEvents, type ActiveRun } from './nodeEvents';

/** What the session needs from where it runs. */
export interface SessionEnv {
  /** Sends an event to the UI (or a notice to the host), transferring the given buffers. */
  post(event: WorkerEvent | EvaluatingNotice, transfer?: Transferable[]): void;
  now(): number;
  /** The timers of user code, when they can be tracked (see `trackUserTimers`). */
  readonly userTimers?: UserTimers;
}

/** A project that compiled: its driver and what maps its errors back to the user's files. */
interface Compiled {
  readonly driver: Driver;
  /** The driver whose dry run says what is stale when a run has the tables of the run before. */
  readonly staleness: () => Driver;
  readonly project: BuiltProject;
  readonly graph: GraphDescription;
}

/** The worker's state: the compiled project, the run in progress, the queue of requests. */
export class UserSession {
  private readonly env: SessionEnv;
  private queue: Promise<void> = Promise.resolve();
  private latestCompile = 0;
  private compiled: Compiled | null = null;
  /** Whether {@link Session.compiled} is the newest compile's project (runs refuse an older one). */
  private current = false;
  private activeRun: ActiveRun | null = null;
  private requests = 0;
  /** Milliseconds per step of the compile in progress. */
  private timings: Record<string, number> = {};
  /** Live mode: the stores drivers cache in (seeded from the runtime worker's cache), if any. */
  private cache: SeededStores | null = null;
  /** Live mode: the last run's request, which tells what a new version makes stale. */
  private lastRun: RunRequest | undefined;
  /** The strings the latest request cut, held so the page can fetch the rest. */
  private readonly cuts = new CutStrings();
  /** The requests' tables, parsed once per text. */
  private readonly tables = new ParsedTables();

  constructor(env: SessionEnv) {
    this.env = env;
  }

  /** Queues a request from the UI. */
  receive(request: CompileRequest | RunRequest): Promise<void> {
    this.requests++;
    if (request.type === 'compile') this.latestCompile = Math.max(this.latestCompile, request.id);
    const next = this.queue.then(() =>
      request.type === 'compile' ? this.compile(request) : this.run(request),
    );
    this.queue = next.catch((e: unknown) => this.console('error', ['hamilton worker: internal error', e]));
    return this.queue;
  }

  /** Sends console output, attributed to the node running, if any. */
  console(level: ConsoleLevel, args: readonly unknown[]): void {
    const run = this.activeRun;
    this.env.post({
      type: 'console',
      runId: run?.id ?? null,
      level,
      node: run?.running.at(-1) ?? null,
      ...formatConsole(args, this.cuts.cut),
    });
  }

  /** The next chunk of a string the latest request cut, or null when it was let go. */
  textChunk(request: TextChunkRequest): TextChunkEvent {
    return this.cuts.answer(request);
  }

  private obsolete(id: number): boolean {
    return id !== this.latestCompile;
  }

  /** Bundles a compile's files: only a session that holds a compiler can (see session.ts). */
  protected bundle(_files: CompileRequest['files']): Promise<Bundle> {
    return Promise.reject(
      new Error('the code runner has no compiler: it evaluates bundles only (compileBundled)'),
    );
  }

  private async compile(request: CompileRequest): Promise<void> {
    if (this.obsolete(request.id)) return;
    const t = this.env.now();
    const bundled = await this.bundle(request.files);
    if (this.obsolete(request.id)) return;
    this.evaluate(request, bundled, this.env.now() - t);
  }

  /**
   * Evaluates a project bundled elsewhere (the worker that holds esbuild) and builds its graph:
   * `bundleMs` is how long the bundling took there.
   */
  compileBundled(request: CompileRequest, bundled: Bundle, bundleMs: number, lastRun?: RunRequest): void {
    this.latestCompile = Math.max(this.latestCompile, request.id);
    this.lastRun = lastRun;
    this.evaluate(request, bundled, bundleMs);
  }

  /** Live mode: drivers are built over a cache seeded with what the runtime worker's cache knows. */
  useCache(index: CacheIndex): void {
    this.cache = new SeededStores(index);
  }

  /** Live mode: the runtime's cached results, before the first run. */
  seedCache(results: readonly PortableResult[]): void {
    this.cache?.seed(results);
  }

  /** Live mode: what runs added to the cache since the last call (null without a cache). */
  takeCacheNews(): CacheNews | null {
    return this.cache?.takeNews() ?? null;
  }

  private evaluate(request: CompileRequest, bundled: Bundle, bundleMs: number): void {
    const { now } = this.env;
    const built = loadBundle(bundled);
    const timings: Record<string, number> = { bundle: bundleMs };
    let t = now();
    const step = (name: string) => {
      const end = now();
      timings[name] = end - t;
      t = end;
    };
    this.timings = timings;
    // The compiler's own split of that step.
    timings.analyse = built.timings.analyse;
    timings.esbuild = built.timings.bundle;
    const diagnostics: Diagnostic[] = [...built.diagnostics];
    if (!built.built || diagnostics.some((d) => d.severity === 'error'))
      return this.fail(request.id, diagnostics);

    this.cuts.begin(request.id);
    this.env.post({ type: 'evaluating', id: request.id, done: false });
    // The previous version's timers go with it.
    this.env.userTimers?.clear();
    this.env.userTimers?.begin();
    try {
      this.evaluateAndBuild(request, built, diagnostics, step);
    } finally {
      this.env.userTimers?.end();
      this.env.post({ type: 'evaluating', id: request.id, done: true });
    }
  }

  /** The part of a compile that runs user code: module top-level code, decorators, graph building. */
  private evaluateAndBuild(
    request: CompileRequest,
    built: BuiltProject,
    diagnostics: Diagnostic[],
    step: (name: string) => void,
  ): void {
    const fail = (found: readonly Diagnostic[]) => this.fail(request.id, found);
    let modules: Record<string, object>;
    try {
      modules = built.evaluate();
    } catch (e) {
      return fail([...diagnostics, this.runtimeDiagnostic(built, e, 'evaluating the module')]);
    }
    step('evaluate');

    const { cache } = this;
    const build = (loaders: CacheBehavior) => {
      const builder = new Builder()
        .withConfig(request.config)
        .withModules(...Object.values(modules))
        .withAdapters(this.adapter(built))
        // Parallelizable/Collect blocks run their items concurrently inside the worker.
        .enableDynamicExecution({ allowExperimentalMode: true });
      const { metadataStore, resultStore } = cache ?? {};
      return (
        cache ? builder.withCache({ metadataStore, resultStore, defaultLoaderBehavior: loaders }) : builder
      ).build();
    };
    let driver: Driver;
    try {
      // Loaders read the workspace's tables, which the user edits: every run reads them again.
      driver = build('recompute');
    } catch (e) {
      return fail([...diagnostics, ...problemDiagnostics(e, 'graph')]);
    }
    const graph = driver.displayAllFunctions();
    const variables = driver.listAvailableVariables();
    for (const cycle of graph.cycles) {
      diagnostics.push({
        severity: 'error',
        source: 'graph',
        message: `Cycle: ${[...cycle, cycle[0]].join(' → ')}`,
        node: cycle[0],
      });
    }
    for (const warning of driver.warnings)
      diagnostics.push({ severity: 'warning', source: 'graph', message: warning });
    // What is stale when the tables are those of the run before: loaders would load what they loaded,
    // so they and what reads them count as retrieved (for that dry run only, loaders are `default`).
    let sameTablesDriver: Driver | undefined;
    const staleness = () => {
      try {
        sameTablesDriver ??= graph.nodes.some((n) => n.tags['hamilton.data_loader'] === 'true')
          ? build('default')
          : driver;
      } catch {
        // Module code that builds once and then throws: the dry run falls back to the run's driver.
        sameTablesDriver = driver;
      }
      return sameTablesDriver;
    };
    const staleNodes =
      this.cache && this.lastRun && staleAfterEdit(staleness(), graph, this.lastRun, this.tables);
    step('graph');
    this.compiled = { driver, staleness, project: built, graph };
    this.current = true;
    this.env.post({
      type: 'compiled',
      id: request.id,
      graph,
      variables,
      configKeys: configKeysOf(...Object.values(modules)),
      stale: false,
      diagnostics,
      timings: this.timings,
      ...(staleNodes && { staleNodes }),
    });
  }

  /** Answers a compile that produced no graph (the UI keeps showing the last good one, stale). */
  private fail(id: number, diagnostics: readonly Diagnostic[]): void {
    this.current = false;
    this.env.post(failedCompile(id, diagnostics, this.timings));
  }

  private runtimeDiagnostic(built: BuiltProject, thrown: unknown, during: string): Diagnostic {
    const info = describeError(thrown, built);
    return {
      severity: 'error',
      source: 'runtime',
      message: `${info.name} while ${during}: ${info.message}`,
      ...(info.file && { file: info.file, line: info.line, column: info.column }),
    };
  }

  /** The lifecycle adapter that streams node events of whichever run is active. */
  private adapter(built: BuiltProject) {
    return nodeEvents({ run: () => this.activeRun, env: this.env, built, cut: this.cuts.cut });
  }

  private async run(request: RunRequest): Promise<void> {
    const start = this.env.now();
    const finish = (
      fields: {
        ok: boolean;
        results?: Record<string, ValuePreview>;
        skipped?: string[];
        error?: ErrorInfo;
        diagnostics?: Diagnostic[];
      },
      transfer: ArrayBuffer[] = [],
    ) => {
      const savedFiles = files.savedFiles();
      this.env.post(
        {
          type: 'run-finished',
          runId: request.id,
          ok: fields.ok,
          durationMs: this.env.now() - start,
          results: fields.results ?? {},
          skipped: fields.skipped ?? [],
          validations: run?.validations ?? [],
          ...(fields.error && { error: fields.error }),
          diagnostics: fields.diagnostics ?? [],
          ...(savedFiles.length > 0 && { savedFiles }),
        },
        transfer,
      );
    };
    let run: ActiveRun | null = null;
    this.cuts.begin(request.id);
    // Data loaders read the run's tables as workspace files (`<table>.csv`); what savers write is
    // sent back with the results.
    const files = new MemoryFileSystem(
      Object.fromEntries(Object.entries(request.tables).map(([name, csv]) => [`${name}.csv`, csv])),
    );
    useFileSystem(files);
    const compiled = this.compiled;
    if (!compiled || !this.current) {
      return finish({
        ok: false,
        error: {
          name: 'Error',
          message: 'The project does not compile: fix the errors shown in the editor, then run again.',
        },
      });
    }

    let inputs: Record<string, unknown>;
    try {
      inputs = runInputs(request, this.tables);
    } catch (e) {
      return finish({ ok: false, error: describeError(e, compiled.project) });
    }
    const outputs = outputsOf(request, compiled.graph);
    const dryRun = sameTables(this.lastRun, request) ? compiled.staleness() : compiled.driver;
    const stale = this.cache ? staleNodesOf(dryRun, outputs, inputs, request.overrides) : undefined;
    this.lastRun = request;
    const reasons = new Map((stale ?? []).map((n) => [n.node, n.reasons]));
    run = { id: request.id, started: new Map(), startedAt: start, running: [], validations: [], reasons };
    this.activeRun = run;
    let values: Record<string, unknown> | undefined;
    let error: ErrorInfo | undefined;
    let thrown: unknown;
    this.env.userTimers?.clear();
    this.env.userTimers?.begin();
    this.env.post({ type: 'evaluating', id: request.id, done: false });
    try {
      values = (await compiled.driver.execute(outputs, { inputs, overrides: request.overrides })) as Record<
        string,
        unknown
      >;
    } catch (e) {
      thrown = e;
      error = describeError(e, compiled.project, this.cuts.cut);
      if (run.failed !== undefined) error = { ...error, node: run.failed };
    } finally {
      this.env.post({ type: 'evaluating', id: request.id, done: true });
      this.env.userTimers?.end();
      this.activeRun = null;
    }

    const results: Record<string, ValuePreview> = {};
    const transfer = new Set<ArrayBuffer>();
    if (values) {
      for (const name of outputs) {
        const preview = previewValue(values[name], RESULT_PREVIEW, name, this.cuts.cut);
        results[name] = preview.preview;
        for (const buffer of preview.transfer) transfer.add(buffer);
      }
    }
    const skipped = error
      ? skippedNodes(compiled.driver, outputs, inputs, request.overrides, run.started)
      : [];
    // A request refused before any node ran (missing inputs, unknown outputs): each problem at its
    // place, and a missing input marked on the graph.
    const refused = error !== undefined && run.started.size === 0 && thrown instanceof HamiltonError;
    const diagnostics: Diagnostic[] = refused
      ? problemDiagnostics(thrown, 'runtime')
      : error?.file
        ? [
            {
              severity: 'error',
              source: 'runtime',
              message: `${error.name}: ${error.message}`,
              file: error.file,
              line: error.line,
              column: error.column,
            },
          ]
        : [];
    finish({ ok: !error, results, skipped, ...(error && { error }), diagnostics }, [...transfer]);
  }
}
