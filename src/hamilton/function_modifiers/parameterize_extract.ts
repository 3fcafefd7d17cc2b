/**
 * Hamilton's `parameterize_extract_columns` (`function_modifiers/expanders.py`): for each
 * `ParameterizedExtract(outputs, inputMapping)`, the function runs under the node `<fn>__<i>` with
 * `inputMapping` bound (as `parameterize` does), and each of `outputs` becomes a column node (as
 * `extractColumns` does). By default the frame's columns are renamed to `outputs`, in order.
 */
import { DataFrame, isDataFrame } from '../../frame/dataframe';
import { copyNode } from '../node';
import { modifiersOf, type Decorator, type FunctionModifier } from './base';
import { andThen, decoratorFor, invalid, isPlainObject } from './common';
import type { ParametrizedDependency } from './dependencies';
import { extractColumns } from './extract';
import { parameterize } from './parameterize';

/** One parameterization: the columns it outputs and what its parameters are bound to. */
export class ParameterizedExtract {
  /** The column nodes made (and the names the frame's columns are given). */
  readonly outputs: readonly string[];
  /** Parameter → `source(...)` / `value(...)`, as in `parameterize`. */
  readonly inputMapping: Readonly<Record<string, ParametrizedDependency>>;
  constructor(outputs: readonly string[], inputMapping: Readonly<Record<string, ParametrizedDependency>>) {
    this.outputs = outputs;
    this.inputMapping = inputMapping;
  }
}

/** Options of {@link parameterizeExtractColumns}. */
export interface ParameterizeExtractColumnsOptions {
  /** Rename the frame's columns to each parameterization's outputs, in order (default true). */
  readonly reassignColumns?: boolean;
}

/** The one modifier a decorator records. */
function modifierOf(decorator: Decorator): FunctionModifier {
  return modifiersOf(decorator(function decorated() {}))[0];
}

/** The frame with its columns renamed to `names`, in order (pandas' `df.columns = names`). */
function renameColumns(df: unknown, names: readonly string[]): unknown {
  const current = isDataFrame(df) ? (df.columnNames as string[]) : Object.keys(df as object);
  if (current.length !== names.length) {
    throw new Error(
      `Length mismatch: Expected axis has ${current.length} elements, new values have ${names.length} elements`,
    );
  }
  if (isDataFrame(df)) {
    return DataFrame.fromColumns(Object.fromEntries(names.map((n, k) => [n, df.column(current[k])])));
  }
  const record = df as Record<string, unknown>;
  return Object.fromEntries(names.map((n, k) => [n, record[current[k]]]));
}

/**
 * One group of column nodes per {@link ParameterizedExtract}:
 * `parameterizeExtractColumns(new ParameterizedExtract(['out1a', 'out2a'], { input1: source('in1a') }), ...)`,
 * optionally ending with `{ reassignColumns: false }`.
 */
export function parameterizeExtractColumns(
  ...args: (ParameterizedExtract | ParameterizeExtractColumnsOptions)[]
): Decorator {
  const last = args.at(-1);
  const options = (isPlainObject(last) ? last : {}) as ParameterizeExtractColumnsOptions;
  const configs = args.filter((a): a is ParameterizedExtract => a instanceof ParameterizedExtract);
  const reassign = options.reassignColumns ?? true;
  const extractors = configs.map((c) => modifierOf(extractColumns(...c.outputs)));
  return decoratorFor({
    phase: 'expand',
    decorator: 'parameterize_extract_columns',
    validate(ctx) {
      extractors[0]?.validate?.(ctx);
    },
    transform(nodes, ctx) {
      if (nodes.length !== 1) {
        throw invalid(ctx, 'Cannot call NodeExpander: parameterize_extract_columns on more than one node.');
      }
      const [node] = nodes;
      return configs.flatMap((config, i) => {
        const callable = node.callable;
        const renamed =
          reassign && callable
            ? copyNode(node, {
                callable: (kwargs) => andThen(callable(kwargs), (df) => renameColumns(df, config.outputs)),
              })
            : node;
        const parameterizer = modifierOf(parameterize({ [`${ctx.name}__${i}`]: config.inputMapping }));
        parameterizer.validate?.(ctx);
        const parameterized = parameterizer.transform?.([renamed], ctx) ?? [];
        return extractors[i].transform?.(parameterized, ctx) ?? [];
      });
    },
  });
}
