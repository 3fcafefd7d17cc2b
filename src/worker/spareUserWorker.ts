/**
 * The next compile's user-code worker, started ahead so a compile does not wait for a cold worker.
 * Each compile still gets a realm no user code has touched: the spare has only run our own warm-up
 * project, which compiles and optimises the library's code before the user's arrives.
 */
import { bundle, type Bundle } from './build';
import type { SupervisorEnv, UserWorker } from './supervisor';
import { WARM_UP_COMPILE } from './userWarmUp';

/** How long the supervisor must have been idle before the spare warms up (it then works for a while). */
export const WARM_UP_IDLE_MS = 30;
/** The sequence number of the ping that asks whether the spare has started (the supervisor's start at 1). */
const STARTED_PING = 0;

export class SpareUserWorker {
  private spare: UserWorker | null = null;
  /** Whether {@link spare} has been sent the warm-up. */
  private warmed = false;
  /** The warm-up project, bundled once. */
  private warmUpBundle: Promise<Bundle | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `busy`: whether a request is in flight (the warm-up waits for idleness). */
  constructor(
    private readonly env: Pick<SupervisorEnv, 'esbuild' | 'spawn'>,
    private readonly busy: () => boolean,
  ) {}

  /** The next worker: the spare, warm, or a new one. */
  take(): UserWorker {
    const worker = this.spare ?? this.env.spawn();
    this.spare = null;
    this.warmed = false;
    return worker;
  }

  /** Starts the next compile's worker while nothing runs, so it is ready when the user types. */
  prepare(): void {
    this.spare ??= this.env.spawn();
  }

  /** A request arrived: a warm-up not yet started waits for the next idle moment. */
  postpone(): void {
    clearTimeout(this.timer);
  }

  /**
   * Once no request has come for {@link WARM_UP_IDLE_MS}, the spare is started (if the last compile took
   * it) and runs the warm-up project. (Not at once: starting a worker and warming it up would compete
   * for the processor with the run an edit's compile starts.)
   *
   * The warm-up goes only once the spare has started and answered a ping. On a busy machine a worker
   * takes 100 ms and more to start; a warm-up queued before then would run a step of its own ahead of
   * the edit's project, queued behind it by a compile that took the spare meanwhile.
   */
  warmWhenIdle(): void {
    clearTimeout(this.timer);
    if (this.spare && this.warmed) return;
    this.timer = setTimeout(() => {
      if (this.busy() || (this.spare && this.warmed)) return;
      this.prepare();
      const spare = this.spare!;
      this.warmed = true;
      this.warmUpBundle ??= bundle(this.env.esbuild, WARM_UP_COMPILE.files).then(
        (b) => (b.code === undefined ? null : b),
        () => null,
      );
      const warmUp = this.warmUpBundle;
      // A compile that takes the spare sets its own handler: a pong after that is never seen here.
      spare.onmessage = (data) => {
        if ((data as { kind?: unknown } | null)?.kind !== 'pong') return;
        spare.onmessage = null;
        void warmUp.then((b) => {
          if (b && spare === this.spare) spare.post({ kind: 'warm-up', bundle: b });
        });
      };
      spare.post({ kind: 'ping', seq: STARTED_PING });
    }, WARM_UP_IDLE_MS);
  }
}
