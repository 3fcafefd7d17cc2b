/** Nodes as Hamilton's `Variable`s (what listings and lineage queries return), and tag filters. */
import type { Variable } from './description';
import type { FunctionGraph } from './graph';
import type { Node, TagValue } from './node';
import { HamiltonError } from './errors';

/** A tag query: every key must match; `null` means "has the tag"; a list means "any of these values". */
export type TagFilter = Readonly<Record<string, string | readonly string[] | null>>;

const cache = new WeakMap<Node, Variable>();

/** The {@link Variable} describing a node. */
export function toVariable(node: Node): Variable {
  const cached = cache.get(node);
  if (cached) return cached;
  const required: string[] = [];
  const optional: string[] = [];
  for (const d of node.dependencies) (d.optional ? optional : required).push(d.name);
  const variable: Variable = {
    name: node.name,
    type: node.type,
    tags: node.tags,
    documentation: node.documentation,
    isExternalInput: node.kind !== 'function',
    kind: node.kind,
    requiredDependencies: required,
    optionalDependencies: optional,
    location: node.location,
  };
  cache.set(node, variable);
  return variable;
}

/** Throws unless every filter value is a string, a non-empty list of strings, or null (Hamilton's check). */
export function checkTagFilter(filter: TagFilter): void {
  for (const value of Object.values(filter)) {
    const ok =
      value === null ||
      typeof value === 'string' ||
      (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
    if (!ok) throw new HamiltonError('All tag query values must be a string or list of strings');
  }
}

/** Whether `tags` satisfy the filter (Hamilton's `matches_query`). */
export function matchesTags(tags: Readonly<Record<string, TagValue>>, filter: TagFilter): boolean {
  for (const key in filter) {
    if (!Object.prototype.hasOwnProperty.call(tags, key)) return false;
    const wanted = filter[key];
    if (wanted === null) continue;
    const actual = tags[key];
    const actualList: readonly string[] = typeof actual === 'string' ? [actual] : actual;
    const wantedList: readonly string[] = typeof wanted === 'string' ? [wanted] : wanted;
    if (!wantedList.some((w) => actualList.includes(w))) return false;
  }
  return true;
}

/** Every node of the graph matching the filter, as variables, in graph order. */
export function listVariables(graph: FunctionGraph, filter?: TagFilter): Variable[] {
  if (filter) checkTagFilter(filter);
  const out: Variable[] = [];
  for (const node of graph.nodeList)
    if (!filter || matchesTags(node.tags, filter)) out.push(toVariable(node));
  return out;
}
