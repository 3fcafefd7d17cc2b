import { useState, type RefObject } from 'react';
import type { GraphDescription } from 'hamilton';
import { Popover } from '../layout/Popover';
import { FocusControl } from './FocusControl';
import { GraphSearch } from './GraphSearch';
import type { GraphCanvasHandle } from './useCanvasHandle';
import { Legend } from './Legend';
import type { runSummary } from '../state/runStates';
import { exportDot, exportPng, exportSvg, graphSvg } from './exportGraph';
import type { GroupBy } from './grouping';
import type { GraphLayout } from './layout';
import type { PaneControls } from './paneControls';

interface GraphToolbarProps {
  readonly graph: GraphDescription | null;
  readonly layout: GraphLayout | null;
  readonly canvas: RefObject<GraphCanvasHandle | null>;
  readonly onFound: (name: string) => void;
  readonly controls: PaneControls;
  readonly runStates: ReturnType<typeof runSummary>;
}

const ZOOMS = [
  ['Zoom in', '+', 1.25],
  ['Zoom out', '−', 0.8],
] as const;

/** The graph's toolbar: fit and zoom, export, search, focus, grouping, and the run's waterfall. */
export function GraphToolbar(props: GraphToolbarProps) {
  const { graph, canvas, controls, runStates } = props;
  // Whether the graph or the last run's waterfall shows (null: no run to show yet).
  const waterfall = runStates.ran ? controls.waterfall : null;
  return (
    <div className="toolbar graph-toolbar">
      {!waterfall && (
        <>
          <button
            type="button"
            className="button"
            onClick={() => canvas.current?.fit()}
            title="Fit to view (F)"
          >
            Fit
          </button>
          {ZOOMS.map(([label, text, factor]) => (
            <button
              key={label}
              type="button"
              className="icon-button"
              aria-label={label}
              onClick={() => canvas.current?.zoomBy(factor)}
            >
              {text}
            </button>
          ))}
          <ExportMenu {...props} />
          {graph && graph.nodes.length > 0 && <GraphSearch nodes={graph.nodes} onFound={props.onFound} />}
          <FocusControl hops={controls.focusHops} onChange={controls.setFocusHops} />
          <select
            className="group-select"
            aria-label="Group nodes"
            title="Group nodes by namespace (subdags) or by module; a group folds into one box"
            value={controls.groupBy}
            onChange={(event) => controls.setGroupBy(event.target.value as GroupBy)}
          >
            <option value="namespace">Group: namespaces</option>
            <option value="module">Group: modules</option>
            <option value="none">No groups</option>
          </select>
        </>
      )}
      {/* Always there (disabled before a run), so a run does not reflow the toolbar and move the graph. */}
      <button
        type="button"
        className="button"
        aria-pressed={!!waterfall}
        disabled={waterfall === null}
        title={waterfall === null ? 'Run to see the run on a timeline' : "The last run's nodes on a timeline"}
        onClick={() => controls.setWaterfall(!waterfall)}
      >
        Waterfall
      </button>
      <span className="spacer" />
      {graph && !waterfall && <Legend graph={graph} runStates={runStates} />}
    </div>
  );
}

function ExportMenu({ graph, layout, canvas }: GraphToolbarProps) {
  const [exportError, setExportError] = useState<string | null>(null);
  const doExport = async (kind: 'svg' | 'png' | 'dot', close: () => void) => {
    if (!graph || !layout || !canvas.current) return;
    try {
      if (kind === 'dot') await exportDot(graph);
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
  );
}
