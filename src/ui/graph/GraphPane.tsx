import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import type { GraphDescription } from 'hamilton';
import { useSession, useView, useWorkspace } from '../state/hooks';
import { lineageOf } from '../state/lineage';
import { allDiagnostics, type NodeRun } from '../state/session';
import { runSummary } from '../state/runStates';
import type { Diagnostic } from '../../worker/protocol';
import { peekInEditor, revealInEditor, updateView } from '../state/view';
import { useMediaQuery } from '../layout/useMediaQuery';
import { GraphCanvas } from './GraphCanvas';
import type { GraphCanvasHandle } from './useCanvasHandle';
import { GraphToolbar } from './GraphToolbar';
import { NodeDetails } from './NodeDetails';
import { NodeTooltip } from './NodeTooltip';
import { usePaneControls } from './paneControls';
import { RunWaterfall } from './RunWaterfall';
import { useClusters } from './useClusters';
import { OFF_THREAD_ABOVE, type ClusterOf, type Direction, type GraphLayout } from './layout';
import { layoutLater, layoutNow, warmLayouts } from './layoutWorker';
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
function useLayout(
  graph: GraphDescription | null,
  direction: Direction | null,
  clusterOf: ClusterOf | undefined,
  /** The graph from the worker that `graph` shows (folded): its arrival starts the layout's measure. */
  source: GraphDescription | null,
): GraphLayout | null {
  // The measure of a layout made in the worker ends when it comes back.
  const pending = useRef<(() => void) | null>(null);
  const now = useMemo(() => {
    if (!graph || !direction || !source) return null;
    const end = beginLayout(graph.nodes.length, source);
    const layout = layoutNow(graph, direction, clusterOf);
    if (layout) end();
    pending.current = layout ? null : end;
    return layout;
  }, [graph, direction, clusterOf, source]);
  const [later, setLater] = useState<GraphLayout | null>(null);
  useEffect(warmLayouts, []);
  useEffect(() => {
    if (now || !graph || !direction) return;
    let live = true;
    void layoutLater(graph, direction, clusterOf).then((layout) => {
      if (!live) return;
      pending.current?.();
      pending.current = null;
      setLater(layout);
    });
    return () => void (live = false);
  }, [now, graph, direction, clusterOf]);
  return now ?? later;
}

/**
 * A callback that keeps its identity and calls the latest `fn`: the memoised canvas is not drawn again
 * each time the pane is (on every frame of a run).
 */
function useSteadyCallback<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/**
 * The graph a big arrival brings, a render later: the task that received and checked the worker's message
 * ends before the pane folds the graph's groups and asks for its layout (React renders the deferred value
 * on its own, in a transition), so no one task does both. A graph laid out at once (up to
 * {@link OFF_THREAD_ABOVE} nodes) is drawn in the task that brought it.
 */
function useOwnTaskWhenBig(graph: GraphDescription | null | undefined): GraphDescription | null {
  const deferred = useDeferredValue(graph ?? null);
  return graph && graph.nodes.length > OFF_THREAD_ABOVE ? deferred : (graph ?? null);
}

