/**
 * What the playground opens: a share link in the URL, else an example named by `?example=`, else the
 * autosaved work, else the default example. A broken link opens the default example with a message,
 * and never touches the autosave.
 */
import type { Autosave } from '../../share/autosave';
import { decodeLink } from '../../share/link';
import type { Workspace } from '../../share/workspace';
import { defaultExample, exampleById } from '../../examples';

/** Where the opened workspace came from. */
export type Origin =
  | { readonly kind: 'autosave' }
  | { readonly kind: 'example'; readonly title: string }
  | { readonly kind: 'link' }
  | { readonly kind: 'bad-link'; readonly message: string };

/** The workspace to open and why. */
export interface Opening {
  readonly workspace: Workspace;
  readonly origin: Origin;
}

const same = (a: Workspace, b: Workspace | null) => JSON.stringify(a) === JSON.stringify(b);

/** Decides what to open for this URL. */
export function openingFor(url: URL, autosave: Pick<Autosave, 'saved'>): Opening {
  const saved = autosave.saved();
  const link = decodeLink(url.hash);
  if (link?.ok) {
    // The playground keeps its own URL up to date; reloading it is reopening one's own work.
    return {
      workspace: link.workspace,
      origin: same(link.workspace, saved) ? { kind: 'autosave' } : { kind: 'link' },
    };
  }
  if (link) {
    return {
      workspace: defaultExample.workspace,
      origin: { kind: 'bad-link', message: `This link could not be opened: ${link.message}.` },
    };
  }
  const example = exampleById(url.searchParams.get('example') ?? '');
  if (example) return { workspace: example.workspace, origin: { kind: 'example', title: example.title } };
  if (saved) return { workspace: saved, origin: { kind: 'autosave' } };
  return { workspace: defaultExample.workspace, origin: { kind: 'example', title: defaultExample.title } };
}
