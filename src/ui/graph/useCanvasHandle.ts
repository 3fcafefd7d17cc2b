/** What the toolbar asks of the drawing: fit, zoom, and the whole graph drawn for an export. */
import { useImperativeHandle, useState, type Ref, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface GraphCanvasHandle {
  /** Fits the whole graph, however small that makes it (the user asked for it), unfolding what was folded. */
  fit(): void;
  zoomBy(factor: number): void;
  /** Calls `use` with the SVG while it draws the whole graph, labels included (for export). */
  drawWhole<T>(use: (svg: SVGSVGElement) => T): T | null;
}

interface ViewControls {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly fit: (all?: boolean) => void;
  readonly zoomBy: (factor: number) => void;
}

/** Exposes the canvas's handle; says whether the whole graph is being drawn (for an export, whatever the view). */
export function useCanvasHandle(handle: Ref<GraphCanvasHandle>, view: ViewControls): boolean {
  const [whole, setWhole] = useState(false);
  useImperativeHandle(handle, () => ({
    fit: () => view.fit(true),
    zoomBy: view.zoomBy,
    drawWhole(use) {
      flushSync(() => setWhole(true));
      try {
        return view.svgRef.current && use(view.svgRef.current);
      } finally {
        setWhole(false);
      }
    },
  }));
  return whole;
}
