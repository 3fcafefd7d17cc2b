/**
 * Finds where each parameter of a function is written, from the function's location: enough for
 * putting an edge's type error on the parameter that receives it. (The graph description carries the
 * function's place; scanning its parameter list here spares the worker a new field.)
 */

export interface ParamPlace {
  readonly name: string;
  /** 0-based offset of the name in the code. */
  readonly offset: number;
}

const OPEN = '([{<';
const CLOSE = ')]}>';

/** The parameters of the first parameter list at or after `from` (an offset in `code`). */
export function scanParams(code: string, from: number): ParamPlace[] {
  const start = code.indexOf('(', from);
  if (start < 0) return [];
  const params: ParamPlace[] = [];
  const open: string[] = [];
  let segment = start + 1;
  for (let i = start + 1; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(code, i);
      continue;
    }
    if (c === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) + 1;
      if (i <= 0) break;
      continue;
    }
    if (OPEN.includes(c)) open.push(c);
    else if (CLOSE.includes(c)) {
      // `>` closes only a `<` (otherwise it is a comparison or an arrow's).
      if (open.at(-1) === OPEN[CLOSE.indexOf(c)]) open.pop();
      else if (c === ')' && open.length === 0) {
        pushParam(code, segment, i, params);
        return params;
      }
    } else if (c === ',' && open.length === 0) {
      pushParam(code, segment, i, params);
      segment = i + 1;
    }
  }
  return params;
}

function skipString(code: string, at: number): number {
  const quote = code[at];
  for (let i = at + 1; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === quote) return i;
  }
  return code.length;
}

function pushParam(code: string, start: number, end: number, out: ParamPlace[]): void {
  const text = code.slice(start, end);
  const match = /^(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(text);
  if (match) out.push({ name: match[1], offset: start + match[0].length - match[1].length });
}

/** Where each line starts (0-based offsets): computed once per file, so many lookups stay cheap. */
export function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based offset of a 1-based line and column. */
export function offsetOf(starts: readonly number[], line: number, column: number): number {
  return (starts[Math.min(line, starts.length) - 1] ?? 0) + column - 1;
}

/** 1-based line and column of a 0-based offset. */
export function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
