/**
 * Data loaders and savers: Hamilton's `io.data_adapters` and its registry. An adapter has a registry key
 * (`csv`, `json`, `file`: what comes after `to.`, `from.`, `loadFrom.`, `saveTo.`), the types it applies
 * to, and its arguments: required ones, and optional ones with their defaults. Loaders return the data and
 * metadata; savers return metadata. Several adapters may share a key; the most recently registered one
 * that applies to the node's type wins, as in Hamilton.
 */
import { repr } from '../function_modifiers/common';
import { DEFAULT_ADAPTERS } from './default_data_loaders';

/** What every loader and saver declares (Hamilton's `AdapterCommon`, whose dataclass fields are the arguments). */
export interface DataAdapter {
  /** The registry key: `csv` in `to.csv`, `loadFrom.csv`. */
  readonly name: string;
  /** The class name Hamilton reports in tags and messages (`PandasCSVReader`). */
  readonly className: string;
  /** Whether the adapter handles values of this TypeScript type (the node's type text). */
  appliesTo(type: string): boolean;
  /** Required arguments: name → type text. */
  readonly requiredArguments: Readonly<Record<string, string>>;
  /** Optional arguments: name → type text (their defaults are the adapter's own). */
  readonly optionalArguments: Readonly<Record<string, string>>;
}

/** Hamilton's `DataLoader`: reads data, returning `[data, metadata]`. */
export interface DataLoader extends DataAdapter {
  /** Loads a value of `type` with the given arguments (required ones always present). */
  loadData(args: Readonly<Record<string, unknown>>, type: string): [unknown, Record<string, unknown>];
}

/** Hamilton's `DataSaver`: writes data, returning metadata about what it wrote. */
export interface DataSaver extends DataAdapter {
  /** Saves `data` with the given arguments (required ones always present). */
  saveData(args: Readonly<Record<string, unknown>>, data: unknown): Record<string, unknown>;
}

const loaders = new Map<string, DataLoader[]>();
const savers = new Map<string, DataSaver[]>();
let seeded = false;

/** Registers the default adapters before anything else (once), so later registrations take precedence. */
function seed(): void {
  if (seeded) return;
  seeded = true;
  for (const adapter of DEFAULT_ADAPTERS) add(adapter);
}

function isLoader(adapter: DataLoader | DataSaver): adapter is DataLoader {
  return typeof (adapter as Partial<DataLoader>).loadData === 'function';
}

/**
 * Registers a loader or saver under its key (Hamilton's `registry.register_adapter`); it then takes
 * precedence over earlier ones of the same key that apply to the same types.
 */
export function registerAdapter(adapter: DataLoader | DataSaver): void {
  seed();
  add(adapter);
}

function add(adapter: DataLoader | DataSaver): void {
  const registry: Map<string, (DataLoader | DataSaver)[]> = isLoader(adapter) ? loaders : savers;
  const list = registry.get(adapter.name) ?? [];
  registry.set(adapter.name, [...list.filter((a) => a !== adapter), adapter]);
}

/** The loaders registered under `key`, oldest first (empty when none). */
export function loadersFor(key: string): readonly DataLoader[] {
  seed();
  return loaders.get(key) ?? [];
}

/** The savers registered under `key`, oldest first (empty when none). */
export function saversFor(key: string): readonly DataSaver[] {
  seed();
  return savers.get(key) ?? [];
}

/** Every registered loader key, in registration order. */
export function loaderKeys(): string[] {
  seed();
  return [...loaders.keys()];
}

/** Every registered saver key, in registration order. */
export function saverKeys(): string[] {
  seed();
  return [...savers.keys()];
}

const KNOWN_TYPES = new Set([
  'DataFrame',
  'Series',
  'Date',
  'Record',
  'Array',
  'ReadonlyArray',
  'Readonly',
  'Map',
  'Set',
  'Promise',
  'object',
  'number',
  'string',
  'boolean',
  'bigint',
  'symbol',
  'unknown',
  'any',
  'null',
  'undefined',
  'void',
  'never',
]);

/**
 * Whether the type text names a type alias or interface (`Survey`, `Report<T>`): only the type checker
 * knows what it stands for, so, as for `unknown`, the value itself is checked when it is saved.
 */
function isOpaqueTypeName(type: string): boolean {
  const name = /^([A-Za-z_$][\w$.]*)(<.*>)?$/s.exec(type.trim());
  return name !== null && !KNOWN_TYPES.has(name[1]);
}

/**
 * The most recently registered adapter that applies to `type` (Hamilton's `resolve_adapter_class`);
 * for a type named by an alias or interface, the most recently registered one of the key.
 */
export function resolveAdapter<A extends DataAdapter>(type: string, adapters: readonly A[]): A | undefined {
  for (let i = adapters.length - 1; i >= 0; i--) if (adapters[i].appliesTo(type)) return adapters[i];
  return isOpaqueTypeName(type) ? adapters.at(-1) : undefined;
}

/** Hamilton's text for an adapter class in messages. */
export function adapterRepr(adapter: DataAdapter): string {
  return `<class '${adapter.className}'>`;
}

/** The adapter's arguments named by the user that it lacks or does not know (Hamilton's `AdapterFactory.validate`). */
export function checkAdapterArguments(adapter: DataAdapter, given: readonly string[]): string | undefined {
  const required = Object.keys(adapter.requiredArguments);
  const optional = Object.keys(adapter.optionalArguments);
  const missing = required.filter((k) => !given.includes(k));
  if (missing.length > 0) {
    return (
      `Missing required parameters for adapter : ${adapterRepr(adapter)}: ${repr(new Set(missing))}. ` +
      `Required parameters/types are: ${repr(adapter.requiredArguments)}. Optional parameters/types are: ` +
      `${repr(adapter.optionalArguments)}. `
    );
  }
  const extra = given.filter((k) => !required.includes(k) && !optional.includes(k));
  if (extra.length > 0) {
    return (
      `Extra parameters for loader: ${adapterRepr(adapter)} ${repr(new Set(extra))}. Choices for parameters are: ` +
      `dict_keys(${repr([...required, ...optional])}).`
    );
  }
  return undefined;
}
