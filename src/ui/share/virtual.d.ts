declare module 'virtual:example-graphs' {
  import type { CompiledEvent, Json, SourceFile } from '../../worker/protocol';
  /** Each example's files and config, and what compiling them gave (see exampleGraphsPlugin.ts). */
  const snapshots: readonly {
    readonly files: readonly SourceFile[];
    readonly config: Readonly<Record<string, Json>>;
    readonly compiled: CompiledEvent;
  }[];
  export default snapshots;
}
