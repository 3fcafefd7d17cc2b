/**
 * The graph's viewport: d3-zoom on the SVG, the pane's size (a ResizeObserver), the opening view and
 * its folded nodes, fitting, keeping a node or a lineage in view, the minimap's view rectangle, and
 * which region is drawn (useDrawnRegion). A resize or a new layout never jumps a view the user chose.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { GraphDescription } from 'hamilton';
import type { Lineage } from '../state/lineage';
import type { Clusters } from './grouping';
import type { GraphLayout } from './layout';
import { placeViewRect } from './Minimap';
import {
  centreOn,
  fitScale,
  LEGIBLE_SCALE,
  lineageView,
  openingView,
  type Size,
  type Transform,
} from './openingView';
import { viewOf } from './region';
import { useClusterAnchor } from './useClusterAnchor';
import type { Scene } from './useDrawing';
import { useDrawnRegion } from './useDrawnRegion';

const NONE: ReadonlySet<string> = new Set();

interface ViewportOptions {
  readonly focusHops: number | null;
  /** Focus mode's nodes around the selected one, or null. */
  readonly inFocus: ReadonlySet<string> | null;
  /** Whether the graph draws only the region around the view. */
  readonly big: boolean;
  readonly clusters: Clusters;
  readonly onToggleCluster: (cluster: string) => void;
}

export function useViewport(
  { graph, layout, lineage, selected }: Scene,
  { focusHops, inFocus, big, clusters, onToggleCluster }: ViewportOptions,
) {
  const svgRef = useRef<SVGSVGElement>(null);
  const viewport = useRef<SVGGElement>(null);
  const state = useViewState();
  const minimapView = useRef<SVGRectElement>(null);
  const followMinimap = (transform: ZoomTransform) => {
    if (minimapView.current && size.current)
      placeViewRect(minimapView.current, viewOf(transform, size.current));
  };

  // The pane's size, kept by a ResizeObserver (read once when the first graph arrives): reading it on
  // demand would force a synchronous layout of the whole drawing right after React adds it.
  const size = useRef<Size | null>(null);
  const shownNodes = useRef<GraphLayout | null>(null);
  const { toggle: toggleCluster, keptView } = useClusterAnchor(svgRef, layout, clusters, onToggleCluster);
  // What is drawn: the region around the view (all of it for a small graph), with or without labels.
  const { region, trackRef } = useDrawnRegion(layout, big, size, svgRef);
  const zoom = useZoom(svgRef, (transform, gesture) => {
    if (gesture) moves.onUserMove();
    viewport.current?.setAttribute('transform', transform.toString());
    followMinimap(transform);
    trackRef.current(transform, gesture);
  });
  const moves = useViewMoves({ svgRef, size, zoom, state, graph, layout, lineage, inFocus });
  const onResize = useResizeFollower({
    svgRef,
    size,
    zoom,
    moves,
    layout,
    selected,
    setMinimap: state.setMinimap,
  });
  usePaneSize(svgRef, size, onResize);
  // A new layout gets its opening view (before it is painted); the same layout (an edit that did not
  // change the graph, a run) keeps the view.
  useLayoutEffect(() => {
    // A big graph's first view, and so what it draws, is known in this task rather than a frame later
    // from the ResizeObserver: it has drawn nothing yet, so measuring costs little. (A small one is
    // drawn whole at once; measuring would only force the page's first layout early.)
    if (!size.current && big) {
      const { width, height } = svgRef.current!.getBoundingClientRect();
      if (width && height) size.current = { width, height };
    }
    onResize.previous.current = size.current;
    if (size.current) state.setMinimap(fitScale(layout, size.current) < LEGIBLE_SCALE);
    const kept = keptView(layout);
    // The same nodes laid out again (the worker's compile replacing the graph drawn at build time, say)
    // keep the user's "show everything".
    const sameNodes = shownNodes.current !== null && haveSameNodes(shownNodes.current, layout);
    shownNodes.current = layout;
    if (!kept) return moves.fit(sameNodes && moves.fitted.current === 'whole');
    moves.fitted.current = null;
    state.setFolded(NONE);
    zoom.moveTo(kept);
  }, [layout]);
  // A minimap just shown draws the view's rectangle at once.
  useLayoutEffect(() => {
    if (state.minimap && state.moved && svgRef.current) followMinimap(zoomTransform(svgRef.current));
  }, [state.minimap, state.moved, layout]);
  // A newly selected node shows its lineage (a node picked in the details' lists, or by Enter).
  useLayoutEffect(() => {
    if (selected) moves.showLineage(selected);
  }, [selected, focusHops]);
  return {
    svgRef,
    viewport,
    minimapView,
    folded: state.folded,
    setFolded: state.setFolded,
    minimap: state.minimap,
    moved: state.moved,
    region,
    toggleCluster,
    fit: moves.fit,
    show: moves.show,
    zoomBy: moves.zoomBy,
    panTo: moves.panTo,
  };
}

