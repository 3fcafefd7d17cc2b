/**
 * Thrown values made plain for the UI, with stacks mapped back through the bundle's source map to the
 * user's files, so the editor can mark the line.
 */
import { HamiltonError } from 'hamilton';
import type { BuiltProject, UserPosition } from './build';
import type { ErrorInfo } from './protocol';
import { clipOnly, clipText, type Cutter } from './clip';

/** Frames kept of a mapped stack (unbounded recursion has thousands). */
/** Characters of a line of a stack's message part. */
const STACK_LINE_CHARS = 1000;
/** Frames kept of a mapped stack (unbounded recursion has thousands). */
const MAX_FRAMES = 12;

/** `at f (hamilton-bundle.js:12:5)`, `at blob:null/…:12:5`. */
const FRAME = /^(\s*at (?:(.*?) \()?)(.*?):(\d+):(\d+)(\)?)$/;

/**
 * Only the bundle's frames are the user's. The worker's own code (the library among it) also runs from
 * a `blob:` URL; mapped through the bundle's source map, its frames would point at unrelated lines.
 */
function isBundleUrl(url: string, built: BuiltProject): boolean {
  return url === built.bundleName || url.endsWith(`/${built.bundleName}`);
}

/** Characters of a stack read: its start (the message) and its end (the frames) when it is longer. */
const STACK_CHARS = 200_000;

/**
 * Whether the error is a stack overflow. Its top frame is the entry of the function that could not be
 * entered (V8 places it at the function's parameter list); the place to show is the call that
 * overflowed, in the frame below.
 */
function isStackOverflow(e: Error): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * The stack with bundle positions replaced by the user's, keeping only frames in user code; `top` is
 * the first user frame (the second, when `skipEntry` and there is one).
 */
function mapStack(
  whole: string,
  built: BuiltProject,
  skipEntry: boolean,
): { stack: string; top: UserPosition | null } {
  // A stack repeats the message: a huge message is not split into lines, only its ends are read.
  const stack =
    whole.length > STACK_CHARS ? `${whole.slice(0, 1000)}\n${whole.slice(-STACK_CHARS / 2)}` : whole;
  const lines = stack.split('\n');
  const out: string[] = [];
  let top: UserPosition | null = null;
  let entry: UserPosition | null = null;
  let frames = 0;
  for (const line of lines) {
    const m = FRAME.exec(line);
    if (!m) {
      // The stack repeats the message: cut it as the message is.
      if (frames === 0 && !line.trimStart().startsWith('at ')) out.push(clipText(line, STACK_LINE_CHARS));
      continue;
    }
    const [, , fn, url, l, c] = m;
    if (!isBundleUrl(url, built)) continue;
    const p = built.originalPosition(Number(l), Number(c));
    if (!p) continue;
    if (skipEntry && entry === null) entry = p;
    else top ??= p;
    if (frames++ < MAX_FRAMES)
      out.push(`    at ${fn ? `${fn} (` : ''}${p.file}:${p.line}:${p.column}${fn ? ')' : ''}`);
  }
  if (frames > MAX_FRAMES) out.push(`    … ${frames - MAX_FRAMES} more frames`);
  return { stack: out.join('\n'), top: top ?? entry };
}

function nonErrorText(thrown: unknown): string {
  if (typeof thrown === 'string') return JSON.stringify(clipText(thrown, MESSAGE_CHARS));
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}

/** Characters of an error's message. */
const MESSAGE_CHARS = 10_000;

/**
 * An {@link ErrorInfo} for anything thrown, including non-Error values, its message cut to a budget.
 * Reading a thrown value runs user code (getters, proxies): if that throws too, the error says so.
 */
export function describeError(
  thrown: unknown,
  built: BuiltProject | null,
  cut: Cutter = clipOnly,
): ErrorInfo {
  try {
    const info = describeThrown(thrown, built);
    const message = cut(info.message, MESSAGE_CHARS);
    return { ...info, message: message.text, ...(message.cut && { messageCut: message.cut }) };
  } catch {
    return {
      name: 'Error',
      message: 'a value was thrown that could not be read (its getters or proxy throw)',
    };
  }
}

function describeThrown(thrown: unknown, built: BuiltProject | null): ErrorInfo {
  if (!(thrown instanceof Error)) {
    return { name: 'NonErrorThrown', message: `a non-Error value was thrown: ${nonErrorText(thrown)}` };
  }
  const name = typeof thrown.name === 'string' ? thrown.name : 'Error';
  const message = typeof thrown.message === 'string' ? thrown.message : String(thrown.message);
  // A library error may wrap the user's: when its own stack has no user line, its cause's may.
  const cause = (thrown as { cause?: unknown }).cause;
  let stack: ReturnType<typeof mapStack> | null = null;
  for (const e of [thrown, cause]) {
    if (!built || !(e instanceof Error) || typeof e.stack !== 'string') continue;
    const mapped = mapStack(e.stack, built, isStackOverflow(e));
    stack ??= mapped;
    if (mapped.top) {
      stack = mapped;
      break;
    }
  }
  if (stack?.top)
    return {
      name,
      message,
      stack: stack.stack,
      file: stack.top.file,
      line: stack.top.line,
      column: stack.top.column,
    };
  const located = thrown instanceof HamiltonError ? thrown.location : undefined;
  if (located) return { name, message, file: located.file, line: located.line, column: located.column };
  return { name, message };
}
