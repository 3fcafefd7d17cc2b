/**
 * The views the graph chooses for the user. The one it opens at (a new graph, a resize while nobody has
 * panned) is legible by construction:
 * The whole graph when it fits with its smallest text at {@link MIN_TEXT_PX} or more; otherwise the
 * requested outputs at that size, with as much upstream as the pane holds, and the nodes that do not
 * fit wholly folded away (not drawn, counted by the "more upstream" button) so no node is ever cut at
 * the pane's edge. Selecting a node shows its lineage ({@link lineageView}).
 */
import type { Direction, GraphLayout, PlacedNode } from './layout';
import type { Rect } from './region';

/** The smallest text a node draws, in graph units (its type line). */
export const SMALLEST_NODE_TEXT = 12;
/** No text below this many CSS pixels at the opening view. */
export const MIN_TEXT_PX = 11;
/** The zoom at which the smallest node text is {@link MIN_TEXT_PX}. */
export const LEGIBLE_SCALE = MIN_TEXT_PX / SMALLEST_NODE_TEXT;
/** Fit does not zoom in past life size: a two-node graph blown up looks broken, not readable. */
export const MAX_FIT_SCALE = 1;
/** Room kept free at the pane's edges, in CSS pixels: 24, less in a small pane (a short window, an embed). */
export function padOf(pane: Size): number {
  return Math.min(24, Math.round(Math.min(pane.width, pane.height) * 0.06));
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Transform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface OpeningView {
  readonly transform: Transform;
  /** Nodes that do not fit wholly in the view: not drawn until the user unfolds or moves the view. */
  readonly folded: ReadonlySet<string>;
}

/** The zoom that fits `box` (graph units) into `pane` with its padding, never above life size. */
export function fitScale(box: Size, pane: Size): number {
  const pad = padOf(pane);
  return Math.min(
    MAX_FIT_SCALE,
    (pane.width - 2 * pad) / Math.max(box.width, 1),
    (pane.height - 2 * pad) / Math.max(box.height, 1),
  );
}

/** The transform that shows `rect` (graph units) centred in `pane` at zoom `k`. */
export function centreOn(rect: Rect, pane: Size, k: number): Transform {
  return {
    x: pane.width / 2 - ((rect.x0 + rect.x1) / 2) * k,
    y: pane.height / 2 - ((rect.y0 + rect.y1) / 2) * k,
    k,
  };
}

/** The bounding box of some placed nodes. */
export function boundsOf(places: Iterable<PlacedNode>): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of places) {
    x0 = Math.min(x0, p.x - p.width / 2);
    y0 = Math.min(y0, p.y - p.height / 2);
    x1 = Math.max(x1, p.x + p.width / 2);
    y1 = Math.max(y1, p.y + p.height / 2);
  }
  return { x0, y0, x1, y1 };
}

/**
 * A window of `length` along one axis, as close to `centre` as possible while staying inside
 * `[min, max]` (centred on that range when it is shorter than the window).
 */
function slide(centre: number, length: number, min: number, max: number): [number, number] {
  if (max - min <= length) return [(min + max - length) / 2, (min + max + length) / 2];
  const start = Math.min(Math.max(centre - length / 2, min), max - length);
  return [start, start + length];
}

/**
 * The opening view of `layout` in `pane`, anchored on `outputs` (the requested outputs; the graph's
 * downstream end when none is drawn).
 */
export function openingView(layout: GraphLayout, pane: Size, outputs: readonly string[]): OpeningView {
  const whole: Rect = { x0: 0, y0: 0, x1: layout.width, y1: layout.height };
  const wholeScale = fitScale(layout, pane);
  if (wholeScale >= LEGIBLE_SCALE) return { transform: centreOn(whole, pane, wholeScale), folded: new Set() };

  const k = LEGIBLE_SCALE;
  const pad = padOf(pane);
  const viewWidth = (pane.width - 2 * pad) / k;
  const viewHeight = (pane.height - 2 * pad) / k;
  const anchors = outputs.map((name) => layout.nodes.get(name)).filter((p) => p !== undefined);
  const target = focusOf(anchors.length ? anchors : downstreamEnd(layout), layout.direction, {
    width: viewWidth,
    height: viewHeight,
  });
  // Along the layers the view ends at the outputs' far side (upstream fills the rest); across them it
  // is centred on the outputs.
  const [x0, x1] =
    layout.direction === 'LR'
      ? slide(target.x1 - viewWidth / 2, viewWidth, 0, layout.width)
      : slide((target.x0 + target.x1) / 2, viewWidth, 0, layout.width);
  const [y0, y1] =
    layout.direction === 'TB'
      ? slide(target.y1 - viewHeight / 2, viewHeight, 0, layout.height)
      : slide((target.y0 + target.y1) / 2, viewHeight, 0, layout.height);
  const view: Rect = { x0, y0, x1, y1 };
  const ends = (anchors.length ? anchors : downstreamEnd(layout)).filter((p) => within(p, view));
  // With no anchor wholly in view (one wider than the pane), what fits is drawn.
  const drawn = ends.length ? connectedWithin(layout, view, ends) : null;
  const folded = new Set<string>();
  for (const place of layout.nodes.values()) {
    if (drawn ? !drawn.has(place.name) : !within(place, view)) folded.add(place.name);
  }
  return { transform: centreOn(view, pane, k), folded };
}

