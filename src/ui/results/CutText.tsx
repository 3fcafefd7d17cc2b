import { useContext, useState } from 'react';
import { TEXT_CHUNK_CHARS, type TextCut } from '../../worker/protocol';
import { PlaygroundContext } from '../state/hooks';

/**
 * A string the worker may have cut (a result, a console line, an error message): with a cut it shows
 * what came, how much is left out, and a "Show more" that asks the worker for the next chunk while it
 * still holds the string; once it does not (a newer run, a restart), it says so.
 */
export function CutText({ text, cut }: { readonly text: string; readonly cut?: TextCut }) {
  if (!cut) return <>{text}</>;
  // A new cut string starts folded again.
  return <Unfolding key={`${cut.request}.${cut.index}`} text={text} cut={cut} />;
}

type Fetch = 'idle' | 'asking' | 'let-go';

function Unfolding({ text, cut }: { readonly text: string; readonly cut: TextCut }) {
  const playground = useContext(PlaygroundContext);
  const [more, setMore] = useState('');
  const [fetch, setFetch] = useState<Fetch>('idle');
  const shown = cut.shown + more.length;
  const left = cut.total - shown;
  const showMore = () => {
    if (!playground) return;
    setFetch('asking');
    void playground.textChunk(cut, shown).then((chunk) => {
      if (!chunk || chunk.offset !== shown) return setFetch('let-go');
      setMore((m) => m + chunk.text);
      setFetch('idle');
    });
  };
  return (
    <>
      {text.slice(0, cut.shown)}
      {more}
      {left > 0 && (
        <span className="cut-more">
          {' '}
          <span className="muted">… ({left.toLocaleString('en')} more characters)</span>{' '}
          {fetch === 'let-go' ? (
            <span className="muted" role="status">
              The rest is no longer held: a newer run or a restart let it go. Run again to see it.
            </span>
          ) : (
            playground && (
              <button
                type="button"
                className="link-button"
                onClick={showMore}
                disabled={fetch === 'asking'}
                title={`The next ${Math.min(left, TEXT_CHUNK_CHARS).toLocaleString('en')} characters`}
              >
                Show more
              </button>
            )
          )}
        </span>
      )}
    </>
  );
}
