/**
 * Hamilton's decorators (function modifiers) in TypeScript. Each wraps a function, keeps its type, and
 * works as a call (`tag({ owner: 'ds' })(fn)`) or as a decorator on a static method of an exported class.
 * Whatever order they are stacked in, the graph builder applies them in Hamilton's order:
 * config → create (`does`, `subdag`) → inject (`pipeInput`) → expand (`parameterize`) →
 * transform (`extractColumns`, `checkOutput`, `pipeOutput`) → tag.
 */
export { InvalidDecoratorException, type Decorator } from './base';
export { config, type ConfigConditions, type ConfigGroupConditions } from './config';
export {
  configuration,
  group,
  source,
  value,
  ConfigDependency,
  GroupedDictDependency,
  GroupedListDependency,
  LiteralDependency,
  UpstreamDependency,
  type ParametrizedDependency,
  type SingleDependency,
} from './dependencies';
export {
  inject,
  parameterize,
  parameterizeSources,
  parameterizeValues,
  type Assignments,
  type ParameterizeValuesOptions,
  type Parameterization,
} from './parameterize';
export {
  extractColumns,
  extractFields,
  unpackFields,
  type ColumnSource,
  type ColumnSpec,
  type ExtractColumnsOptions,
  type ExtractFieldsOptions,
} from './extract';
export {
  checkOutput,
  checkOutputCustom,
  DataValidationError,
  DATA_VALIDATOR_ORIGINAL_OUTPUT_TAG,
  IS_DATA_VALIDATOR_TAG,
  type CheckOutputCustomOptions,
  type CheckOutputOptions,
  type DataQualityResult,
  type DataValidator,
  type Importance,
  type ValidationResult,
} from './check_output';
export { cache, type CacheDecoratorOptions } from './cache';
export { tag, tagOutputs, RESERVED_TAG_NAMESPACES, type TagOptions, type Tags } from './tags';
export {
  parameterizedSubdag,
  subdag,
  type SubdagInput,
  type SubdagOptions,
  type SubdagParams,
  type SubdagSource,
} from './subdag';
export {
  applyTo,
  mutate,
  pipeInput,
  pipeOutput,
  step,
  Step,
  type PipeInputOptions,
  type PipeOutputOptions,
} from './pipe';
export { does } from './does';
export { NON_FINAL_TAG, type Target } from './targets';
export { dataloader, datasaver } from './dataloader';
export {
  AttributeError,
  loadFrom,
  saveTo,
  type AdapterArguments,
  type AdapterRegistry,
  type LoadFrom,
  type LoadFromOptions,
  type SaveTo,
  type SaveToOptions,
} from './data_adapters';
export {
  ENABLE_POWER_USER_MODE,
  resolve,
  resolveFromConfig,
  ResolveAt,
  type ResolveFromConfigOptions,
  type ResolveOptions,
} from './delayed';
export { hamiltonExclude } from './exclude';
export { INTERNAL_SCHEMA_OUTPUT_KEY, schema, type SchemaOutputOptions } from './schema';
export {
  ParameterizedExtract,
  parameterizeExtractColumns,
  type ParameterizeExtractColumnsOptions,
} from './parameterize_extract';
