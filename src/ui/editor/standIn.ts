/**
 * The code the editor's read-only stand-in shows while Monaco loads: a few screens of it. Laying out a
 * 20,000-line file as one block of text would hold the page for a good part of a second, and nobody
 * reads that far before the editor is there.
 */
export const STAND_IN_LINES = 400;

/** The first `lines` lines of `code`, and a last line counting the rest when there is more. */
export function standInText(code: string, lines = STAND_IN_LINES): string {
  let end = -1;
  for (let i = 0; i < lines; i++) {
    end = code.indexOf('\n', end + 1);
    if (end < 0) return code;
  }
  let more = 0;
  for (let at = end; at >= 0 && at < code.length - 1; at = code.indexOf('\n', at + 1)) more++;
  return more
    ? `${code.slice(0, end + 1)}… ${more.toLocaleString('en-US')} more ${more === 1 ? 'line' : 'lines'} (shown once the editor has loaded)\n`
    : code;
}
