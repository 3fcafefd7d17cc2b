/**
 * The nodes a transform applies to (Hamilton's `NodeTransformer` targets): by default the final nodes
 * of what a function generated, else the nodes named.
 */
import type { Node } from '../node';
import type { ModifierContext } from './base';
import { invalid, repr } from './common';

/** Nodes with this tag are never "final" (sinks) for a transform's default target (Hamilton's tag). */
export const NON_FINAL_TAG = 'hamilton.non_final_node';

/** Which nodes a transform applies to: the final nodes (default), one node by name, or several. */
export type Target = string | readonly string[];

/** Hamilton's sinks: nodes no other node of the group depends on, without the non-final tag. */
export function finalNodes(nodes: readonly Node[]): Node[] {
  const used = new Set(nodes.flatMap((n) => n.dependencies.map((d) => d.name)));
  return nodes.filter((n) => !used.has(n.name) && !n.tags[NON_FINAL_TAG]);
}

/** The nodes a target selects (Hamilton's `NodeTransformer.select_nodes`). */
export function selectNodes(
  target: Target | undefined,
  nodes: readonly Node[],
  ctx: ModifierContext,
): Node[] {
  if (target === undefined) return finalNodes(nodes);
  const names = typeof target === 'string' ? [target] : target;
  const out = nodes.filter((n) => names.includes(n.name));
  if (out.length !== names.length) {
    const found = new Set(out.map((n) => n.name));
    const missing = names.filter((n) => !found.has(n));
    throw invalid(
      ctx,
      typeof target === 'string'
        ? `Could not find node ${target} in ${repr(nodes.map((n) => n.name))}`
        : `Could not find all nodes ${repr(names)} in ${repr(nodes.map((n) => n.name))}. Missing (${repr(missing)})`,
    );
  }
  return out;
}

/** Applies `transform` to the targeted nodes; the others are kept, first, as Hamilton orders them. */
export function transformTargets(
  nodes: readonly Node[],
  targets: readonly Node[],
  transform: (node: Node) => Node[],
): Node[] {
  return [...nodes.filter((n) => !targets.includes(n)), ...targets.flatMap(transform)];
}
