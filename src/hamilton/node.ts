/**
 * A node of the dataflow: Hamilton's `node.Node`. One function usually makes one node; decorators may
 * make several (extracted columns, validators, pipe steps) or rename it.
 */
import type { SourceLocation } from './source';

/** A tag's value: a string or a list of strings, as in Hamilton. */
export type TagValue = string | readonly string[];

/** What a node is: computed by a function, given as an external input, or a config value. */
export type NodeKind = 'function' | 'input' | 'config';

/** One dependency of a node, in parameter order. */
export interface Dependency {
  /** The node this dependency reads. */
  readonly name: string;
  /** The type the consumer expects (TypeScript type text). */
  readonly type: string;
  /** Optional dependencies (parameters with defaults) are omitted when nothing provides them. */
  readonly optional: boolean;
  /** Where the consuming parameter is written, when known. */
  readonly location?: SourceLocation;
}

/**
 * The function a node runs: it receives its dependencies' values by name (Hamilton's `**kwargs`);
 * a missing optional dependency is absent from the object. It may return a Promise.
 */
export type NodeCallable = (kwargs: Readonly<Record<string, unknown>>) => unknown;

/** A node of the graph. Immutable: decorators make new nodes with {@link copyNode}. */
export interface Node {
  /** The node's name: the output it computes. */
  readonly name: string;
  /** The type of the value it produces (TypeScript type text). */
  readonly type: string;
  /** Function, external input or config. */
  readonly kind: NodeKind;
  /** Its dependencies, in the order its function takes them. */
  readonly dependencies: readonly Dependency[];
  /** Computes the node from its dependencies; absent for inputs and config. */
  readonly callable?: NodeCallable;
  /** Metadata: `module` is always set for function nodes; decorators add more. */
  readonly tags: Readonly<Record<string, TagValue>>;
  /** The TSDoc of the function it comes from. */
  readonly documentation: string;
  /** Where the function that defines it is written. */
  readonly location?: SourceLocation;
  /** The user function it came from (Hamilton's `originating_functions[0]`). */
  readonly originatingFunction?: Function;
}

/** A copy of a node with some fields replaced. */
export function copyNode(node: Node, changes: Partial<Node>): Node {
  return { ...node, ...changes };
}
