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

/** Index just past the bracket group that opens at `i`. */
function skipBalanced(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const after = skipLiteral(text, j);
    if (after !== j) {
      j = after;
      continue;
    }
    const c = text[j];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return j;
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
  let i = 0;
  let lastWord = '';
  while (i < text.length) {
    const after = skipLiteral(text, i);
    if (after !== i) {
      i = after;
      continue;
    }
    const c = text[i];
    if (c === '(') break;
    if (c === '=' && text[i + 1] === '>') return [{ name: lastWord, optional: false }];
    const word = IDENTIFIER.exec(text.slice(i, i + 200));
    if (word) {
      lastWord = word[0];
      i += word[0].length;
    } else i++;
  }
  if (i >= text.length) {
    throw new InvalidSignatureError(`${label}: cannot find the parameter list in its text`, module);
  }
  const end = skipBalanced(text, i) - 1;
  const params: ParsedParameter[] = [];
  let start = i + 1;
  let j = start;
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
  while (j < end) {
    const after = skipLiteral(text, j);
    if (after !== j) {
      j = after;
      continue;
    }
    const c = text[j];
    if (c === '(' || c === '[' || c === '{') j = skipBalanced(text, j);
    else if (c === ',') {
      take(j);
      start = ++j;
    } else j++;
  }
  take(end);
  return params;
}
