/**
 * The big graph layout's own cost, in Node (no browser, no drawing): the benchmark's 1,000-node graph
 * and the 10,000-node graph with subdags folded as it opens, each compiled by the worker's session and
 * laid out by computeLayout — once cold (the first layout of this process, before the JIT has warmed
 * up, as a page's first graph is) and then warm (median of several, and the fastest: on a shared machine
 * the fastest is nearest the layout's own cost). Also the size of the layered graph:
 * its layers and the dummy vertices its long edges add.
 * Usage: npx tsx src/ui/graph/layout.bench.ts   (LAYOUT_BENCH_RUNS warm runs, default 5)
 */
import { loadavg } from 'node:os';
import type { GraphDescription } from 'hamilton';
import { bigWorkspace } from '../../../scripts/bench/bigWorkspace';
import { compiledGraph } from '../../../scripts/bench/compiledGraph';
import { compactSubdagWorkspace } from '../../../scripts/bench/hugeWorkspace';
import { clustersOf, foldClusters } from './grouping';
import { computeLayout, indexGraph } from './layout';
import { adjacencyOf, layeredVertices } from './layeredRanks';

const runs = Number(process.env.LAYOUT_BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The graph as it opens: over 200 nodes, every cluster folded (useClusters.ts). */
function opened(graph: GraphDescription) {
  const clusters = clustersOf(graph, 'namespace');
  const shown = foldClusters(graph, clusters, new Set(clusters.members.keys()));
  return { shown, clusterOf: clusters.clusterOf };
}

/** Layers and dummy vertices of the layered graph. */
function layeredSize(graph: GraphDescription) {
  const { n, layer, layerCount } = layeredVertices(adjacencyOf(indexGraph(graph).parents));
  return { layers: layerCount, dummies: layer.length - n };
}

const graphs = {
  '1,000 nodes': opened(await compiledGraph(bigWorkspace(1000))),
  '10,000 nodes, subdags folded': opened(await compiledGraph(compactSubdagWorkspace(10_000))),
};
const time = (run: () => void) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};
console.log(
  `Graph layout in Node (load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
);
for (const [name, { shown, clusterOf }] of Object.entries(graphs)) {
  const lay = () => computeLayout(shown, 'LR', clusterOf);
  const cold = time(lay);
  const warm = Array.from({ length: runs }, () => time(lay));
  const { layers, dummies } = layeredSize(shown);
  console.log(
    `${name.padEnd(30)} ${String(shown.nodes.length).padStart(6)} nodes ${String(shown.edges.length).padStart(6)} edges` +
      ` ${String(layers).padStart(5)} layers ${String(dummies).padStart(6)} dummies` +
      `   cold ${Math.round(cold)} ms, warm ${Math.round(median(warm))} ms (fastest ${Math.round(Math.min(...warm))})`,
  );
}
