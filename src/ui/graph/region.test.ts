import { describe, expect, it } from 'vitest';
import { computeLayout } from './layout';
import { around, edgeBoxes, edgeIn, nodeIn, serves, viewOf } from './region';
import { syntheticGraph } from './testGraphs';

describe('drawn region', () => {
  it('is the pane in graph coordinates, with half its size around it', () => {
    const view = viewOf({ x: -100, y: 50, k: 2 }, { width: 400, height: 200 });
    expect(view).toEqual({ x0: 50, y0: -25, x1: 250, y1: 75 });
    expect(around(view)).toEqual({ x0: -50, y0: -75, x1: 350, y1: 125 });
  });
  it('serves a view it covers, until zooming in leaves it far too big', () => {
    const region = around(viewOf({ x: 0, y: 0, k: 1 }, { width: 400, height: 200 }));
    expect(serves(region, viewOf({ x: -150, y: 0, k: 1 }, { width: 400, height: 200 }))).toBe(true);
    expect(serves(region, viewOf({ x: -250, y: 0, k: 1 }, { width: 400, height: 200 }))).toBe(false);
    expect(serves(region, viewOf({ x: 0, y: 0, k: 5 }, { width: 400, height: 200 }))).toBe(false);
  });
  it('finds the nodes and edges of a big graph inside a rectangle', () => {
    const layout = computeLayout(syntheticGraph(400));
    const r = { x0: 0, y0: 0, x1: layout.width / 4, y1: layout.height };
    const nodes = [...layout.nodes.values()].filter((n) => nodeIn(n, r));
    expect(nodes.length).toBeGreaterThan(10);
    expect(nodes.length).toBeLessThan(300);
    const boxes = edgeBoxes(layout);
    layout.edges.forEach((e, i) => {
      const touches = [e.from, e.to].some((name) => nodes.includes(layout.nodes.get(name)!));
      if (touches) expect(edgeIn(boxes, i, r)).toBe(true);
    });
  });
});