/** The graph region: toolbar, drawing (or the run's waterfall), legend, problems, and the selected node's details. */
export function GraphPane() {
  const session = useSession();
  const { selected } = useView();
  const canvas = useRef<GraphCanvasHandle>(null);
  const pane = useRef<HTMLDivElement>(null);
  const direction = useDirection(pane);
  // Beside a desktop editor, a clicked node's code scrolls into view there (the focus stays here).
  const phone = useMediaQuery('(max-width: 719px)');
  const [hover, setHover] = useState<{ name: string; x: number; y: number } | null>(null);
  const controls = usePaneControls();
  const { focusHops, groupBy } = controls;
  const { outputs } = useWorkspace();
  const compiled = session.compiled;
  const described = useOwnTaskWhenBig(compiled?.graph);
  const graph = useMemo(
    () => (described ? withRequestedOutputs(described, outputs) : null),
    [described, outputs],
  );
  const clusters = useClusters(graph, groupBy);
  const shown = clusters?.shown ?? null;
  const layout = useLayout(shown, direction, clusters?.clusters.clusterOf, described);
  // A node inside a folded cluster unfolds it to be shown.
  const reveal = (name: string | null) => {
    if (name) clusters?.reveal(name);
    select(name);
  };
  const onSelect = useSteadyCallback((name: string | null) => {
    reveal(name);
    const location = name && !phone ? described?.nodes.find((n) => n.name === name)?.location : null;
    if (location) peekInEditor(location);
  });
  const onToggleCluster = useSteadyCallback((cluster: string) => clusters?.toggle(cluster));
  // The session's graph has the same nodes and edges as `graph`: its lineage is the catalog's too.
  const lineage = described ? lineageOf(described) : null;
  // The same graph when nothing is folded: its lineage is not made twice.
  const shownLineage = useMemo(
    () => (shown && shown !== graph ? lineageOf(shown) : lineage),
    [shown, graph, lineage],
  );
  const runs = session.run?.nodes ?? NO_RUNS;
  const { compiled: lastCompile, run } = session;
  const diagnostics = useMemo(() => allDiagnostics({ compiled: lastCompile, run }), [lastCompile, run]);
  const errorNodes = useMemo(
    () => new Set(diagnostics.filter((d) => d.severity === 'error' && d.node).map((d) => d.node!)),
    [diagnostics],
  );
  const node = useMemo(() => graph?.nodes.find((n) => n.name === selected), [graph, selected]);
  const hovered = hover && graph?.nodes.find((n) => n.name === hover.name);
  const runStates = useMemo(() => runSummary(runs), [runs]);
  const showWaterfall = controls.waterfall && runStates.ran;
  const counts = useMemo(() => graph && { nodes: graph.nodes.length, edges: graph.edges.length }, [graph]);

  return (
    <div className="graph-pane" ref={pane}>
      <GraphToolbar {...{ graph, layout, canvas, controls, runStates }} onFound={onSelect} />
      <GraphBanners diagnostics={diagnostics} stale={!!compiled?.stale} />
      {/* The details sit beside the graph on a wide pane and under it on a tall one: never over it. */}
      <div className={`graph-body ${layout?.direction === 'TB' ? 'sheet-below' : 'sheet-beside'}`}>
        {showWaterfall ? (
          <RunWaterfall nodes={runs} runMs={run?.durationMs} selected={selected} onSelect={onSelect} />
        ) : graph && shown && layout && shownLineage && clusters && counts ? (
          graph.nodes.length ? (
            <GraphCanvas
              graph={shown}
              layout={layout}
              lineage={shownLineage}
              errorNodes={errorNodes}
              selected={selected}
              onSelect={onSelect}
              onHover={setHover}
              handle={canvas}
              focusHops={focusHops}
              clusters={clusters.clusters}
              foldedClusters={clusters.folded}
              onToggleCluster={onToggleCluster}
              counts={counts}
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
            onSelect={reveal}
          />
        )}
      </div>
      {hovered && hover && hover.name !== selected && (
        <NodeTooltip node={hovered} run={runs[hovered.name]} x={hover.x} y={hover.y} />
      )}
    </div>
  );
}

/** Problems in the code, and a stale graph: above the drawing, each error's place a link into the editor. */
function GraphBanners({
  diagnostics,
  stale,
}: {
  readonly diagnostics: readonly Diagnostic[];
  readonly stale: boolean;
}) {
  const unplaced = diagnostics.filter((d) => d.severity === 'error' && !d.file);
  const placed = diagnostics.filter((d) => d.severity === 'error' && d.file);
  return (
    <>
      {stale && <p className="graph-banner warn">The code has errors; this is the last graph that built.</p>}
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
    </>
  );
}
