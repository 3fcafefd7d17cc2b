/**
 * SVG path data for an edge, along the layout's direction: an S-curve through each of its points,
 * horizontal left to right, vertical top to bottom. A back edge (one closing a cycle) is a rounded
 * polyline through its route around the drawing.
 */
import type { Direction, PlacedEdge, PlacedNode } from './layout';

type Point = [number, number];

export function edgePath(edge: PlacedEdge, from: PlacedNode, to: PlacedNode, direction: Direction): string {
  const points = edge.points.map(([x, y]) => [x, y] as Point);
  if (points.length < 2) return '';
  if (edge.back) return roundedPolyline(points);
  // Along the layers: x left to right, y top to bottom; `a` is that axis's index, `b` the other's.
  const a = direction === 'LR' ? 0 : 1;
  const b = 1 - a;
  const half = (node: PlacedNode) => (direction === 'LR' ? node.width : node.height) / 2;
  const first = points[0];
  const last = points[points.length - 1];
  // Leave the producer at its far side and enter the consumer at its near one, when the edge runs that way.
  if (points[1][a] > first[a]) first[a] = [from.x, from.y][a] + half(from);
  if (last[a] > points[points.length - 2][a]) last[a] = [to.x, to.y][a] - half(to) - 2;
  let d = `M${first[0]},${first[1]}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1];
    const q = points[i];
    if (p[b] === q[b]) d += `L${q[0]},${q[1]}`;
    else {
      const mid = (p[a] + q[a]) / 2;
      const c1: Point = a === 0 ? [mid, p[1]] : [p[0], mid];
      const c2: Point = a === 0 ? [mid, q[1]] : [q[0], mid];
      d += `C${c1[0]},${c1[1]} ${c2[0]},${c2[1]} ${q[0]},${q[1]}`;
    }
  }
  return d;
}

const CORNER = 12;

/** Straight segments joined by quarter-round corners. */
function roundedPolyline(points: readonly Point[]): string {
  let d = `M${points[0][0]},${points[0][1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1];
    const [x, y] = points[i];
    const [nx, ny] = points[i + 1];
    const r = Math.min(CORNER, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const inX = x - Math.sign(x - px) * r;
    const inY = y - Math.sign(y - py) * r;
    const outX = x + Math.sign(nx - x) * r;
    const outY = y + Math.sign(ny - y) * r;
    d += `L${inX},${inY}Q${x},${y} ${outX},${outY}`;
  }
  const end = points[points.length - 1];
  return `${d}L${end[0]},${end[1]}`;
}
