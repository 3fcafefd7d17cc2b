/**
 * What part of a big graph is drawn: the view (the pane in graph coordinates) and a margin around it, so
 * a pan redraws only when it leaves that region. Drawing every node of a 1,000-node graph costs more than
 * its layout; drawing the hundred or so a readable zoom shows costs little.
 */
import type { GraphLayout, PlacedNode } from './layout';

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The drawn region, for one layout, at one level of detail. */
export interface Region extends Rect {
  readonly layout: GraphLayout;
  /** Zoomed out too far to read labels (they are not drawn). */
  readonly far: boolean;
  /** With the margin around the view (otherwise just the view: what a new view draws first). */
  readonly wide: boolean;
}

/** The pane's rectangle in graph coordinates, under a zoom transform. */
export function viewOf(
  transform: { readonly x: number; readonly y: number; readonly k: number },
  size: { readonly width: number; readonly height: number },
): Rect {
  const { x, y, k } = transform;
  return { x0: -x / k, y0: -y / k, x1: (size.width - x) / k, y1: (size.height - y) / k };
}

const area = (r: Rect) => (r.x1 - r.x0) * (r.y1 - r.y0);

/**
 * Whether `region` still serves `view`: it covers it, and is not so much bigger (after zooming in) that
 * it draws many nodes nobody sees.
 */
export function serves(region: Rect, view: Rect): boolean {
  return (
    region.x0 <= view.x0 &&
    region.y0 <= view.y0 &&
    region.x1 >= view.x1 &&
    region.y1 >= view.y1 &&
    area(region) <= 16 * area(view)
  );
}

/** The view with half its size added on every side. */
export function around(view: Rect): Rect {
  const dx = (view.x1 - view.x0) / 2;
  const dy = (view.y1 - view.y0) / 2;
  return { x0: view.x0 - dx, y0: view.y0 - dy, x1: view.x1 + dx, y1: view.y1 + dy };
}

export function nodeIn(place: PlacedNode, r: Rect): boolean {
  return (
    place.x + place.width / 2 >= r.x0 &&
    place.x - place.width / 2 <= r.x1 &&
    place.y + place.height / 2 >= r.y0 &&
    place.y - place.height / 2 <= r.y1
  );
}

/** Each edge's bounding box (x0, y0, x1, y1 at 4i..4i+3), to find the edges crossing a region. */
export function edgeBoxes(layout: GraphLayout): Float64Array {
  const boxes = new Float64Array(layout.edges.length * 4);
  for (let i = 0; i < layout.edges.length; i++) {
    const points = layout.edges[i].points;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < points.length; k++) {
      x0 = Math.min(x0, points[k][0]);
      y0 = Math.min(y0, points[k][1]);
      x1 = Math.max(x1, points[k][0]);
      y1 = Math.max(y1, points[k][1]);
    }
    boxes[4 * i] = x0;
    boxes[4 * i + 1] = y0;
    boxes[4 * i + 2] = x1;
    boxes[4 * i + 3] = y1;
  }
  return boxes;
}

export function edgeIn(boxes: Float64Array, i: number, r: Rect): boolean {
  return (
    boxes[4 * i + 2] >= r.x0 && boxes[4 * i] <= r.x1 && boxes[4 * i + 3] >= r.y0 && boxes[4 * i + 1] <= r.y1
  );
}

/** The edges (by index) crossing `r`: all of them without boxes (a small graph) or a region (all drawn). */
export function edgesIn(count: number, boxes: Float64Array | null, r: Rect | null): number[] {
  const shown: number[] = [];
  for (let i = 0; i < count; i++) if (!boxes || !r || edgeIn(boxes, i, r)) shown.push(i);
  return shown;
}