/** The view's state that the drawing shows: folded nodes, the minimap, whether the user moved the view. */
function useViewState() {
  // The opening view's folded nodes (those that do not fit legibly), until the user moves the view.
  const [folded, setFolded] = useState<ReadonlySet<string>>(NONE);
  // The minimap shows while the graph does not fit the pane legibly; its view rectangle follows the zoom.
  const [minimap, setMinimap] = useState(false);
  // Not over the opening view (it would hide nodes there): it appears once the user moves the view.
  const [moved, setMoved] = useState(false);
  const movedRef = useRef(false);
  const markMoved = (value: boolean) => {
    if (movedRef.current === value) return;
    movedRef.current = value;
    setMoved(value);
  };
  return { folded, setFolded, minimap, setMinimap, moved, markMoved };
}

type ViewState = ReturnType<typeof useViewState>;
type Zoom = ReturnType<typeof useZoom>;

interface MovesOptions {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly size: RefObject<Size | null>;
  readonly zoom: Zoom;
  readonly state: ViewState;
  readonly graph: GraphDescription;
  readonly layout: GraphLayout;
  readonly lineage: Lineage;
  readonly inFocus: ReadonlySet<string> | null;
}

/** The view's moves: the opening view, fitting, following a node or a lineage, zooming, panning. */
function useViewMoves({ svgRef, size, zoom, state, graph, layout, lineage, inFocus }: MovesOptions) {
  const { zoomRef, moveTo } = zoom;
  const { setFolded, markMoved } = state;
  const fitPending = useRef(false);
  /** Which fit the view shows (a resize fits it again), or null once the user or a selection moved it. */
  const fitted = useRef<'opening' | 'whole' | null>('opening');
  /** Releases the view from its fit: the folded nodes come back as the view reaches them. */
  const release = () => {
    fitted.current = null;
    setFolded(NONE);
  };
  /** `all`: the user asked to see everything; otherwise (a new graph, a resize) the opening view. */
  const fit = (all = false) => {
    if (!svgRef.current || !zoomRef.current || !size.current || !layout.width) {
      fitPending.current = true;
      return;
    }
    fitPending.current = false;
    fitted.current = all ? 'whole' : 'opening';
    const pane = size.current;
    if (all) {
      setFolded(NONE);
      const box = { x0: 0, y0: 0, x1: layout.width, y1: layout.height };
      moveTo(centreOn(box, pane, fitScale(layout, pane)));
      return;
    }
    const outputs = graph.nodes.filter((n) => n.isOutput).map((n) => n.name);
    const opening = openingView(layout, pane, outputs);
    markMoved(false);
    setFolded(opening.folded);
    moveTo(opening.transform);
  };
  /** Pans (at the current zoom) so the node is in view, when it is not; says whether it panned. */
  const show = (name: string | null): boolean => {
    const svg = svgRef.current;
    const place = name ? layout.nodes.get(name) : undefined;
    if (!svg || !place || !zoomRef.current || !size.current) return false;
    const t = zoomTransform(svg);
    const [x, y] = t.apply([place.x, place.y]);
    const margin = (place.width / 2) * t.k;
    if (x - margin >= 0 && x + margin <= size.current.width && y >= 0 && y <= size.current.height)
      return false;
    select(svg).call(zoomRef.current.translateTo, place.x, place.y);
    fitted.current = null;
    return true;
  };
  /** Brings the selected node's lineage into view (see {@link lineageView}). */
  const showLineage = (name: string) => {
    if (!layout.nodes.has(name) || !svgRef.current || !zoomRef.current || !size.current) return;
    const near = [...lineage.parents(name), ...lineage.children(name)];
    const all = inFocus ? [...inFocus] : [...lineage.upstream(name), ...lineage.downstream(name)];
    release();
    moveTo(lineageView(layout, size.current, zoomTransform(svgRef.current).k, name, near, all));
  };
  const zoomBy = (factor: number) => {
    if (!svgRef.current || !zoomRef.current) return;
    release();
    markMoved(true);
    select(svgRef.current).call(zoomRef.current.scaleBy, factor);
  };
  /** Pans the view's centre to a point (the minimap was clicked). */
  const panTo = (x: number, y: number) => {
    release();
    select(svgRef.current!).call(zoomRef.current!.translateTo, x, y);
  };
  // A pan or zoom by the user ends the opening view: resizing the pane then keeps their view,
  // and the folded nodes come back as the view reaches them.
  const onUserMove = () => {
    release();
    markMoved(true);
  };
  return { fit, fitted, fitPending, show, showLineage, zoomBy, panTo, onUserMove };
}

