/**
 * Code versions (Hamilton's `version_code`): a node's code version is a hash of its function's source
 * with comments and insignificant whitespace removed, so reformatting or commenting does not invalidate
 * the cache, together with what its decorators made of it (the node's type, tags and dependencies).
 * The source is the function's text as it runs (`Function.prototype.toString`), which for analysed
 * modules is the compiled user source; decorators wrap the user function, so its text is read under them.
 */
import { unwrap } from '../function_modifiers/base';
import type { Node } from '../node';
import { hashStrings } from './fingerprint';

const IDENTIFIER = /[\p{L}\p{N}_$]/u;

/**
 * `source` without comments and without whitespace, except one space where two words would otherwise
 * join (`return x`) or two signs fuse (`a - -b`). String and template literals are kept verbatim.
 */
export function normalizeSource(source: string): string {
  let out = '';
  let pendingSpace = false;
  let i = 0;
  const emit = (text: string) => {
    const last = out.at(-1) ?? '';
    const joins = IDENTIFIER.test(last) && IDENTIFIER.test(text[0]);
    // `a - -b` must not become `a--b`, nor `+ +` become `++`.
    const fuses = (last === '-' || last === '+') && text[0] === last;
    if (pendingSpace && (joins || fuses)) out += ' ';
    pendingSpace = false;
    out += text;
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
      pendingSpace = true;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
      pendingSpace = true;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      emit(source.slice(i, j + 1));
      i = j + 1;
    } else if (/\s/.test(c)) {
      pendingSpace = true;
      i++;
    } else {
      emit(c);
      i++;
    }
  }
  return out;
}

const functionVersions = new WeakMap<Function, string>();
let unreadable = 0;

/**
 * The hash of a function's normalised source (kept per function: functions do not change). A function
 * whose source cannot be read (native or bound: `[native code]`) is versioned by identity, so another
 * such function is always a code change.
 */
export function functionVersion(fn: Function): string {
  let v = functionVersions.get(fn);
  if (v === undefined) {
    const text = String(fn);
    v = text.includes('[native code]') ? `unreadable-${++unreadable}` : hashStrings([normalizeSource(text)]);
    functionVersions.set(fn, v);
  }
  return v;
}

const nodeVersions = new WeakMap<Node, string>();

/**
 * The code version of a function node: its user function's source (or, for nodes made by the library
 * such as materializers, their callable's) and what decorators set on it. Nodes are immutable, so the
 * version is computed once per node.
 */
export function codeVersion(node: Node): string {
  let v = nodeVersions.get(node);
  if (v === undefined) {
    const fn = node.originatingFunction ? unwrap(node.originatingFunction) : node.callable;
    const tags = Object.keys(node.tags)
      .sort()
      .map((k) => `${k}=${JSON.stringify(node.tags[k])}`);
    const deps = node.dependencies.map((d) => `${d.name}:${d.type}${d.optional ? '?' : ''}`);
    v = hashStrings([fn ? functionVersion(fn) : '', node.type, deps.join(','), tags.join(',')]);
    nodeVersions.set(node, v);
  }
  return v;
}

/** The code version Hamilton gives an input, which has no code: constant per name. */
export function inputCodeVersion(name: string): string {
  return `input__${name}`;
}
