/**
 * What the playground opens: the saved work is always resumed (what the editor held, the edits of
 * each example and step); then a share link in the URL, or an example named by `?example=`, is opened
 * on top of it, which keeps the saved work in History. A reload of the playground's own URL (which
 * always holds the work as a link) is the user's own work, never "a link". A broken link opens
 * nothing, with a message.
 */
import type { SavedWork } from '../../share/autosave';
import { initialWork, type Holding, type WorkState } from '../../share/history';
import { decodeLink } from '../../share/link';
import { defaultExample, exampleById } from '../../examples';
import { exampleHolding } from './work';

/** Where the opened workspace came from. */
export type Origin =
  | { readonly kind: 'autosave' }
  | { readonly kind: 'example' }
  | { readonly kind: 'link' }
  | { readonly kind: 'bad-link'; readonly message: string };

/** The state to resume, what to open on top of it, and why. */
export interface Opening {
  readonly resume: WorkState;
  readonly open: { readonly target: Holding; readonly fresh: boolean } | null;
  readonly origin: Origin;
}

/** Decides what to open for this URL. `reload`: the page was reloaded (its URL is its own). */
export function openingFor(url: URL, saved: SavedWork | null, reload: boolean): Opening {
  const resume: WorkState = saved
    ? { current: saved.current, edits: saved.edits, beforeTutorial: saved.beforeTutorial, history: [] }
    : initialWork(exampleHolding(defaultExample));
  const link = decodeLink(url.hash);
  if (link?.ok) {
    const own = JSON.stringify(link.workspace) === JSON.stringify(resume.current.workspace);
    if (own) return { resume, open: null, origin: { kind: 'autosave' } };
    const target: Holding = { key: 'own', title: 'Shared link', workspace: link.workspace };
    return {
      resume,
      open: { target, fresh: true },
      origin: reload ? { kind: 'autosave' } : { kind: 'link' },
    };
  }
  if (link) {
    return {
      resume,
      open: null,
      origin: { kind: 'bad-link', message: `This link could not be opened: ${link.message}.` },
    };
  }
  const example = exampleById(url.searchParams.get('example') ?? '');
  if (example)
    return { resume, open: { target: exampleHolding(example), fresh: false }, origin: { kind: 'example' } };
  return { resume, open: null, origin: { kind: saved ? 'autosave' : 'example' } };
}
