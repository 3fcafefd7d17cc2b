declare module 'virtual:example-graphs' {
  import type { ExampleGraph } from 'virtual:first-graph';
  /** Every example's, in the examples' order. */
  const graphs: readonly ExampleGraph[];
  export default graphs;
}

declare module 'virtual:first-graph' {
  import type { CompiledEvent, Json, SourceFile } from '../../worker/protocol';
  /** An example's files and config, and what compiling them gave at build time (see build/exampleGraphs.ts). */
  export interface ExampleGraph {
    readonly files: readonly SourceFile[];
    readonly config: Readonly<Record<string, Json>>;
    readonly compiled: CompiledEvent;
  }
  /** The default example's. */
  const graph: ExampleGraph;
  export default graph;
}
