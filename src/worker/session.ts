/**
 * A session that bundles its own compiles with the esbuild it is given: Node (tests, benchmarks, the
 * build-time first graph). In the browser the runtime worker bundles, and the user-code worker runs a
 * {@link UserSession}, which holds no compiler.
 */
import { bundle, type Bundle, type Esbuild } from './build';
import type { CompileRequest } from './protocol';
import { UserSession, type SessionEnv as UserSessionEnv } from './userSession';

/** What the session needs from where it runs; without `esbuild` it evaluates bundles only. */
export interface SessionEnv extends UserSessionEnv {
  readonly esbuild?: Esbuild;
}

/** A {@link UserSession} that also compiles: `receive` takes compile requests of source files. */
export class Session extends UserSession {
  private readonly esbuild: Esbuild | undefined;

  constructor(env: SessionEnv) {
    super(env);
    this.esbuild = env.esbuild;
  }

  protected override bundle(files: CompileRequest['files']): Promise<Bundle> {
    return this.esbuild ? bundle(this.esbuild, files) : super.bundle(files);
  }
}
