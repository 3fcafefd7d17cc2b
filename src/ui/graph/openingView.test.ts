import { describe, expect, it } from 'vitest';
import { computeLayout, type GraphLayout } from './layout';
import { LEGIBLE_SCALE, lineageView, openingView, viewCovers } from './openingView';
import { syntheticGraph } from './testGraphs';

const outputsOf = (graph: ReturnType<typeof syntheticGraph>) =>
  graph.nodes.filter((n) => n.isOutput).map((n) => n.name);

/** The drawn (unfolded) nodes, each checked to lie wholly in the pane under the view's transform. */
function drawnInPane(layout: GraphLayout, pane: { width: number; height: number }) {
  return (view: ReturnType<typeof openingView>) =>
    [...layout.nodes.values()]
      .filter((p) => !view.folded.has(p.name))
      .every((p) => viewCovers(view.transform, pane, p));
}

describe('the opening view', () => {
  it('shows a small graph whole when it fits legibly', () => {
    const graph = syntheticGraph(6);
    const layout = computeLayout(graph);
    const view = openingView(layout, { width: 1400, height: 800 }, outputsOf(graph));
    expect(view.folded.size).toBe(0);
    expect(view.transform.k).toBeGreaterThanOrEqual(LEGIBLE_SCALE);
    expect(view.transform.k).toBeLessThanOrEqual(1);
  });
  it('opens a big graph on its outputs at a legible zoom, folding what does not fit wholly', () => {
    const graph = syntheticGraph(60);
    const layout = computeLayout(graph);
    const pane = { width: 800, height: 400 };
    const view = openingView(layout, pane, outputsOf(graph));
    expect(view.transform.k).toBe(LEGIBLE_SCALE);
    expect(view.folded.size).toBeGreaterThan(0);
    expect(view.folded.size).toBeLessThan(60);
    // Every output that fits is drawn, and no drawn node is cut at the pane's edge.
    expect(outputsOf(graph).some((name) => !view.folded.has(name))).toBe(true);
    expect(drawnInPane(layout, pane)(view)).toBe(true);
  });
  it('draws only nodes joined to a drawn output through drawn nodes', () => {
    for (const direction of ['LR', 'TB'] as const) {
      const graph = syntheticGraph(60);
      const layout = computeLayout(graph, direction);
      const view = openingView(layout, { width: 400, height: 260 }, outputsOf(graph));
      const drawn = new Set([...layout.nodes.keys()].filter((name) => !view.folded.has(name)));
      const reached = new Set(outputsOf(graph).filter((name) => drawn.has(name)));
      expect(reached.size).toBeGreaterThan(0);
      for (let grew = true; grew;) {
        grew = false;
        for (const { from, to } of layout.edges) {
          for (const [a, b] of [
            [from, to],
            [to, from],
          ]) {
            if (reached.has(a) && drawn.has(b) && !reached.has(b)) grew = reached.add(b) !== undefined;
          }
        }
      }
      expect([...drawn].filter((name) => !reached.has(name))).toEqual([]);
      expect(drawn.size).toBeGreaterThan(1);
    }
  });
  it('folds a node whose only way to the output is folded, and draws one with no edge where it fits', () => {
    const place = (name: string, x: number, y: number) =>
      [name, { name, x, y, width: 120, height: 48 }] as const;
    const edge = (from: string, to: string) => ({ from, to, points: [], back: false });
    const layout: GraphLayout = {
      // The view (800 × 400 at legible zoom) covers x from about 2180 to 3000: D lies outside it.
      nodes: new Map([
        place('out', 2900, 100),
        place('a', 2700, 100),
        place('config_key', 2700, 30),
        place('c', 2500, 170),
        place('d', 100, 170),
      ]),
      edges: [edge('a', 'out'), edge('c', 'd'), edge('d', 'out')],
      width: 3000,
      height: 200,
      algorithm: 'layered',
      direction: 'LR',
    };
    const view = openingView(layout, { width: 800, height: 400 }, ['out']);
    expect([...view.folded].sort()).toEqual(['c', 'd']);
  });
  it('anchors top to bottom layouts on their bottom end', () => {
    const graph = syntheticGraph(60);
    const layout = computeLayout(graph, 'TB');
    const pane = { width: 375, height: 700 };
    const view = openingView(layout, pane, outputsOf(graph));
    expect(view.folded.size).toBeLessThan(60);
    expect(drawnInPane(layout, pane)(view)).toBe(true);
  });
});

describe('the lineage view', () => {
  it('fits a node with its whole lineage when that is readable, its direct neighbours otherwise', () => {
    const graph = syntheticGraph(6);
    const layout = computeLayout(graph);
    const pane = { width: 900, height: 500 };
    const name = graph.nodes[3].name;
    const all = graph.nodes.map((n) => n.name).filter((n) => n !== name);
    const t = lineageView(layout, pane, 1, name, [], all);
    for (const n of all) expect(viewCovers(t, pane, layout.nodes.get(n)!)).toBe(true);

    const big = syntheticGraph(150);
    const bigLayout = computeLayout(big);
    const last = big.nodes[149].name;
    const parents = big.edges.filter((e) => e.to === last).map((e) => e.from);
    const everything = big.nodes.map((n) => n.name).filter((n) => n !== last);
    const near = lineageView(bigLayout, pane, 1, last, parents, everything);
    for (const n of [last, ...parents]) expect(viewCovers(near, pane, bigLayout.nodes.get(n)!)).toBe(true);
  });
});
