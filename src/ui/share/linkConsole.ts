/**
 * Code that came from a link is read before it runs: the banner says "Nothing has run". Its graph is
 * still drawn (the modules are evaluated in a sandboxed, disposable user-code worker), so what they
 * print there is withheld while that banner shows, and shown at the first Run (the session reducer
 * releases it then) or when the banner goes.
 */
import type { Playground } from '../state/playground';
import type { ShareController, ShareState } from './controller';

/**
 * Keeps module output withheld while the link banner shows, and makes the banner stop saying nothing
 * has run once a run starts; returns the unsubscribe.
 */
export function holdLinkConsole(share: ShareController, playground: Playground): () => void {
  const follow = (state: ShareState) =>
    playground.session.dispatch({
      type: state.banner?.kind === 'link' ? 'console-held' : 'console-released',
    });
  follow(share.state.get());
  const unsubscribeShare = share.state.subscribe(follow);
  // A new run (not one that was on screen before the link opened) is the user's Run.
  let lastRun = playground.session.get().run;
  const unsubscribeSession = playground.session.subscribe(() => {
    const { run } = playground.session.get();
    if (run && run !== lastRun && run.id !== lastRun?.id) share.linkRan();
    lastRun = run;
  });
  return () => {
    unsubscribeShare();
    unsubscribeSession();
  };
}
