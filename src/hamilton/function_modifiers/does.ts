/**
 * `does`: a function written as a bare signature gets its body from another function (Hamilton's
 * `@does` in `macros.py`). The decorated function's body must be empty, or hold only a `throw` (the
 * TypeScript way to write a typed stub); analysis cannot see bodies, so this reads `toString()`.
 */
import { copyNode } from '../node';
import type { Decorator, FunctionModifier, ModifierContext } from './base';
import { decoratorFor, invalid, repr } from './common';

const CLOSE: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** The text of a function's body (between its outer braces), or undefined for an expression arrow. */
function bodyOf(text: string): string | undefined {
  // line comments start after a space or punctuation, so `'http://x'` in a string is not cut
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}(),])\/\/[^\n]*/g, '$1');
  const open = code.indexOf('(');
  const arrowWithoutParens = /^\s*(async\s+)?[\w$]+\s*=>/.exec(code);
  let i = arrowWithoutParens ? arrowWithoutParens[0].length : open;
  if (!arrowWithoutParens) {
    // skip the parameter list, whose defaults may hold brackets of their own
    const stack: string[] = [];
    for (; i < code.length; i++) {
      const ch = code[i];
      if (ch in CLOSE) stack.push(CLOSE[ch]);
      else if (ch === stack[stack.length - 1]) {
        stack.pop();
        if (stack.length === 0) break;
      }
    }
    i++;
  }
  const rest = code
    .slice(i)
    .replace(/^\s*=>\s*/, '')
    .trim();
  if (!rest.startsWith('{')) return undefined;
  return rest.slice(1, rest.lastIndexOf('}')).trim();
}

/** Whether a function body counts as empty: nothing, or only a `throw` statement (a typed stub). */
export function isEmptyBody(fn: Function): boolean {
  const body = bodyOf(fn.toString());
  if (body === undefined) return false;
  const statements = body.replace(/^(['"])use strict\1;?/, '').trim();
  return (
    statements === '' || (/^throw\b/.test(statements) && !/;\s*\S/.test(statements.replace(/;\s*$/, '')))
  );
}

/**
 * Gives an empty-bodied signature its body: the node calls `replacement` with the function's arguments.
 * Arguments go to the replacement's parameters of the same name (renamed by `argumentMapping`:
 * replacement parameter → decorated parameter); a replacement with one other parameter receives them
 * all as one object (Hamilton's `**kwargs`).
 * @example
 * ```ts
 * function _sum(values: Record<string, number>): number { return Object.values(values).reduce((a, b) => a + b, 0); }
 * export const total = does(_sum)(function total(a: number, b: number): number { throw new Error('by @does'); });
 * ```
 */
export function does(
  replacement: Function,
  argumentMapping: Readonly<Record<string, string>> = {},
): Decorator {
  // decorated parameter → replacement parameter
  const rename = (param: string) =>
    Object.entries(argumentMapping).find(([, from]) => from === param)?.[0] ?? param;
  const shape = (ctx: ModifierContext): 'named' | 'object' => {
    const own = ctx.source.params.map((p) => rename(p.name));
    const theirs = ctx.sourceOf(replacement).params;
    const names = new Set(theirs.map((p) => p.name));
    if (own.every((p) => names.has(p)) && theirs.every((p) => p.optional || own.includes(p.name)))
      return 'named';
    if (theirs.length === 1 && !own.includes(theirs[0].name)) return 'object';
    throw invalid(
      ctx,
      `The following function signatures are not compatible for use with @does: ${ctx.source.name} with signature (${ctx.source.params.map((p) => p.name).join(', ')}) ` +
        `and replacing function ${ctx.sourceOf(replacement).name || replacement.name} with signature (${theirs.map((p) => p.name).join(', ')}). ` +
        `Mapping for arguments provided was: ${repr(argumentMapping)}. You can fix this by either adjusting the signature for the replacing function *or* adjusting the mapping.`,
    );
  };
  const modifier: FunctionModifier = {
    phase: 'create',
    decorator: 'does',
    validate(ctx) {
      if (!isEmptyBody(ctx.fn)) {
        throw invalid(
          ctx,
          `Function: ${ctx.source.name} is not empty. Must have an empty body (or only a throw statement), as Hamilton's must consist of "pass"`,
        );
      }
      shape(ctx);
    },
    create(ctx) {
      const how = shape(ctx);
      const theirs = ctx.sourceOf(replacement).params;
      const call = replacement as (...args: unknown[]) => unknown;
      const node = ctx.nodeFromFunction(ctx.name, ctx.fn, ctx.source);
      return [
        copyNode(node, {
          callable: (kwargs) => {
            const mapped = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [rename(k), v]));
            return how === 'object' ? call(mapped) : call(...theirs.map((p) => mapped[p.name]));
          },
        }),
      ];
    },
  };
  return decoratorFor(modifier);
}
