/**
 * A workspace: everything a user has in the playground, and so everything a share link, the autosave
 * and a project export carry.
 */
import type { Json, SourceFile } from '../worker/protocol';

/** The workspace format's version; links and autosaves of a newer version are refused, not guessed. */
export const WORKSPACE_VERSION = 1;

/** Everything the user has: files, what to run and with what. */
export interface Workspace {
  /** The format's version: {@link WORKSPACE_VERSION}. */
  readonly version: number;
  /** The editor's tabs, in order. */
  readonly files: readonly SourceFile[];
  /** The tab shown. */
  readonly activeFile: string;
  /** Inputs as JSON. */
  readonly inputs: Readonly<Record<string, Json>>;
  /** Config as JSON. */
  readonly config: Readonly<Record<string, Json>>;
  /** Outputs to compute; empty means every sink. */
  readonly outputs: readonly string[];
  /**
   * True once the user picked the outputs. Outputs nobody picked (an example's) follow the code: a new
   * final node joins them. Picked or not, a name the code no longer has is left out of a run.
   */
  readonly outputsChosen?: boolean;
  /**
   * Table inputs: input name → CSV. A value starting with `data/` names a file the playground serves
   * (the examples' data sets, fetched by the UI); anything else is the CSV text itself.
   */
  readonly tables: Readonly<Record<string, string>>;
}
