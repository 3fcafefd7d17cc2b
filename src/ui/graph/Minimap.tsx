/**
 * The whole graph in miniature, with the view as a rectangle on it; a click or a drag there moves the
 * view. Shown while the graph does not fit the pane legibly. The view's rectangle is updated by the
 * canvas on every zoom event (through `viewRect`), not by React: a pan must not re-render this.
 */
import { useMemo, type PointerEvent, type Ref } from 'react';
import type { GraphLayout } from './layout';
import type { Rect } from './region';

interface MinimapProps {
  readonly layout: GraphLayout;
  readonly viewRect: Ref<SVGRectElement>;
  /** Centres the view on a point of the graph. */
  readonly onPan: (x: number, y: number) => void;
}

/** The minimap's longer side, in CSS pixels. */
export const MINIMAP_SIZE = 150;

export function Minimap({ layout, viewRect, onPan }: MinimapProps) {
  const scale = MINIMAP_SIZE / Math.max(layout.width, layout.height, 1);
  const width = Math.max(20, layout.width * scale);
  const height = Math.max(20, layout.height * scale);
  // Every node as one path: thousands of rectangles cost more than they show at this size.
  const nodes = useMemo(() => {
    let d = '';
    for (const p of layout.nodes.values())
      d += `M${p.x - p.width / 2},${p.y - p.height / 2}h${p.width}v${p.height}h${-p.width}z`;
    return d;
  }, [layout]);
  const panTo = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    onPan((event.clientX - box.left) / scale, (event.clientY - box.top) / scale);
  };
  return (
    <svg
      className="minimap"
      width={width}
      height={height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label="Minimap of the whole graph: click or drag to move the view"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        panTo(event);
      }}
      onPointerMove={(event) => {
        if (event.buttons) panTo(event);
      }}
    >
      <path className="minimap-nodes" d={nodes} />
      <rect ref={viewRect} className="minimap-view" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** Puts the minimap's view rectangle on `view` (graph coordinates). */
export function placeViewRect(rect: SVGRectElement, view: Rect): void {
  rect.setAttribute('x', String(view.x0));
  rect.setAttribute('y', String(view.y0));
  rect.setAttribute('width', String(view.x1 - view.x0));
  rect.setAttribute('height', String(view.y1 - view.y0));
}
