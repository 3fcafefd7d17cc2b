/**
 * Hamilton in TypeScript: functions are nodes, parameter names are dependencies, a driver runs the graph.
 * Every public name of the library is exported from here (and the decorators from `function_modifiers`).
 */
export {
  Driver,
  type ExecuteOptions,
  type FinalVar,
  type ListOptions,
  type VisualizePathOptions,
} from './driver';
export { Builder, type DynamicExecutionOptions } from './builder';
export type { DriverSettings } from './settings';
export { DriverCache, type MaterializationPlanner, type Planner, type ViewRunOptions } from './caching/cache';
export type { CacheOptions } from './caching/options';
export {
  CACHE_BEHAVIORS,
  type BehaviorOptions,
  type CacheBehavior,
  type NodeSelection,
} from './caching/behavior';
export type {
  CacheLogLevel,
  CacheLogOptions,
  CachingActor,
  CachingEvent,
  CachingEventType,
} from './caching/logs';
export type { StaleNode, StaleReason } from './caching/staleness';
export { fingerprint } from './caching/fingerprint';
export { codeVersion, normalizeSource } from './caching/codeVersion';
export {
  DEFAULT_MAX_BYTES,
  estimateBytes,
  InMemoryMetadataStore,
  InMemoryResultStore,
  type CacheEntry,
  type InMemoryResultStoreOptions,
  type MetadataStore,
  type ResultStore,
} from './caching/stores';
export { FileMetadataStore, FileResultStore, fileStores } from './caching/fileStore';
export { fromPortable, toPortable } from './caching/portable';
export type {
  MaterializeArguments,
  MaterializeOptions,
  VisualizeExecutionOptions,
} from './materializeRequest';
export { InvalidExecutorError, ParallelBlockError, type Collect, type Parallelizable } from './parallel';
export {
  ConcurrentLocalTaskExecutor,
  SynchronousLocalTaskExecutor,
  type ConcurrentExecutorOptions,
  type ItemTask,
  type TaskExecutor,
} from './executors';
export {
  from,
  to,
  ExtractorFactory,
  MaterializerFactory,
  type ExtractorOptions,
  type From,
  type MaterializerOptions,
  type To,
} from './io/materialization';
export { registerAdapter, type DataAdapter, type DataLoader, type DataSaver } from './io/data_adapters';
export {
  FileNotFoundError,
  MemoryFileSystem,
  useFileSystem,
  fileSystem,
  type FileStat,
  type FileSystem,
} from './io/files';
export { getDataframeMetadata, getFileMetadata, getFileAndDataframeMetadata } from './io/metadata';
export { FunctionGraph, type GraphOptions } from './graph';
export type { HamiltonModule } from './modules';
export { DictResult, type ResultBuilder } from './results';
export {
  AdapterSet,
  type AfterGraphConstructionContext,
  type AfterGraphExecutionContext,
  type AfterNodeExecutionContext,
  type BeforeGraphExecutionContext,
  type BeforeNodeExecutionContext,
  type ExecuteNodeContext,
  type HamiltonGraph,
  type HookName,
  type HookResult,
  type LifecycleAdapter,
  type NodeExecutionContext,
  type ValidationOutcome,
} from './adapters';
export {
  EdgeConnectionHook,
  NodeExecutionMethod,
  StaticValidator,
  ValidationException,
} from './lifecycle/api';
export {
  acceptErrorSentinels,
  FunctionInputOutputTypeChecker,
  GracefulErrorAdapter,
  INJECTION_ALLOWED,
  PrintLn,
  ProgressBar,
  type GracefulErrorAdapterOptions,
  type NodeFilter,
  type PrintLnOptions,
  type ProgressBarOptions,
  type TypeCheckerOptions,
} from './lifecycle/default';
export {
  AsyncInSyncError,
  ConfigInputOverlapError,
  CycleError,
  DuplicateDefinitionError,
  HamiltonError,
  HamiltonErrors,
  InputTypeError,
  InvalidSignatureError,
  MissingInputError,
  ModuleNotAnalysedError,
  NodeExecutionError,
  NodeResolutionError,
  UnknownNodesError,
} from './errors';
export { toDot, type CustomStyle, type DotOptions } from './visualize';
export type { TagFilter } from './variables';
export type {
  CacheStatus,
  DescribedEdge,
  DescribedNode,
  GraphDescription,
  ParallelRole,
  Variable,
} from './description';
export {
  copyNode,
  type Dependency,
  type Node,
  type NodeCallable,
  type NodeKind,
  type TagValue,
} from './node';
export {
  attachSource,
  MODULE_SOURCE_EXPORT,
  SOURCE,
  sourceOf,
  type FunctionSource,
  type ModuleSource,
  type ParameterSource,
  type SourceLocation,
} from './source';
export { decorate, modifiersOf, PHASES, unwrap } from './function_modifiers/base';
export type { Config, FunctionModifier, ModifierContext, ModifierPhase } from './function_modifiers/base';
export * from './function_modifiers';
// For tools that show a project's problems, switches and checks (the playground's worker).
export { configKeysOf, type ConfigKeyUse } from './configKeys';
export { problemsOf, type Problem } from './problems';
export { dataQualityResultOf } from './quality';
