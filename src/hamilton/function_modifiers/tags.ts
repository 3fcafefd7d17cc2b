/**
 * `tag` and `tagOutputs`: metadata on nodes (Hamilton's `function_modifiers/metadata.py`). Tags go to
 * the function's final nodes, so with `extractColumns` they land on the extracted columns, not on the
 * frame they come from; `target` picks nodes by name instead.
 */
import { copyNode, type Node, type TagValue } from '../node';
import type { Decorator, FunctionModifier } from './base';
import { decoratorFor, everyValue, expectArgument, isPlainObject, refusal } from './common';
import { selectNodes, transformTargets, type Target } from './targets';

/** Tag prefixes Hamilton keeps for itself. */
export const RESERVED_TAG_NAMESPACES: readonly string[] = [
  'hamilton',
  'data_quality',
  'gdpr',
  'ccpa',
  'dag',
  'module',
  'ray_remote',
];

/** Tags as written in `tag({...})`: string or string-list values; keys may be dotted (`team.owner`). */
export type Tags = Readonly<Record<string, TagValue>>;

/** Options of {@link tag}. */
export interface TagOptions {
  /** Nodes to tag by name (default: the function's final nodes). */
  readonly target?: Target;
  /** Allow reserved prefixes (for the library's own decorators). */
  readonly bypassReservedNamespaces?: boolean;
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function keyAllowed(key: string, bypassReserved: boolean): boolean {
  const parts = key.split('.');
  if (!bypassReserved && RESERVED_TAG_NAMESPACES.includes(parts[0])) return false;
  return parts.every((p) => IDENTIFIER.test(p));
}

function valueAllowed(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every((v) => typeof v === 'string') && new Set(value).size === value.length;
}

/** Hamilton's message for bad tags, or undefined when all are fine. */
function badTags(tags: Tags, bypassReserved: boolean): string | undefined {
  const bad = Object.entries(tags).filter(([k, v]) => !keyAllowed(k, bypassReserved) || !valueAllowed(v));
  if (bad.length === 0) return undefined;
  const formatted = bad.map(
    ([k, v]) => `${k}=${Array.isArray(v) ? `[${v.map((x) => `'${String(x)}'`).join(', ')}]` : String(v)}`,
  );
  return (
    `The following tags are invalid as tags: ${formatted.join(',')} ` +
    'Tag keys can be split by ., to represent a hierarchy, ' +
    'but each element of the hierarchy must be a valid python identifier. ' +
    'Paths components also cannot be empty. ' +
    'The value can only be a string, or a list of strings. ' +
    'Note that the following top-level prefixes are ' +
    `reserved as well: [${RESERVED_TAG_NAMESPACES.map((p) => `'${p}'`).join(', ')}]`
  );
}

function withTags(node: Node, tags: Tags): Node {
  return copyNode(node, { tags: { ...node.tags, ...tags } });
}

/**
 * Adds tags to the function's nodes: `tag({ owner: 'data-science', pii: 'false' })`. Values are strings
 * or lists of strings; keys are dot-separated identifiers; the prefixes `hamilton`, `data_quality`,
 * `gdpr`, `ccpa`, `dag` and `module` are reserved.
 */
export function tag(tags: Tags, options: TagOptions = {}): Decorator {
  expectArgument(isPlainObject(tags), 'tag', "an object of tags ({ owner: 'ds' })", tags);
  expectArgument(
    isPlainObject(options),
    'tag',
    'an options object ({ target, bypassReservedNamespaces })',
    options,
  );
  const error = badTags(tags, options.bypassReservedNamespaces ?? false);
  if (error) return decoratorFor(refusal('tag', 'tag', error));
  const modifier: FunctionModifier = {
    phase: 'tag',
    decorator: 'tag',
    transform: (nodes, ctx) =>
      transformTargets(nodes, selectNodes(options.target, nodes, ctx), (n) => [withTags(n, tags)]),
  };
  return decoratorFor(modifier);
}

/**
 * Tags chosen outputs of a function that makes several nodes:
 * `tagOutputs({ a: { kind: 'x' }, b: { kind: 'y' } })`. Names it does not make are ignored.
 */
export function tagOutputs(tagsByOutput: Readonly<Record<string, Tags>>): Decorator {
  expectArgument(
    everyValue(tagsByOutput, isPlainObject),
    'tagOutputs',
    "an object of outputs to tags ({ a: { kind: 'x' } })",
    tagsByOutput,
  );
  for (const tags of Object.values(tagsByOutput)) {
    const error = badTags(tags, false);
    if (error) return decoratorFor(refusal('tag', 'tag_outputs', error));
  }
  const modifier: FunctionModifier = {
    phase: 'tag',
    decorator: 'tag_outputs',
    transform: (nodes) =>
      nodes.map((n) => (Object.hasOwn(tagsByOutput, n.name) ? withTags(n, tagsByOutput[n.name]) : n)),
  };
  return decoratorFor(modifier);
}
