/**
 * The top-level exports of a module's text and the span each one covers, so a node's location (the
 * function literal, possibly inside a decorator call) can be traced back to the export that holds it:
 * `export const x = tag({...})(function x(...) {...})` → `x`. Statements are told apart by what starts a
 * line at column 1, as formatted code has it; a location outside every export span gives nothing.
 */

export interface ExportSpan {
  readonly name: string;
  /** Offsets: the `export` keyword, and the start of the next top-level statement (or the end). */
  readonly start: number;
  readonly end: number;
  /** The statement's text (for `export const`, the decorator calls around the function). */
  readonly text: string;
}

const STATEMENT =
  /^(?:export|import|const|let|var|function|async|class|type|interface|declare|enum|abstract|@|[A-Za-z_$][\w$]*\s*[.(=])/gm;
const EXPORT = /^export\s+(?:(?:async\s+)?function\s*\*?\s*|const\s+)([A-Za-z_$][\w$]*)/;

export function exportSpans(code: string): ExportSpan[] {
  const starts = [...code.matchAll(STATEMENT)].map((m) => m.index);
  const spans: ExportSpan[] = [];
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? code.length;
    const text = code.slice(start, end);
    const name = EXPORT.exec(text)?.[1];
    if (name) spans.push({ name, start, end, text });
  });
  return spans;
}

/** The export whose statement holds `offset`, if any. */
export function exportAt(spans: readonly ExportSpan[], offset: number): ExportSpan | undefined {
  return spans.find((s) => offset >= s.start && offset < s.end);
}
