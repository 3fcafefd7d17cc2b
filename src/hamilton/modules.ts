/**
 * Reading modules: ES module namespaces (analysed by src/compiler, which exports `__hamilton`), plain
 * objects of functions, and exported classes whose static methods are nodes. A module's exports are its
 * nodes; names starting with `_` and values that are not functions are not.
 */
import { valueArray } from './arrays';
import { unwrap } from './function_modifiers/base';
import { HamiltonError, ModuleNotAnalysedError } from './errors';
import { readParameters } from './signature';
import { MODULE_SOURCE_EXPORT, sourceOf, type FunctionSource, type ModuleSource } from './source';

/** What the driver accepts as a module: `import * as m from './features'` or an object of functions. */
export type HamiltonModule = object;

/** One function a module contributes. */
export interface ModuleFunction {
  /** The export name (for a static method: the method name). */
  readonly exportName: string;
  /** The exported value: the user function or a decorator wrapper around it. */
  readonly fn: Function;
  /** `this` for the call: the class, for a static method. */
  readonly thisArg: unknown;
  /** What analysis knows about the function (or what was read from its text). */
  readonly source: FunctionSource;
}

/** A module, read. */
export interface ReadModule {
  /** The module's name (the `module` tag of its nodes). */
  readonly name: string;
  /** Its functions, sorted by export name (as Hamilton's `inspect.getmembers` lists them). */
  readonly functions: readonly ModuleFunction[];
  /** Whether its functions' parameters come from source analysis. */
  readonly analysed: boolean;
}

// Sources read from function text: they have no real location.
const fromText = new WeakMap<Function, FunctionSource>();
const textSources = new WeakSet<FunctionSource>();

/** True when `source` was read from the function's text rather than from analysis of its source. */
export function isTextSource(source: FunctionSource): boolean {
  return textSources.has(source);
}

/**
 * A function's name as written in the source (bundlers may rename it: `age_mean` → `age_mean2`), as
 * Hamilton's `__original_name__`; its runtime name when it was not analysed.
 */
export function functionName(fn: Function): string {
  return (sourceOf(fn) ?? sourceOf(unwrap(fn)))?.name ?? fn.name;
}

/**
 * The analysis of `fn` (or of the user function under its decorators); without analysis, when allowed,
 * its parameters read from its text. Throws when neither is possible.
 */
export function functionSource(
  fn: Function,
  label: string,
  module: string,
  allowText: boolean,
): FunctionSource {
  const analysed = sourceOf(fn) ?? sourceOf(unwrap(fn));
  if (analysed) return analysed;
  if (!allowText) {
    throw new HamiltonError(
      `${label} has no source analysis: its parameter names are unknown. Define it in an analysed module ` +
        `(the Vite plugin hamiltonAnalysis() or the Node loader from src/compiler analyse .ts files).`,
      { module },
    );
  }
  const inner = unwrap(fn);
  const cached = fromText.get(inner);
  if (cached) return cached;
  const params = readParameters(inner, label, module).map((p) => ({
    name: p.name,
    type: 'unknown',
    optional: p.optional,
  }));
  const source: FunctionSource = {
    name: inner.name || label,
    module,
    params,
    returnType: 'unknown',
    doc: '',
    location: { file: module, line: 0, column: 0 },
    async: inner.constructor?.name === 'AsyncFunction',
  };
  textSources.add(source);
  fromText.set(inner, source);
  return source;
}

function isNamespace(mod: object): boolean {
  return (mod as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module';
}

// A class constructor's `prototype` is read-only; a plain function's is writable, an arrow has none.
function isClass(value: Function): boolean {
  return Object.getOwnPropertyDescriptor(value, 'prototype')?.writable === false;
}

const FUNCTION_OWN_PROPS = new Set(['length', 'name', 'prototype', 'caller', 'arguments']);

/** Describes a module in messages by its first exports, since a namespace carries no file name. */
function describe(mod: object): string {
  const keys = Object.keys(mod);
  return `with exports ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}`;
}

// An ES module namespace's export names are fixed when the module is linked: read them once per
// namespace (listing a namespace's keys costs the engine far more than listing a plain object's).
const namespaceKeys = new WeakMap<object, readonly string[]>();

function exportNamesOf(record: Record<string, unknown>, namespace: boolean): readonly string[] {
  if (!namespace) return Object.keys(record);
  let keys = namespaceKeys.get(record);
  if (!keys) {
    keys = Object.keys(record);
    namespaceKeys.set(record, keys);
  }
  return keys;
}

/** The module name analysis attached to its first analysed function, if any. */
function moduleNameOf(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    const s = typeof value === 'function' ? (sourceOf(value) ?? sourceOf(unwrap(value))) : undefined;
    if (s) return s.module;
  }
  return undefined;
}

