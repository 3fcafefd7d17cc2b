/**
 * A big compile answer in parts, and put together again. The runtime worker sends a graph of thousands
 * of nodes as `compiled-part` slices and then its `compiled` event with the last slice (`inParts`); the
 * page receives and checks each message in a task of its own, so no single task holds its main thread
 * for the whole graph, and the host joins the slices before the UI sees the event (`graphJoiner`).
 */
import type { CompiledEvent, CompiledPart } from './protocol';

/**
 * Nodes, edges or variables (whichever there are most of) in one message: the page receives and checks a
 * part in some 10–30 ms (the first, checked by code not yet compiled, in up to three times that).
 */
export const GRAPH_PART_SIZE = 1_000;

/** `items` cut into `count` slices of near-equal length, in order. */
function slices<T>(items: readonly T[], count: number): (readonly T[])[] {
  return Array.from({ length: count }, (_, i) =>
    items.slice(Math.floor((i * items.length) / count), Math.floor(((i + 1) * items.length) / count)),
  );
}

/**
 * The messages that carry `event`: its graph's nodes, edges and variables in slices of at most `size`
 * each, all but the last as `compiled-part`s, the last in the `compiled` event itself (with the rest of
 * its fields). A small graph, or none, is the event alone.
 */
export function inParts(
  event: CompiledEvent,
  size: number = GRAPH_PART_SIZE,
): [...CompiledPart[], CompiledEvent] {
  const { graph, variables } = event;
  if (!graph) return [event];
  const count = Math.ceil(Math.max(graph.nodes.length, graph.edges.length, variables.length) / size);
  if (count <= 1) return [event];
  const nodes = slices(graph.nodes, count);
  const edges = slices(graph.edges, count);
  const vars = slices(variables, count);
  const parts: CompiledPart[] = [];
  for (let i = 0; i < count - 1; i++)
    parts.push({ type: 'compiled-part', id: event.id, nodes: nodes[i], edges: edges[i], variables: vars[i] });
  const last = count - 1;
  return [
    ...parts,
    { ...event, graph: { ...graph, nodes: nodes[last], edges: edges[last] }, variables: vars[last] },
  ];
}

/** The parts of one runner's compile answers as they arrive, joined to the `compiled` event they precede. */
export interface GraphJoiner {
  add(part: CompiledPart): void;
  /**
   * The event with the parts of its id in front of its nodes, edges and variables (in the order they
   * came); parts of another id are dropped (a newer compile's answer came first).
   */
  complete(event: CompiledEvent): CompiledEvent;
}

export function graphJoiner(): GraphJoiner {
  let held: CompiledPart[] = [];
  return {
    add(part) {
      if (held.length && held[0].id !== part.id) held = [];
      held.push(part);
    },
    complete(event) {
      const parts = held.length && held[0].id === event.id ? held : [];
      held = [];
      const { graph } = event;
      if (!parts.length || !graph) return event;
      return {
        ...event,
        graph: {
          ...graph,
          nodes: [...parts.flatMap((p) => p.nodes), ...graph.nodes],
          edges: [...parts.flatMap((p) => p.edges), ...graph.edges],
        },
        variables: [...parts.flatMap((p) => p.variables), ...event.variables],
      };
    },
  };
}
