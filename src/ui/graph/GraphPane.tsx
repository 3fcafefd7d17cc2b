import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { GraphDescription } from 'hamilton';
import { useSession, useView, useWorkspace } from '../state/hooks';
import { lineageOf } from '../state/lineage';
import { allDiagnostics, type NodeRun } from '../state/session';
import { peekInEditor, revealInEditor, updateView } from '../state/view';
import { useMediaQuery } from '../layout/useMediaQuery';
import { Popover } from '../layout/Popover';
import { GraphCanvas, type GraphCanvasHandle } from './GraphCanvas';
import { GraphSearch } from './GraphSearch';
import { FocusControl } from './FocusControl';
import { Legend } from './Legend';
import { NodeDetails } from './NodeDetails';
import { NodeTooltip } from './NodeTooltip';
import { exportDot, exportPng, exportSvg, graphSvg } from './exportGraph';
import type { Direction, GraphLayout } from './layout';
import { layoutLater, layoutNow } from './layoutWorker';
import { withRequestedOutputs } from './requestedOutputs';
import { beginLayout } from './timing';
import './graph.css';

const NO_RUNS: Readonly<Record<string, NodeRun>> = {};
const select = (name: string | null) => updateView({ selected: name });

/**
 * Which way the layers run, from the pane's shape: left to right on a wide pane, top to bottom on a
 * tall one (a phone, a narrow embed). Near square it keeps its way, so a small resize does not flip it.
 */
