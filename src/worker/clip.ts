/**
 * Strings are cut to a budget in the worker, before they cross to the page: one 200 MB string in a
 * result, an error message or a console line would otherwise be copied into the page and could take
 * its renderer down.
 */

/** The longest string any message to the page carries. */
export const MAX_MESSAGE_CHARS = 100_000;

/** `text` cut to `max` characters, saying how many were left out. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en')} more characters)`;
}
