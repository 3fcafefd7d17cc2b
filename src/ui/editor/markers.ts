/** Editor markers for everything the worker reports with a place in the code. */
import type { Diagnostic } from '../../worker/protocol';
import { monaco } from './monaco';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

/** Markers for one model from the diagnostics that name its file (no line: the first line). */
export function markersFor(
  file: string,
  diagnostics: readonly Diagnostic[],
  model: monaco.editor.ITextModel,
): monaco.editor.IMarkerData[] {
  return diagnostics
    .filter((d) => d.file === file)
    .map((d) => {
      const line = Math.min(Math.max(1, d.line ?? 1), model.getLineCount());
      const column = d.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1;
      const endLine = d.endLine ?? line;
      const endColumn =
        d.endColumn ??
        (d.column ? model.getWordAtPosition({ lineNumber: line, column })?.endColumn : undefined) ??
        model.getLineMaxColumn(endLine);
      return {
        severity: SEVERITY[d.severity],
        message: d.node ? `${d.message} (node ${d.node})` : d.message,
        source: `hamilton ${d.source}`,
        startLineNumber: line,
        startColumn: column,
        endLineNumber: endLine,
        endColumn: Math.max(endColumn, column + 1),
      };
    });
}
