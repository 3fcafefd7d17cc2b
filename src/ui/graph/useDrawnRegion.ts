/**
 * Which part of the graph is drawn, following the view: for a big graph the region in and around it
 * (region.ts), for a small one all of it; with labels, or without when zoomed too far out to read them.
 * Also times the first drawing of each layout (timing.ts).
 */
import { startTransition, useEffect, useRef, useState, type RefObject } from 'react';
import { zoomTransform, type ZoomTransform } from 'd3-zoom';
import type { GraphLayout } from './layout';
import { FAR_SCALE, type Size } from './openingView';
import { around, serves, viewOf, type Region } from './region';
import { markDrawn } from './timing';

export function useDrawnRegion(
  layout: GraphLayout,
  big: boolean,
  size: RefObject<Size | null>,
  svg: RefObject<SVGSVGElement | null>,
) {
  const [region, setRegion] = useState<Region | null>(null);
  const regionRef = useRef(region);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  /** Follows the view: a new region when the view leaves the drawn one (or the layout or detail changes). */
  const track = (transform: ZoomTransform, gesture: boolean) => {
    if (!size.current) return;
    const view = viewOf(transform, size.current);
    // Semantic zoom: text too small to read is not drawn (big graphs draw and pan much faster).
    const far = transform.k < FAR_SCALE;
    const current = regionRef.current;
    if (current && current.layout === layoutRef.current && current.far === far && serves(current, view))
      return;
    // A pan or zoom draws the region around the view between frames; anything else (a new graph, a
    // resize, a key) draws just the view at once, and the margin once that is painted (see below).
    const wide = gesture || !big;
    const next: Region = { ...(wide ? around(view) : view), layout: layoutRef.current, far, wide };
    regionRef.current = next;
    if (gesture) startTransition(() => setRegion(next));
    else setRegion(next);
  };
  const widen = () => {
    const current = regionRef.current;
    if (!current || current.wide || !size.current || !svg.current) return;
    const next = { ...current, ...around(viewOf(zoomTransform(svg.current), size.current)), wide: true };
    regionRef.current = next;
    startTransition(() => setRegion(next));
  };
  // The zoom behaviour is set up once: it calls the latest `track` through this.
  const trackRef = useRef(track);
  trackRef.current = track;

  // The drawing of a layout is timed once it is committed for the view that shows it.
  const timed = useRef<GraphLayout | null>(null);
  useEffect(() => {
    if (region?.layout !== layout || timed.current === layout) return;
    timed.current = layout;
    markDrawn();
  }, [region, layout]);
  // Once the view is painted, the margin around it is drawn too, so that a pan finds its nodes there.
  useEffect(() => {
    if (!region || region.wide) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(widen)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [region]);

  return { region, trackRef };
}
