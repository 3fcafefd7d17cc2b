/** Console output of user code: captured, and made one line of text the way a browser console prints it. */
import { previewValue, NODE_PREVIEW } from './preview';
import { clipOnly, type Clipped, type Cutter } from './clip';

function formatOne(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error)
    return value.stack && value.stack.includes(value.message)
      ? value.stack
      : `${value.name}: ${value.message}`;
  const { preview } = previewValue(value, NODE_PREVIEW);
  switch (preview.kind) {
    case 'scalar':
    case 'error':
      return preview.text;
    case 'tree':
      return JSON.stringify(preview.value);
    case 'series':
      return `Series(${preview.length}, ${preview.column.dtype})`;
    case 'frame':
      return `DataFrame(${preview.rows} rows × ${preview.columns.length} columns: ${preview.columns.map((c) => c.name).join(', ')})`;
  }
}

/** Characters of one console line. */
export const CONSOLE_LINE_CHARS = 10_000;

/**
 * Joins console arguments with spaces, cut to {@link CONSOLE_LINE_CHARS} by `cut` (which may hold the
 * whole line). One string argument is the line itself, not a copy of it.
 */
export function formatConsole(args: readonly unknown[], cut: Cutter = clipOnly): Clipped {
  const line = args.length === 1 ? formatOne(args[0]) : args.map(formatOne).join(' ');
  return cut(line, CONSOLE_LINE_CHARS);
}

/** The console methods captured. */
export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error';

const LEVELS: readonly ConsoleLevel[] = ['log', 'info', 'warn', 'error'];

/** Sends `console.log/info/warn/error` to `sink` instead; returns what undoes it. */
export function captureConsole(
  target: Console,
  sink: (level: ConsoleLevel, args: readonly unknown[]) => void,
): () => void {
  const saved = LEVELS.map((level) => [level, target[level]] as const);
  for (const level of LEVELS) target[level] = (...args: unknown[]) => sink(level, args);
  return () => {
    for (const [level, method] of saved) target[level] = method;
  };
}
