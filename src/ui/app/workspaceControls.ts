/**
 * Where the share, example and tutorial parts plug into the shell: the Examples menu's entries, a side panel (the tutorial),
 * and the Share button's behaviour. The shell renders whatever it is given here and nothing else.
 */
import type { ReactNode } from 'react';
import type { Example } from '../../examples';
import type { Workspace } from '../../share/workspace';

export interface WorkspaceControls {
  /** The Examples menu, in order. */
  readonly examples?: readonly Example[];
  /** What picking an example does (keeping the current work first); absent: the workspace is replaced. */
  readonly openExample?: (example: Example) => void;
  /** Whether the page keeps the user's edits of an example (the menu marks it). */
  readonly exampleEdited?: (example: Example) => boolean;
  /** A panel shown beside the editor (e.g. the tutorial); absent: none. */
  readonly sidePanel?: ReactNode;
  /** What Share does; without it the button says sharing is unavailable. */
  readonly onShare?: (workspace: Workspace) => void | Promise<void>;
  /** Extra header buttons before Share (Download project, Tutorial). */
  readonly headerActions?: ReactNode;
  /** Banners under the header (opened from a link, restore previous work). */
  readonly banner?: ReactNode;
}
