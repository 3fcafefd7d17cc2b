declare module 'virtual:first-graph' {
  import type { CompiledEvent, Json, SourceFile } from '../../worker/protocol';
  /** The default example's files and config, and what compiling them gave (see firstGraphPlugin.ts). */
  const snapshot: {
    readonly files: readonly SourceFile[];
    readonly config: Readonly<Record<string, Json>>;
    readonly compiled: CompiledEvent;
  };
  export default snapshot;
}
