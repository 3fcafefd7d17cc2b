/**
 * Strings are cut to a budget in the worker, before they cross to the page: one 200 MB string in a
 * result, an error message or a console line would otherwise be copied into the page and could take
 * its renderer down. The worker that cut a string may hold on to it (`cutStrings.ts`), so the page can
 * ask for the rest a chunk at a time.
 */
import type { TextCut } from './protocol';

/** The longest string any message to the page carries. */
export const MAX_MESSAGE_CHARS = 100_000;

/** `text` cut to `max` characters, saying how many were left out. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en')} more characters)`;
}

/** A string cut to a budget: the text that crosses, and where the rest can be fetched, when it is held. */
export interface Clipped {
  readonly text: string;
  readonly cut?: TextCut;
}

/** Cuts strings to a budget; a worker that holds on to the whole string says where to fetch the rest. */
export type Cutter = (text: string, max: number) => Clipped;

/** Cuts and holds nothing (the rest is lost). */
export const clipOnly: Cutter = (text, max) => ({ text: clipText(text, max) });
