/**
 * Plain, serializable descriptions of the graph: what `listAvailableVariables`, the lineage queries,
 * `visualizeExecution` and `displayAllFunctions` return, and what crosses from the worker to the UI.
 */
import type { NodeKind, TagValue } from './node';
import type { SourceLocation } from './source';

/** One node as Hamilton's `list_available_variables` describes it. */
export interface Variable {
  /** The node's name. */
  readonly name: string;
  /** The type text as written in the source (`unknown` when not annotated). */
  readonly type: string;
  /** Its tags, with the automatic `module` tag. */
  readonly tags: Readonly<Record<string, TagValue>>;
  /** The TSDoc of the defining function. */
  readonly documentation: string;
  /** True for an external input (a dependency nothing in the graph produces). */
  readonly isExternalInput: boolean;
  /** Function, external input or config. */
  readonly kind: NodeKind;
  /** Dependencies that must be provided. */
  readonly requiredDependencies: readonly string[];
  /** Dependencies that have defaults. */
  readonly optionalDependencies: readonly string[];
  /** Where the defining function is written, when known. */
  readonly location?: SourceLocation;
}

/** A node of a {@link GraphDescription}: a {@link Variable} plus what the drawing needs. */
export interface DescribedNode extends Variable {
  /** Requested as a final output (drawn filled `#FFC857`). */
  readonly isOutput: boolean;
  /** Given as an override (drawn hatched). */
  readonly isOverride: boolean;
  /** Will run in the execution being described (false for nodes outside it). */
  readonly onPath: boolean;
  /** For config nodes: the value, as short text (drawn in the note). */
  readonly value?: string;
  /** The user function's name when it differs from the node name (decorator-made nodes). */
  readonly functionName?: string;
  /** `expand` for a `Parallelizable` node, `collect` for a node with a `Collect` parameter. */
  readonly parallel?: ParallelRole;
  /** In a drawn cached run (`dr.cache.viewRun`): whether the node was retrieved or executed. */
  readonly cache?: CacheStatus;
}

/** What the cache did with a node in a run: retrieved its result (drawn "from cache") or executed it. */
export type CacheStatus = 'retrieved' | 'executed';

/** A node's or an edge's part in a parallel block: Hamilton's EXPAND and COLLECT. */
export type ParallelRole = 'expand' | 'collect';

/** An edge from a dependency to the node that reads it. */
export interface DescribedEdge {
  /** The producing node. */
  readonly from: string;
  /** The consuming node. */
  readonly to: string;
  /** True when the consumer's parameter has a default. */
  readonly optional: boolean;
  /**
   * `expand` for an edge out of a `Parallelizable` node (its items, one at a time: drawn with a crow's
   * foot at the consumer), `collect` for an edge into a `Collect` parameter (crow's foot at the producer).
   */
  readonly parallel?: ParallelRole;
}

/** A graph, ready to draw or to serialize. */
export interface GraphDescription {
  /** Nodes in graph order (functions by module and export name, then inputs, then config). */
  readonly nodes: readonly DescribedNode[];
  /** Edges in a stable order. */
  readonly edges: readonly DescribedEdge[];
  /** Each cycle as the list of node names on it; empty when the graph is a DAG. */
  readonly cycles: readonly (readonly string[])[];
}
