/**
 * Reads parameter names from a function's text: the fallback for plain-object modules that did not go
 * through source analysis. A tokenizer, not a regular expression: it skips strings, template literals,
 * comments and nested brackets in default values. Bundlers may rename parameters that shadow top-level
 * names, which is why the driver warns whenever it relies on this.
 */
import { InvalidSignatureError } from './errors';

/** One parameter as read from a function's text. */
export interface ParsedParameter {
  /** The parameter's name. */
  readonly name: string;
  /** True when it has a default value. */
  readonly optional: boolean;
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/u;

/** Index just past the string, template or comment starting at `i`, or `i` when there is none there. */
function skipLiteral(text: string, i: number): number {
  const c = text[i];
  if (c === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end + 1;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== '`') {
      if (text[j] === '\\') j += 2;
      else if (text[j] === '$' && text[j + 1] === '{') j = skipBalanced(text, j + 1);
      else j++;
    }
    return j + 1;
  }
  return i;
}

/**
 * Steps through `text` from `i` up to `end`, over strings, templates and comments whole: `step` gets the
 * index of every other character and returns the index to go on from, or -1 to stop. Returns where the
 * walk stopped.
 */
function scanCode(text: string, i: number, step: (j: number) => number, end = text.length): number {
  let j = i;
  while (j < end) {
    const after = skipLiteral(text, j);
    if (after !== j) {
      j = after;
      continue;
    }
    const next = step(j);
    if (next < 0) return j;
    j = next;
  }
  return j;
}

/** Index just past the bracket group that opens at `i`. */
function skipBalanced(text: string, i: number): number {
  let depth = 0;
  const close = scanCode(text, i, (j) => {
    const c = text[j];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return -1;
    return j + 1;
  });
  return Math.min(close + 1, text.length);
}

/** The text with comments removed and trimmed. */
function clean(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const after = skipLiteral(text, i);
    if (after === i) out += text[i++];
    else {
      if (text[i] !== '/') out += text.slice(i, after);
      else out += ' ';
      i = after;
    }
  }
  return out.trim();
}

/**
 * The parameters of `fn` read from its text (arrow, `function`, `async`, methods, defaults).
 * Destructured and rest parameters cannot name dependencies, so they are errors, as are native and bound
 * functions whose text has no parameters. `label` names the function in messages.
 */
export function readParameters(fn: Function, label: string, module?: string): ParsedParameter[] {
  const text = Function.prototype.toString.call(fn);
  if (text.includes('[native code]')) {
    throw new InvalidSignatureError(
      `${label} is a native or bound function: its parameter names cannot be read; export a plain function`,
      module,
    );
  }
  // The head before the parameter list holds only keywords, a name and `*`; a single-parameter arrow
  // has no parentheses: `x => ...`, `async x => ...`.
  let lastWord = '';
  let arrow = false;
  const i = scanCode(text, 0, (j) => {
    if (text[j] === '(' || (arrow = text[j] === '=' && text[j + 1] === '>')) return -1;
    const word = IDENTIFIER.exec(text.slice(j, j + 200));
    if (word) lastWord = word[0];
    return j + (word ? word[0].length : 1);
  });
  if (arrow) return [{ name: lastWord, optional: false }];
  if (i >= text.length) {
    throw new InvalidSignatureError(`${label}: cannot find the parameter list in its text`, module);
  }
  const end = skipBalanced(text, i) - 1;
  const params: ParsedParameter[] = [];
  let start = i + 1;
  const take = (to: number): void => {
    const param = clean(text.slice(start, to));
    if (param === '') return;
    if (param[0] === '{' || param[0] === '[') {
      throw new InvalidSignatureError(
        `${label} has a destructured parameter (${param.split('=')[0].trim()}): every parameter must be a plain name, ` +
          `which is the node it depends on`,
        module,
      );
    }
    if (param.startsWith('...')) {
      throw new InvalidSignatureError(
        `${label} has a rest parameter (${param}): every parameter must be a plain name, which is the node it depends on`,
        module,
      );
    }
    const name = IDENTIFIER.exec(param);
    if (!name) throw new InvalidSignatureError(`${label}: cannot read the parameter ${param}`, module);
    params.push({ name: name[0], optional: param.slice(name[0].length).trimStart().startsWith('=') });
  };
  scanCode(
    text,
    start,
    (j) => {
      const c = text[j];
      if (c === '(' || c === '[' || c === '{') return skipBalanced(text, j);
      if (c === ',') {
        take(j);
        start = j + 1;
      }
      return j + 1;
    },
    end,
  );
  take(end);
  return params;
}
