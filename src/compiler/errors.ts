/**
 * Runtime errors point into the bundle; the user wrote TypeScript files. This maps a thrown value's
 * stack through the bundle's source map (from {@link bundleProject}) back to file, line and column.
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { SourceLocation } from '../hamilton/source';

/** A thrown value made plain, with positions in the user's files (the shape of the protocol's `ErrorInfo`). */
export interface MappedError {
  readonly name: string;
  readonly message: string;
  /** The stack with every bundle position replaced by `file:line:column`; causes appended. */
  readonly stack?: string;
  /** The innermost position in the user's files: the first mapped frame of the error, else of its causes. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

let cached: { readonly text: string; readonly map: TraceMap } | undefined;

function traceMap(map: string): TraceMap {
  if (cached?.text !== map) cached = { text: map, map: new TraceMap(map) };
  return cached.map;
}

/**
 * Where a 1-based position of the bundle comes from in the user's files, or undefined when it comes
 * from no file (the bundler's own helpers).
 */
export function mapPosition(map: string, line: number, column: number): SourceLocation | undefined {
  const original = originalPositionFor(traceMap(map), { line, column: column - 1 });
  if (original.source === null || original.source.startsWith('<') || original.source.includes(':'))
    return undefined;
  return { file: original.source, line: original.line, column: original.column + 1 };
}

/**
 * Maps a thrown value. `bundleNames` is how the bundle may appear in stacks: its `sourceURL` name
 * (`hamilton-bundle.js` by default) and/or the URL it was loaded from (`blob:…`, `data:…`); engines
 * and stack-rewriting tools differ in which one they print, so pass both.
 */
export function mapError(
  error: unknown,
  map: string | undefined,
  bundleNames: string | readonly string[],
): MappedError {
  const names = typeof bundleNames === 'string' ? [bundleNames] : bundleNames;
  const pattern = names.length > 0 ? framePattern(names) : undefined;
  let first: SourceLocation | undefined;
  const mapStack = (stack: string): string => {
    if (!map || !pattern) return stack;
    return stack.replace(pattern, (whole, line: string, column: string) => {
      const position = mapPosition(map, Number(line), Number(column));
      if (!position) return whole;
      first ??= position;
      return `${position.file}:${position.line}:${position.column}`;
    });
  };

  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    if (e.stack) parts.push((parts.length > 0 ? 'Caused by: ' : '') + mapStack(e.stack));
  }
  const { name, message } = describe(error);
  return {
    name,
    message,
    ...(parts.length > 0 ? { stack: parts.join('\n') } : {}),
    ...(first ?? {}),
  };
}

function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  let message: string;
  try {
    message = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    message = String(error);
  }
  return { name: typeof error, message };
}

/** `<bundle name>:<line>:<column>`, as every engine writes a stack position. */
function framePattern(bundleNames: readonly string[]): RegExp {
  const escaped = bundleNames.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:${escaped.join('|')}):(\\d+):(\\d+)`, 'g');
}