/** A function without analysis: its parameters read from its text. */
function textFunction(
  exportName: string,
  fn: Function,
  thisArg: unknown,
  moduleName: string,
): ModuleFunction {
  return { exportName, fn, thisArg, source: functionSource(fn, exportName, moduleName, true) };
}

/**
 * Adds the functions among the exports `keys` (static methods for a class); returns how many had to be
 * read from their text.
 */
function addExports(
  functions: ModuleFunction[],
  record: Record<string, unknown>,
  keys: readonly string[],
  moduleName: string,
): number {
  let textRead = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key[0] === '_') continue;
    const value = record[key];
    if (typeof value !== 'function') continue;
    const analysed = sourceOf(value) ?? sourceOf(unwrap(value));
    if (analysed) functions.push({ exportName: key, fn: value, thisArg: undefined, source: analysed });
    else if (isClass(value)) textRead += addStaticMethods(functions, value, moduleName);
    else {
      textRead++;
      functions.push(textFunction(key, value, undefined, moduleName));
    }
  }
  return textRead;
}

/** Adds the static methods of an exported class; returns how many had to be read from their text. */
function addStaticMethods(functions: ModuleFunction[], cls: Function, moduleName: string): number {
  let textRead = 0;
  for (const method of Object.getOwnPropertyNames(cls)) {
    if (method[0] === '_' || FUNCTION_OWN_PROPS.has(method)) continue;
    const member = Object.getOwnPropertyDescriptor(cls, method)?.value as unknown;
    if (typeof member !== 'function' || isClass(member)) continue;
    const analysed = sourceOf(member) ?? sourceOf(unwrap(member));
    if (analysed) functions.push({ exportName: method, fn: member, thisArg: cls, source: analysed });
    else {
      textRead++;
      functions.push(textFunction(method, member, cls, moduleName));
    }
  }
  return textRead;
}

const byExportName = (a: ModuleFunction, b: ModuleFunction) =>
  a.exportName < b.exportName ? -1 : a.exportName > b.exportName ? 1 : 0;

function isSorted(functions: readonly ModuleFunction[]): boolean {
  for (let k = 1; k < functions.length; k++) {
    if (functions[k - 1].exportName > functions[k].exportName) return false;
  }
  return true;
}

/**
 * Reads one module. `warn` receives a warning when parameter names had to be read from function text.
 * Throws {@link ModuleNotAnalysedError} for an ES namespace without `__hamilton`.
 */
export function readModule(mod: HamiltonModule, warn: (message: string) => void): ReadModule {
  if (mod === null || (typeof mod !== 'object' && typeof mod !== 'function')) {
    throw new HamiltonError(
      `A module must be an object of functions or an ES module namespace, got ${String(mod)}`,
    );
  }
  const record = mod as Record<string, unknown>;
  const meta = record[MODULE_SOURCE_EXPORT] as ModuleSource | undefined;
  const namespace = isNamespace(mod);
  if (namespace && !meta) throw new ModuleNotAnalysedError(describe(mod));
  const keys = exportNamesOf(record, namespace);
  const moduleName = meta?.module ?? moduleNameOf(record, keys) ?? 'module';
  const functions = valueArray<ModuleFunction>();
  const textRead = addExports(functions, record, keys, moduleName);
  // Hamilton reads a module with `inspect.getmembers`, which sorts by name: node order (listings,
  // the consumers named in errors) follows the export names, not the definition order. ES namespaces
  // list their exports sorted already; only a class's static methods or a plain object can be out of order.
  if (!isSorted(functions)) functions.sort(byExportName);
  if (textRead > 0) {
    warn(
      `module ${moduleName}: the parameter names of ${textRead} function(s) were read from the function text, ` +
        `not from analysed source; bundlers (esbuild, Vite, vitest, tsx) rename parameters that shadow ` +
        `top-level names, so analyse the module (hamiltonAnalysis() Vite plugin, or the Node loader) when they could.`,
    );
  }
  return { name: moduleName, functions, analysed: textRead === 0 };
}