interface ResizeOptions {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly size: RefObject<Size | null>;
  readonly zoom: Zoom;
  readonly moves: ReturnType<typeof useViewMoves>;
  readonly layout: GraphLayout;
  readonly selected: string | null;
  readonly setMinimap: (shown: boolean) => void;
}

/** What a resize of the pane does to the view; `previous` is the size it last followed. */
function useResizeFollower({ svgRef, size, zoom, moves, layout, selected, setMinimap }: ResizeOptions) {
  const previous = useRef<Size | null>(null);
  const onResize = () => {
    const before = previous.current;
    previous.current = size.current;
    if (size.current) setMinimap(fitScale(layout, size.current) < LEGIBLE_SCALE);
    // The details sheet opened or closed beside the graph: the lineage goes where there is room.
    if (selected && layout.nodes.has(selected)) moves.showLineage(selected);
    // Still the opening view (the window, a run's results or a panel changed the pane): open it again.
    else if (moves.fitPending.current || moves.fitted.current) moves.fit(moves.fitted.current === 'whole');
    // Otherwise the point at the pane's centre stays there: a resize never jumps the view.
    else if (before && size.current) {
      const t = zoomTransform(svgRef.current!);
      const dx = (size.current.width - before.width) / 2;
      const dy = (size.current.height - before.height) / 2;
      zoom.moveTo({ x: t.x + dx, y: t.y + dy, k: t.k });
    }
  };
  return Object.assign(onResize, { previous });
}

/**
 * d3-zoom on the SVG, set up before the first fit (a layout effect too); `onZoom` hears every transform
 * and whether a gesture of the user's made it. `moveTo` sets the view.
 */
function useZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  onZoom: (transform: ZoomTransform, gesture: boolean) => void,
) {
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const onZoomRef = useRef(onZoom);
  onZoomRef.current = onZoom;
  useLayoutEffect(() => {
    const svg = svgRef.current!;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) =>
        onZoomRef.current(event.transform, !!event.sourceEvent),
      );
    zoomRef.current = behavior;
    select(svg).call(behavior).on('dblclick.zoom', null);
    return () => void select(svg).on('.zoom', null);
  }, [svgRef]);
  const moveTo = (t: Transform) => {
    select(svgRef.current!).call(zoomRef.current!.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  };
  return { zoomRef, moveTo };
}

/**
 * The pane's size, kept by a ResizeObserver: reading it on demand would force a synchronous layout of
 * the whole drawing right after React adds it. `onResize` runs before the frame is painted, so a first
 * graph does not flash empty.
 */
function usePaneSize(
  svgRef: RefObject<SVGSVGElement | null>,
  size: RefObject<Size | null>,
  onResize: ReturnType<typeof useResizeFollower>,
) {
  const onResizeRef = useRef(onResize);
  onResizeRef.current = onResize;
  useEffect(() => {
    const svg = svgRef.current!;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      size.current = width && height ? { width, height } : null;
      // The size the view already follows (a big graph's, measured as it was first drawn): the
      // observer's first report of it changes nothing, and flushing React's pending work (the first
      // drawing's effects) here would hold that drawing's frame.
      const before = onResizeRef.current.previous.current;
      if (!size.current || (before && before.width === width && before.height === height)) return;
      flushSync(() => onResizeRef.current());
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [svgRef, size]);
}

function haveSameNodes(a: GraphLayout, b: GraphLayout): boolean {
  if (a.nodes.size !== b.nodes.size) return false;
  for (const name of a.nodes.keys()) if (!b.nodes.has(name)) return false;
  return true;
}
