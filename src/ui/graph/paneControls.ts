/** The graph pane's view options, which its toolbar sets: focus mode's hops, grouping, and the waterfall. */
import { useState } from 'react';
import type { GroupBy } from './grouping';

/** What the toolbar shows and sets. */
export interface PaneControls {
  /** Focus mode: with a node selected, only the nodes this many hops from it are drawn (null: off). */
  readonly focusHops: number | null;
  readonly setFocusHops: (hops: number | null) => void;
  readonly groupBy: GroupBy;
  readonly setGroupBy: (by: GroupBy) => void;
  /** Whether the last run's waterfall shows instead of the graph (once there is a run). */
  readonly waterfall: boolean;
  readonly setWaterfall: (shown: boolean) => void;
}

/** The pane's view options: no focus mode, groups by namespace, the graph rather than the waterfall. */
export function usePaneControls(): PaneControls {
  const [focusHops, setFocusHops] = useState<number | null>(null);
  const [groupBy, setGroupBy] = useState<GroupBy>('namespace');
  const [waterfall, setWaterfall] = useState(false);
  return { focusHops, setFocusHops, groupBy, setGroupBy, waterfall, setWaterfall };
}