function useDirection(pane: RefObject<HTMLElement | null>): Direction | null {
  const [direction, setDirection] = useState<Direction | null>(null);
  useLayoutEffect(() => {
    const element = pane.current!;
    const follow = (width: number, height: number) => {
      if (!width || !height) return;
      setDirection((was) => (height > width * 1.15 ? 'TB' : width > height * 1.15 || !was ? 'LR' : was));
    };
    const { width, height } = element.getBoundingClientRect();
    follow(width, height);
    const observer = new ResizeObserver(([entry]) =>
      follow(entry.contentRect.width, entry.contentRect.height),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [pane]);
  return direction;
}

/**
 * The graph's layout: at once for a small or already laid out graph; a big one from the layout worker,
 * the previous layout staying on screen meanwhile (the page stays responsive, the view does not blank).
 */
function useLayout(graph: GraphDescription | null, direction: Direction | null): GraphLayout | null {
  // The measure of a layout made in the worker ends when it comes back.
  const pending = useRef<(() => void) | null>(null);
  const now = useMemo(() => {
    if (!graph || !direction) return null;
    const end = beginLayout(graph.nodes.length);
    const layout = layoutNow(graph, direction);
    if (layout) end();
    pending.current = layout ? null : end;
    return layout;
  }, [graph, direction]);
  const [later, setLater] = useState<GraphLayout | null>(null);
  useEffect(() => {
    if (now || !graph || !direction) return;
    let live = true;
    void layoutLater(graph, direction).then((layout) => {
      if (!live) return;
      pending.current?.();
      pending.current = null;
      setLater(layout);
    });
    return () => void (live = false);
  }, [now, graph, direction]);
  return now ?? later;
}

/** The graph region: toolbar, drawing, legend, problems without a place, and the selected node's details. */
export function GraphPane() {
  const session = useSession();
  const { selected } = useView();
  const canvas = useRef<GraphCanvasHandle>(null);
  const pane = useRef<HTMLDivElement>(null);
  const direction = useDirection(pane);
  // Beside a desktop editor, a clicked node's code scrolls into view there (the focus stays here).
  const phone = useMediaQuery('(max-width: 719px)');
  const [hover, setHover] = useState<{ name: string; x: number; y: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [focusHops, setFocusHops] = useState<number | null>(null);
  const { outputs } = useWorkspace();
  const compiled = session.compiled;
  const described = compiled?.graph;
  const graph = useMemo(
    () => (described ? withRequestedOutputs(described, outputs) : null),
    [described, outputs],
  );
  const layout = useLayout(graph, direction);
  const onSelect = useMemo(
    () => (name: string | null) => {
      select(name);
      const location = name && !phone ? described?.nodes.find((n) => n.name === name)?.location : null;
      if (location) peekInEditor(location);
    },
    [phone, described],
  );
  const lineage = useMemo(() => (graph ? lineageOf(graph) : null), [graph]);
  const runs = session.run?.nodes ?? NO_RUNS;
  const { compiled: lastCompile, run } = session;
  const diagnostics = useMemo(() => allDiagnostics({ compiled: lastCompile, run }), [lastCompile, run]);
  const errorNodes = useMemo(
    () => new Set(diagnostics.filter((d) => d.severity === 'error' && d.node).map((d) => d.node!)),
    [diagnostics],
  );
  const unplaced = diagnostics.filter((d) => d.severity === 'error' && !d.file);
  const placed = diagnostics.filter((d) => d.severity === 'error' && d.file);
  const node = graph?.nodes.find((n) => n.name === selected);
  const hovered = hover && graph?.nodes.find((n) => n.name === hover.name);

  const doExport = async (kind: 'svg' | 'png' | 'dot', close: () => void) => {
    if (!graph || !layout || !canvas.current) return;
    try {
      if (kind === 'dot') exportDot(graph);
      else {
        const text = canvas.current.drawWhole((svg) => graphSvg(svg, layout));
        if (!text) return;
        if (kind === 'svg') exportSvg(text);
        else await exportPng(text);
      }
      setExportError(null);
      close();
    } catch (e) {
      setExportError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div className="graph-pane" ref={pane}>
      <div className="toolbar graph-toolbar">
        <button
          type="button"
          className="button"
          onClick={() => canvas.current?.fit()}
          title="Fit to view (F)"
        >
          Fit
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Zoom in"
          onClick={() => canvas.current?.zoomBy(1.25)}
        >
          +
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Zoom out"
          onClick={() => canvas.current?.zoomBy(0.8)}
        >
          −
        </button>
        <Popover label="Export ▾" buttonLabel="Export the graph">
          {(close) => (
            <>
              <ul className="menu" aria-label="Export formats">
                <li>
                  <button type="button" onClick={() => void doExport('svg', close)}>
                    SVG image
                  </button>
                </li>
                <li>
                  <button type="button" onClick={() => void doExport('png', close)}>
                    PNG image
                  </button>
                </li>
                <li>
                  <button type="button" onClick={() => void doExport('dot', close)}>
                    DOT (Graphviz)
                  </button>
                </li>
              </ul>
              {exportError && <p className="field-error">{exportError}</p>}
            </>
          )}
        </Popover>
        {graph && graph.nodes.length > 0 && <GraphSearch nodes={graph.nodes} onFound={onSelect} />}
        <FocusControl hops={focusHops} onChange={setFocusHops} />
        <span className="spacer" />
        {graph && <Legend graph={graph} />}
      </div>
      {compiled?.stale && (
        <p className="graph-banner warn">The code has errors; this is the last graph that built.</p>
      )}
      {placed.length > 0 && (
        <ul className="graph-banner error problems" aria-label="Problems in the code">
          {placed.slice(0, 3).map((d, i) => (
            <li key={i}>
              <button
                type="button"
                className="link-button"
                onClick={() => revealInEditor({ file: d.file!, line: d.line ?? 1, column: d.column ?? 1 })}
              >
                {d.file}:{d.line ?? 1}
              </button>{' '}
              {d.message}
            </li>
          ))}
          {placed.length > 3 && <li>…and {placed.length - 3} more (see the editor)</li>}
        </ul>
      )}
      {unplaced.map((d, i) => (
        <p key={i} className="graph-banner error" role="alert">
          {d.message}
        </p>
      ))}
      {/* The details sit beside the graph on a wide pane and under it on a tall one: never over it. */}
      <div className={`graph-body ${layout?.direction === 'TB' ? 'sheet-below' : 'sheet-beside'}`}>
        {graph && layout && lineage ? (
          graph.nodes.length ? (
            <GraphCanvas
              graph={graph}
              layout={layout}
              lineage={lineage}
              runs={runs}
              errorNodes={errorNodes}
              selected={selected}
              onSelect={onSelect}
              onHover={setHover}
              handle={canvas}
              focusHops={focusHops}
            />
          ) : (
            <p className="empty">No functions yet: export a function from a file and it appears here.</p>
          )
        ) : (
          <p className="empty" aria-busy="true">
            {session.worker === 'starting' ? 'Starting the compiler…' : 'Building the graph…'}
          </p>
        )}
        {node && lineage && (
          <NodeDetails
            node={node}
            lineage={lineage}
            run={runs[node.name]}
            validations={session.run?.validations ?? []}
            onSelect={select}
          />
        )}
      </div>
      {hovered && hover && hover.name !== selected && (
        <NodeTooltip node={hovered} run={runs[hovered.name]} x={hover.x} y={hover.y} />
      )}
    </div>
  );
}
