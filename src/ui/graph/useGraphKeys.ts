/**
 * The canvas's keyboard and pointer presses: which node Tab reaches, arrows moving between nodes (the
 * view panning to keep the focused one in sight), Enter selecting, F fitting, + / − zooming, Escape
 * clearing; a pressed folded cluster unfolds.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { clusterOfKey } from './grouping';
import { arrowTarget, drawnNode, nodeAt, type ArrowKey } from './keyboard';
import type { Scene } from './useDrawing';

const NONE: ReadonlySet<string> = new Set();

/** What the keys ask of the viewport (useViewport). */
interface KeyedView {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly fit: (all?: boolean) => void;
  readonly zoomBy: (factor: number) => void;
  readonly show: (name: string | null) => boolean;
  readonly setFolded: (folded: ReadonlySet<string>) => void;
  readonly toggleCluster: (cluster: string) => void;
}

interface KeysOptions {
  readonly onSelect: (name: string | null) => void;
  readonly view: KeyedView;
  readonly hidden: ReadonlySet<string>;
}

export function useGraphKeys({ layout, lineage, selected }: Scene, { onSelect, view, hidden }: KeysOptions) {
  const [focus, setFocus] = useState<string | null>(null);
  // Null: the first node drawn, which the nodes' own drawing finds (GraphNodes).
  const focusName = focus && layout.nodes.has(focus) ? focus : selected;
  const moveFocus = useFocusMover(view, hidden, setFocus);

  /** A node pressed (clicked, Enter) is selected, or unselected; a folded cluster's box unfolds. */
  const press = (name: string) => {
    const cluster = clusterOfKey(name);
    if (cluster !== null) view.toggleCluster(cluster);
    else onSelect(name === selected ? null : name);
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const target = nodeAt(event.target);
    const fold = (event.target as Element).getAttribute('data-fold');
    if (fold !== null && (event.key === 'Enter' || event.key === ' ')) view.toggleCluster(fold);
    else if (event.key === 'f' || event.key === 'F') view.fit(true);
    else if (event.key === '+' || event.key === '=') view.zoomBy(1.25);
    else if (event.key === '-') view.zoomBy(0.8);
    else if (event.key === 'Escape') onSelect(null);
    else if (target && (event.key === 'Enter' || event.key === ' ')) press(target);
    else if (target && event.key.startsWith('Arrow')) {
      const next = arrowTarget(target, event.key as ArrowKey, layout, lineage);
      if (next) moveFocus(next);
    } else return;
    event.preventDefault();
  };
  const onClick = (event: { readonly target: EventTarget }) => {
    const fold = (event.target as Element).closest?.('[data-fold]')?.getAttribute('data-fold');
    if (fold) return view.toggleCluster(fold);
    const name = nodeAt(event.target);
    if (name) press(name);
    else onSelect(null);
    if (name) setFocus(name);
  };
  return { focusName, onKeyDown, onClick };
}

/** Moves the keyboard focus to a node, panning to it and unfolding the opening view when it is hidden. */
function useFocusMover(view: KeyedView, hidden: ReadonlySet<string>, setFocus: (name: string) => void) {
  const nodeElement = (name: string) => drawnNode(view.svgRef.current, name);
  // A node moved to by the keyboard may only be drawn once the view has panned to it.
  const focusWanted = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = focusWanted.current && nodeElement(focusWanted.current);
    if (!element) return;
    focusWanted.current = null;
    element.focus({ preventScroll: true });
  });
  return (name: string) => {
    setFocus(name);
    if (hidden.has(name)) view.setFolded(NONE);
    // Keep the focused node in view.
    view.show(name);
    const element = nodeElement(name);
    if (element) element.focus({ preventScroll: true });
    else focusWanted.current = name;
  };
}
