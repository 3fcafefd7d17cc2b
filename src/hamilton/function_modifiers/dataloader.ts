/**
 * Hamilton's `dataloader()` and `datasaver()`: a function that loads (returning `[data, metadata]`) or
 * saves (returning metadata) becomes a node Hamilton's UI can tell apart, checked by its written types.
 */
import { copyNode, type Node } from '../node';
import type { Decorator, ModifierContext } from './base';
import { decoratorFor, invalid } from './common';
import { qualname } from './data_adapters';

/** The top-level parts of a tuple type text `[A, B]` (or `readonly [A, B]`), or undefined when it is not one. */
function tupleParts(type: string): string[] | undefined {
  const t = type.trim().replace(/^readonly\s+/, '');
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let start = 1;
  for (let i = 1; i < t.length - 1; i++) {
    const c = t[i];
    if ('<[({'.includes(c)) depth++;
    else if ('>])}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(t.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = t.slice(start, -1).trim();
  if (last) parts.push(last);
  return parts;
}

/** The key type of a dict-like type text (`Record<K, V>` → K, `{...}`/`object` → string), or undefined. */
function dictKeyType(type: string): string | undefined {
  const t = type.trim();
  const record = /^(Readonly<)?Record<\s*([^,]+),/.exec(t);
  if (record) return record[2].trim();
  if (t === 'object' || (t.startsWith('{') && t.endsWith('}'))) return 'string';
  return undefined;
}

/** The return type text without an async function's `Promise<...>`. */
function awaitedReturnType(type: string): string {
  const m = /^Promise<(.*)>$/s.exec(type.trim());
  return m ? m[1] : type;
}

/** The written return type, awaited; Hamilton's error when the function has none. */
function writtenReturnType(ctx: ModifierContext): string {
  if (ctx.source.returnType.trim() === 'unknown')
    throw invalid(ctx, `Function: ${qualname(ctx)} must have a return annotation.`);
  return awaitedReturnType(ctx.source.returnType);
}

/**
 * Hamilton's `dataloader()`: the function returns `[data, metadata]`; it becomes the node
 * `<name>.loader`, and `<name>` is the data. Its return type must be written as such a tuple.
 */
export function dataloader(): Decorator {
  return decoratorFor({
    phase: 'create',
    decorator: 'dataloader',
    validate(ctx) {
      const parts = tupleParts(writtenReturnType(ctx));
      const fn = qualname(ctx);
      if (!parts) throw invalid(ctx, `Function: ${fn} must return a tuple.`);
      if (parts.length !== 2) throw invalid(ctx, `Function: ${fn} must return a tuple of length 2.`);
      const key = dictKeyType(parts[1]);
      if (key === undefined)
        throw invalid(ctx, `Function: ${fn} must return a tuple of type (SOME_TYPE, dict).`);
      if (key !== 'string') {
        throw invalid(
          ctx,
          `Function: ${fn} must return a tuple of type (SOME_TYPE, dict[str, ...]). Instead got (SOME_TYPE, dict[${key}, ...]`,
        );
      }
    },
    create(ctx) {
      const name = qualname(ctx);
      const loadName = `${ctx.name}.loader`;
      const own = ctx.nodeFromFunction(loadName, ctx.fn, ctx.source);
      const tags = (source: string, hasMetadata: boolean) => ({
        'hamilton.data_loader': 'true',
        'hamilton.data_loader.has_metadata': hasMetadata ? 'true' : 'false',
        'hamilton.data_loader.node': name,
        'hamilton.data_loader.classname': `${name}()`,
        'hamilton.data_loader.source': source,
      });
      const dataType = tupleParts(awaitedReturnType(ctx.source.returnType))?.[0] ?? 'unknown';
      const select: Node = {
        name: ctx.name,
        type: dataType,
        kind: 'function',
        dependencies: [{ name: loadName, type: own.type, optional: false }],
        callable: (kwargs) => (kwargs[loadName] as [unknown, unknown])[0],
        tags: { ...own.tags, ...tags(name, false) },
        documentation: own.documentation,
        location: own.location,
      };
      return [copyNode(own, { tags: { ...own.tags, ...tags('loader', true) } }), select];
    },
  });
}

/**
 * Hamilton's `datasaver()`: the function saves its inputs somewhere and returns metadata (an object);
 * its node is tagged as a data saver. Its return type must be written as an object type.
 */
export function datasaver(): Decorator {
  return decoratorFor({
    phase: 'create',
    decorator: 'datasaver',
    validate(ctx) {
      if (dictKeyType(writtenReturnType(ctx)) === undefined) {
        throw invalid(ctx, `Function: ${qualname(ctx)} must return a dict.`);
      }
    },
    create(ctx) {
      const own = ctx.nodeFromFunction(ctx.name, ctx.fn, ctx.source);
      const name = qualname(ctx);
      return [
        copyNode(own, {
          tags: {
            ...own.tags,
            'hamilton.data_saver': 'true',
            'hamilton.data_saver.sink': ctx.name,
            'hamilton.data_saver.classname': `${name}()`,
          },
        }),
      ];
    },
  });
}