/**
 * The nodes wholly inside `view` that reach one of `anchors` (themselves inside it) through nodes wholly
 * inside it too, along edges either way, and those with no edge at all. A node whose only path to the
 * outputs runs through a folded one would be drawn on its own, as if it fed nothing: it is folded with
 * the rest of the upstream instead.
 */
function connectedWithin(layout: GraphLayout, view: Rect, anchors: readonly PlacedNode[]): Set<string> {
  const inside = new Set<string>();
  for (const place of layout.nodes.values()) if (within(place, view)) inside.add(place.name);
  // Only the edges between nodes in view are followed: the view holds a few dozen of a graph's nodes.
  const linked = new Set<string>();
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const { from, to } of layout.edges) {
    const fromInside = inside.has(from);
    const toInside = inside.has(to);
    if (fromInside) linked.add(from);
    if (toInside) linked.add(to);
    if (fromInside && toInside) {
      link(from, to);
      link(to, from);
    }
  }
  const reached = new Set(anchors.map((p) => p.name));
  const queue = [...reached];
  while (queue.length) {
    for (const next of neighbours.get(queue.pop()!) ?? []) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  // A node with no edge at all (a config key `config.when` reads) is drawn where it fits.
  for (const name of inside) if (!linked.has(name)) reached.add(name);
  return reached;
}

/** Whether the node lies wholly inside `r`. */
export function within(place: PlacedNode, r: Rect): boolean {
  return (
    place.x - place.width / 2 >= r.x0 &&
    place.x + place.width / 2 <= r.x1 &&
    place.y - place.height / 2 >= r.y0 &&
    place.y + place.height / 2 <= r.y1
  );
}

/** The last layer's nodes (right end left to right, bottom top to bottom). */
function downstreamEnd(layout: GraphLayout): PlacedNode[] {
  const along = (p: PlacedNode) => (layout.direction === 'LR' ? p.x : p.y);
  let last = -Infinity;
  for (const p of layout.nodes.values()) last = Math.max(last, along(p));
  return [...layout.nodes.values()].filter((p) => along(p) === last);
}

/**
 * What the opening view is anchored on: the outputs' bounds when they fit across the layers, otherwise
 * the most downstream output (nearest their middle among equals), so at least one is wholly in view.
 */
function focusOf(anchors: readonly PlacedNode[], direction: Direction, view: Size): Rect {
  const box = boundsOf(anchors);
  const lr = direction === 'LR';
  if ((lr ? box.y1 - box.y0 : box.x1 - box.x0) <= (lr ? view.height : view.width)) return box;
  const middle = lr ? (box.y0 + box.y1) / 2 : (box.x0 + box.x1) / 2;
  const along = (p: PlacedNode) => (lr ? p.x : p.y);
  const aside = (p: PlacedNode) => Math.abs((lr ? p.y : p.x) - middle);
  const best = anchors.reduce((a, p) =>
    along(p) > along(a) || (along(p) === along(a) && aside(p) < aside(a)) ? p : a,
  );
  return boundsOf([best]);
}

/** Below this zoom a node's 12 px text is under 5 px: unreadable, so not drawn. */
export const FAR_SCALE = 0.4;

/**
 * Selecting a node zooms out to fit its whole lineage down to this zoom (names about 6.5 px, the boxes
 * and the highlight still plain).
 */
export const LINEAGE_MIN_SCALE = 0.5;

/**
 * The view that shows node `name` with its lineage: all of it (`all`, upstream and downstream) when it
 * fits at {@link LINEAGE_MIN_SCALE} or more, otherwise its direct neighbours (`near`) at whatever zoom
 * that takes. It zooms out as far as needed, and never in past legible size (or the current zoom, when
 * closer).
 */
export function lineageView(
  layout: GraphLayout,
  pane: Size,
  currentScale: number,
  name: string,
  near: readonly string[],
  all: readonly string[],
): Transform {
  const place = layout.nodes.get(name)!;
  const largest = Math.max(currentScale, LEGIBLE_SCALE);
  const boxOf = (names: readonly string[]) => {
    const box = boundsOf([place, ...names.map((n) => layout.nodes.get(n)).filter((p) => p !== undefined)]);
    const k = Math.min(largest, fitScale({ width: box.x1 - box.x0, height: box.y1 - box.y0 }, pane));
    return { box, k };
  };
  const whole = boxOf(all);
  if (whole.k >= LINEAGE_MIN_SCALE) return centreOn(whole.box, pane, whole.k);
  const neighbours = boxOf(near);
  return centreOn(neighbours.box, pane, neighbours.k);
}

/** Whether the node lies wholly in the pane under transform `t`. */
export function viewCovers(t: Transform, pane: Size, place: PlacedNode): boolean {
  const r: Rect = {
    x0: -t.x / t.k,
    y0: -t.y / t.k,
    x1: (pane.width - t.x) / t.k,
    y1: (pane.height - t.y) / t.k,
  };
  const slack = 0.5 / t.k;
  return within(place, { x0: r.x0 - slack, y0: r.y0 - slack, x1: r.x1 + slack, y1: r.y1 + slack });
}
