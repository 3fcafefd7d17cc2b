/**
 * `extractColumns`, `extractFields`, `unpackFields`: one node per column / field / tuple element of a
 * function's result, each depending on the node of the whole result, which keeps the function's name
 * (Hamilton's `extract_columns`, `extract_fields`, `unpack_fields` in `expanders.py`).
 */
import { copyNode, type Node } from '../node';
import {
  InvalidDecoratorException,
  type Decorator,
  type FunctionModifier,
  type ModifierContext,
} from './base';
import { andThen, decoratorFor, expectArgument, invalid, isPlainObject, refusal, repr } from './common';
import { finalNodes } from './targets';

/**
 * What `extractColumns` needs from a data frame: the column names and a column by name. The frame
 * library's `DataFrame` has this shape; plain objects of equal-length arrays work too.
 */
export interface ColumnSource {
  /** The column names, in order. */
  readonly columnNames: readonly string[];
  /** The column with this name. */
  column(name: string): unknown;
}

function isColumnSource(x: unknown): x is ColumnSource {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as ColumnSource).column === 'function' &&
    Array.isArray((x as ColumnSource).columnNames)
  );
}

function columnNamesOf(df: unknown): string[] {
  if (isColumnSource(df)) return [...df.columnNames];
  if (typeof df === 'object' && df !== null) return Object.keys(df);
  return [];
}

function columnOf(df: unknown, name: string): unknown {
  return isColumnSource(df) ? df.column(name) : (df as Record<string, unknown>)[name];
}

/** The one node an extractor applies to (Hamilton's `SingleNodeNodeTransformer`). */
function singleFinal(nodes: readonly Node[], ctx: ModifierContext, decorator: string): Node {
  const targets = finalNodes(nodes);
  if (targets.length !== 1) {
    throw invalid(
      ctx,
      `Expected a single node to transform, but got ${targets.length}. ${decorator}  can only operate on a single node, but multiple nodes were created by ${ctx.source.name}`,
    );
  }
  return targets[0];
}

/** The extracted nodes' shape: name, type and doc, read from the result node by `read`. */
interface Extracted {
  readonly name: string;
  readonly type: string;
  readonly documentation: string;
  read(whole: unknown, node: Node): unknown;
}

function extractModifier(
  decorator: string,
  validate: (ctx: ModifierContext) => void,
  outputs: (node: Node, ctx: ModifierContext) => readonly Extracted[],
  postProcess?: (whole: unknown) => unknown,
): FunctionModifier {
  return {
    phase: 'transform',
    decorator,
    validate,
    transform(nodes, ctx) {
      const node = singleFinal(nodes, ctx, decorator);
      const callable = node.callable;
      const whole =
        postProcess && callable
          ? copyNode(node, { callable: (kwargs) => andThen(callable(kwargs), postProcess) })
          : node;
      const extracted = outputs(node, ctx).map((e): Node => ({
        name: e.name,
        type: e.type,
        kind: 'function',
        dependencies: [{ name: node.name, type: node.type, optional: false }],
        callable: (kwargs) => e.read(kwargs[node.name], node),
        tags: { ...node.tags },
        documentation: e.documentation,
        location: node.location,
        originatingFunction: node.originatingFunction,
      }));
      return [...nodes.filter((n) => n !== node), whole, ...extracted];
    },
  };
}

/** Options of {@link extractColumns}. */
export interface ExtractColumnsOptions {
  /** Fill a missing column with this value instead of failing. */
  readonly fillWith?: unknown;
}

/** A column to extract: its name, or `[name, 'doc of the column']`. */
export type ColumnSpec = string | readonly [string, string];

