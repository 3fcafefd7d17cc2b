/** SVG path data for an edge drawn left to right: a horizontal S-curve through each of its points. */
import type { PlacedEdge, PlacedNode } from './layout';

export function edgePath(edge: PlacedEdge, from: PlacedNode, to: PlacedNode): string {
  const points = edge.points.map(([x, y]) => [x, y] as [number, number]);
  if (points.length < 2) return '';
  const first = points[0];
  const last = points[points.length - 1];
  // Leave the producer at its right side and enter the consumer at its left, when the edge runs that way.
  if (points[1][0] > first[0]) first[0] = from.x + from.width / 2;
  if (last[0] > points[points.length - 2][0]) last[0] = to.x - to.width / 2 - 2;
  let d = `M${first[0]},${first[1]}`;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    const mx = (x0 + x1) / 2;
    d += y0 === y1 ? `L${x1},${y1}` : `C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
  }
  return d;
}
