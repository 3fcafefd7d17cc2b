/** Result builders: what `execute` returns is built from the outputs by name (Hamilton's `ResultMixin`). */

/** Turns the requested outputs (by name, in the requested order) into what `execute` returns. */
export interface ResultBuilder<R> {
  /** Builds the result from the outputs. */
  build(outputs: Readonly<Record<string, unknown>>): R;
  /** The type text of what {@link build} returns (Hamilton's `output_type`), used to pick a saver. */
  outputType?(): string;
}

/** The default result: a plain object of the outputs by name (Hamilton's `DictResult`). */
export class DictResult implements ResultBuilder<Record<string, unknown>> {
  /** Returns the outputs object itself. */
  build(outputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return outputs as Record<string, unknown>;
  }

  /** `Record<string, unknown>`. */
  outputType(): string {
    return 'Record<string, unknown>';
  }
}
