/**
 * Hamilton's `schema.output` (`function_modifiers/metadata.py`): declares the columns of the frame a
 * function returns, stored in the tag `hamilton.internal.schema_output` (`a=int,b=float`) and drawn as
 * the node's schema by the visualizations (`showSchema`).
 */
import { invalid } from './common';
import { finalNodes, selectNodes, transformTargets } from './targets';
import { decoratorFor } from './common';
import type { Decorator } from './base';
import { copyNode } from '../node';

/** The tag holding a node's declared schema. */
export const INTERNAL_SCHEMA_OUTPUT_KEY = 'hamilton.internal.schema_output';

/** Options of `schema.output`. */
export interface SchemaOutputOptions {
  /** The node to annotate (default: the function's final node). */
  readonly target_?: string;
}

const FRAME_TYPE = /^(Readonly<)?DataFrame\b/;
const OPAQUE_NAME = /^[A-Za-z_$][\w$.]*(<.*>)?$/s;
const PLAIN_TYPES = /^(number|string|boolean|bigint|unknown|any|object|Record|Array|Map|Set|Date|Series)\b/;

/** Whether a node's type text is a data frame (or a named type the text alone cannot judge). */
function isFrameType(type: string): boolean {
  const t = type.trim();
  return FRAME_TYPE.test(t) || (OPAQUE_NAME.test(t) && !PLAIN_TYPES.test(t));
}

function output(...args: (readonly [string, string] | SchemaOutputOptions)[]): Decorator {
  const last = args.at(-1);
  const options = (last !== undefined && !Array.isArray(last) ? last : {}) as SchemaOutputOptions;
  const fields = (last !== undefined && !Array.isArray(last) ? args.slice(0, -1) : args) as (readonly [
    string,
    string,
  ])[];
  const value = fields.map(([key, type]) => `${key}=${type}`).join(',');
  return decoratorFor({
    phase: 'tag',
    decorator: 'schema.output',
    transform(nodes, ctx) {
      const targets =
        options.target_ === undefined ? finalNodes(nodes) : selectNodes(options.target_, nodes, ctx);
      for (const node of targets) {
        if (!isFrameType(node.type)) {
          throw invalid(
            ctx,
            `Node ${node.name} has type ${node.type} which is not a registered type for a dataset. Registered types ` +
              `are {'hamilton/frame': DataFrame}. If you found this, either (a) ensure you have the right package ` +
              `installed, or (b) reach out to the team to figure out how to add yours.`,
          );
        }
      }
      return transformTargets(nodes, targets, (n) => [
        copyNode(n, { tags: { ...n.tags, [INTERNAL_SCHEMA_OUTPUT_KEY]: value } }),
      ]);
    },
  });
}

/**
 * Hamilton's `schema`: `schema.output(['a', 'int'], ['b', 'float'])` declares the output frame's columns
 * and their types; `{ target_: 'node' }` last picks another node than the final one.
 */
export const schema = {
  /** Declares the columns of the output frame: `[name, type]` pairs, then optionally `{ target_ }`. */
  output,
  /** The tag the schema is stored in. */
  INTERNAL_SCHEMA_OUTPUT_KEY,
} as const;
