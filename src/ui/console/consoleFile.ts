/**
 * The console as a text file: every line the console holds, with the lines a count line stands for
 * fetched from the worker that withheld them (a bounded chunk at a time) and put in its place.
 */
import type { ConsoleLine, ConsoleLinesEvent, ConsoleWithheld } from '../../worker/protocol';
import type { ConsoleEntry } from '../state/session';

/** Asks the worker for withheld lines from `from` (the playground's `consoleLines`). */
export type FetchLines = (withheld: ConsoleWithheld, from: number) => Promise<ConsoleLinesEvent['chunk']>;

/** One line of the file: level, where it was printed, text. */
export function fileLine(line: ConsoleLine): string {
  return `[${line.level}] ${line.node ?? 'module'}: ${line.text}\n`;
}

/** The withheld lines of one count line, as file text, saying what is missing. */
async function withheldText(withheld: ConsoleWithheld, fetch: FetchLines, out: string[]): Promise<void> {
  let got = 0;
  for (let from: number | null = 0; from !== null;) {
    const chunk = await fetch(withheld, from);
    if (!chunk) {
      out.push(
        `… ${(withheld.kept - got).toLocaleString('en')} withheld lines are no longer held (a newer run or a restart let them go) …\n`,
      );
      return;
    }
    out.push(chunk.lines.map(fileLine).join(''));
    got += chunk.lines.length;
    from = chunk.next;
  }
  if (withheld.kept < withheld.count)
    out.push(
      `… the first ${withheld.kept.toLocaleString('en')} of ${withheld.count.toLocaleString('en')} withheld lines are above; the rest were over what the worker keeps …\n`,
    );
}

/** The file's text, in parts (for a Blob): each entry, a count line's withheld lines in its place. */
export async function consoleFile(entries: readonly ConsoleEntry[], fetch: FetchLines): Promise<string[]> {
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.withheld) await withheldText(entry.withheld, fetch, out);
    else out.push(fileLine(entry));
  }
  return out;
}

/** Count lines whose lines the worker could not keep all of: "the first N of M withheld lines". */
export function overflowNote(entries: readonly ConsoleEntry[]): string | null {
  const over = entries.find((e) => e.withheld && e.withheld.kept < e.withheld.count)?.withheld;
  return over
    ? `The file holds the first ${over.kept.toLocaleString('en')} of ${over.count.toLocaleString('en')} withheld lines.`
    : null;
}