function fillColumns(df: unknown, columns: readonly string[], fill: unknown): unknown {
  const present = columnNamesOf(df);
  const missing = columns.filter((c) => !present.includes(c));
  if (missing.length === 0) return df;
  if (isColumnSource(df)) {
    // a frame repeats a scalar on every row
    const assign = (df as unknown as { assign?: (cols: Record<string, unknown>) => unknown }).assign;
    if (typeof assign !== 'function') throw new TypeError('fillWith needs a frame with assign(columns)');
    return assign.call(df, Object.fromEntries(missing.map((c) => [c, fill])));
  }
  const length = (columnOf(df, present[0]) as { length?: number } | undefined)?.length ?? 0;
  return {
    ...(df as object),
    ...Object.fromEntries(missing.map((c) => [c, new Array<unknown>(length).fill(fill)])),
  };
}

/**
 * One node per column of the function's data frame, each depending on the frame's node, which keeps the
 * function's name. Works on `DataFrame` and on plain objects of equal-length arrays.
 * @example
 * ```ts
 * export const survey_results = extractColumns('client_id', 'budget', 'age', 'gender')(
 *   function survey_results(survey_data: DataFrame<Survey>): DataFrame<Survey> { return survey_data; });
 * ```
 */
export function extractColumns(...args: (ColumnSpec | ExtractColumnsOptions)[]): Decorator {
  const last = args[args.length - 1];
  const options: ExtractColumnsOptions = isPlainObject(last) ? (last as ExtractColumnsOptions) : {};
  const specs = (isPlainObject(last) ? args.slice(0, -1) : args) as unknown[];
  for (const spec of specs) {
    expectArgument(
      typeof spec === 'string' || Array.isArray(spec),
      'extractColumns',
      "column names ('a', 'b'), or [name, doc] pairs, then an optional options object",
      spec,
    );
  }
  if (specs.length === 0) {
    return decoratorFor(
      refusal('transform', 'extract_columns', 'Error empty arguments passed to extract_columns decorator.'),
    );
  }
  if (Array.isArray(specs[0]) && (specs[0].length !== 2 || Array.isArray(specs[0][0]))) {
    return decoratorFor(
      refusal(
        'transform',
        'extract_columns',
        'Error list passed in. Please `...` in front of it to expand it.',
      ),
    );
  }
  const columns = (specs as ColumnSpec[]).map((s) => (typeof s === 'string' ? ([s, undefined] as const) : s));
  const names = columns.map(([c]) => c);
  const fill = options.fillWith;
  return decoratorFor(
    extractModifier(
      'extract_columns',
      (ctx) => {
        if (['number', 'string', 'boolean', 'void', 'undefined', 'null'].includes(ctx.source.returnType)) {
          throw invalid(
            ctx,
            `Error ${ctx.source.name} does not output a type we know about. Is it a dataframe type we support? `,
          );
        }
      },
      (node) => {
        const frame = /^DataFrame<(.+)>$/.exec(node.type);
        return columns.map(([column, doc]) => ({
          name: column,
          type: frame ? `Series<${frame[1]}['${column}']>` : 'unknown',
          documentation: doc ?? node.documentation,
          read(df) {
            if (!columnNamesOf(df).includes(column)) {
              throw new InvalidDecoratorException(
                `No such column: ${column} produced by ${node.name}. It only produced ${repr(columnNamesOf(df))}`,
              );
            }
            return columnOf(df, column);
          },
        }));
      },
      fill === undefined ? undefined : (df) => fillColumns(df, names, fill),
    ),
  );
}

/** Options of {@link extractFields}. */
export interface ExtractFieldsOptions {
  /** Fill a missing field with this value instead of failing. */
  readonly fillWith?: unknown;
}

/**
 * One node per field of the object the function returns; types are TypeScript type names as strings:
 * `extractFields({ total: 'number', label: 'string' })`.
 */
export function extractFields(
  fields: Readonly<Record<string, string>>,
  options: ExtractFieldsOptions = {},
): Decorator {
  if (!isPlainObject(fields)) {
    return decoratorFor(
      refusal('transform', 'extract_fields', `Error, please pass in a dict, not ${typeof fields}`),
    );
  }
  if (Object.keys(fields).length === 0) {
    return decoratorFor(
      refusal(
        'transform',
        'extract_fields',
        'Error an empty dict, or no dict, passed to extract_fields decorator.',
      ),
    );
  }
  const errors = Object.entries(fields)
    .filter(([, t]) => typeof t !== 'string' || t.trim() === '')
    .map(([f, t]) => `${f} does not declare a type. Instead it passes ${repr(t)}.`);
  if (errors.length > 0) {
    return decoratorFor(
      refusal(
        'transform',
        'extract_fields',
        `Error, found these ${repr(errors)}. Please pass in a dict of string to types. `,
      ),
    );
  }
  const fill = options.fillWith;
  return decoratorFor(
    extractModifier(
      'extract_fields',
      (ctx) => {
        const t = ctx.source.returnType;
        if (['number', 'string', 'boolean', 'void', 'undefined', 'null'].includes(t) || t.endsWith('[]')) {
          throw invalid(ctx, `For extracting fields, output type must be a dict or typing.Dict, not: ${t}`);
        }
      },
      (node) =>
        Object.entries(fields).map(([field, type]) => ({
          name: field,
          type,
          documentation: node.documentation,
          read(dict) {
            const obj = (dict ?? {}) as Record<string, unknown>;
            if (!Object.hasOwn(obj, field)) {
              throw new InvalidDecoratorException(
                `No such field: ${field} produced by ${node.name}. It only produced ${repr(Object.keys(obj))}`,
              );
            }
            return obj[field];
          },
        })),
      fill === undefined
        ? undefined
        : (dict) => {
            const obj = { ...(dict as Record<string, unknown>) };
            for (const f of Object.keys(fields)) if (!Object.hasOwn(obj, f)) obj[f] = fill;
            return obj;
          },
    ),
  );
}

/** Splits a tuple type's text into element types at top-level commas: `[number, Map<a, b>]`. */
function tupleElements(type: string): string[] | undefined {
  const t = type.replace(/^readonly\s+/, '').trim();
  if (t.startsWith('[') && t.endsWith(']')) {
    const out: string[] = [];
    let depth = 0;
    let current = '';
    for (const ch of t.slice(1, -1)) {
      if ('<([{'.includes(ch)) depth++;
      if ('>)]}'.includes(ch)) depth--;
      if (ch === ',' && depth === 0) {
        out.push(current.trim());
        current = '';
      } else current += ch;
    }
    if (current.trim()) out.push(current.trim());
    return out.map((e) => e.replace(/^\w+\??:\s*/, ''));
  }
  return undefined;
}

/**
 * One node per element of the tuple the function returns: `unpackFields('x', 'y')` on a function
 * returning `[number, number]` (or an array type, for any number of elements).
 */
export function unpackFields(...fields: string[]): Decorator {
  const typesFor = (ctx: ModifierContext): string[] => {
    const t = ctx.source.returnType;
    if (t === 'unknown') return fields.map(() => 'unknown');
    const elements = tupleElements(t);
    if (elements) {
      if (elements.length < fields.length) {
        throw invalid(
          ctx,
          `Number of unpacked fields (${fields.length}) is greater than the number of fields in the output type (${elements.length}): ${t}`,
        );
      }
      return elements;
    }
    const array = /^(?:readonly\s+)?(.+)\[\]$/.exec(t) ?? /^(?:Readonly)?Array<(.+)>$/.exec(t);
    if (array) return fields.map(() => array[1]);
    throw invalid(
      ctx,
      `For unpacking fields, the decorated function output type must be either an explicit length tuple (e.g.\`[number, string]\`) or an indeterminate length tuple (e.g. \`number[]\`), not: ${t}`,
    );
  };
  return decoratorFor(
    extractModifier('unpack_fields', typesFor, (node, ctx) => {
      const types = typesFor(ctx);
      return fields.map((field, index) => ({
        name: field,
        type: types[index],
        documentation: node.documentation,
        read(tuple) {
          const list = tuple as readonly unknown[];
          if (index >= list.length) {
            throw new InvalidDecoratorException(
              `Out of bounds field: ${index} produced by ${node.name}. It only produced ${repr(list)} fields.`,
            );
          }
          return list[index];
        },
      }));
    }),
  );
}
