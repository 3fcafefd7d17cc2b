/**
 * Strict checking of a workspace that comes from outside the running page: a share link (written by
 * anyone) or an autosave (written by another version of the playground). Nothing is trusted; a value
 * that passes is rebuilt from scratch, field by field, so no unexpected key or prototype survives.
 */
import type { Json, SourceFile } from '../worker/protocol';
import { WORKSPACE_VERSION, type Workspace } from './workspace';

/** Limits that keep a hostile workspace from costing the page anything. */
export const WORKSPACE_LIMITS = {
  /** Decoded size of a link's JSON, in bytes (the 512 KB). */
  maxBytes: 512 * 1024,
  maxFiles: 64,
  maxFileNameLength: 80,
  maxOutputs: 1000,
  maxKeys: 1000,
  /** Nesting depth of input and config values. */
  maxDepth: 32,
  /** JSON values in inputs and config together. */
  maxValues: 100_000,
} as const;

/** Why a workspace was refused. */
export type RefusalReason = 'invalid' | 'future-version';

/** The outcome of {@link parseWorkspace}. */
export type ParseResult =
  | { readonly ok: true; readonly workspace: Workspace }
  | { readonly ok: false; readonly reason: RefusalReason; readonly message: string };

class Invalid extends Error {}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.ts$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Invalid(message);
}

function checkKey(key: string, where: string): void {
  expect(!FORBIDDEN_KEYS.has(key), `${where} may not have a key named ${JSON.stringify(key)}`);
  expect(key.length <= 200, `${where} has a key longer than 200 characters`);
}

function parseFiles(value: unknown): SourceFile[] {
  expect(Array.isArray(value), 'files must be a list');
  expect(value.length > 0, 'a workspace needs at least one file');
  expect(
    value.length <= WORKSPACE_LIMITS.maxFiles,
    `a workspace may have at most ${WORKSPACE_LIMITS.maxFiles} files`,
  );
  const seen = new Set<string>();
  return value.map((file: unknown, i) => {
    expect(isPlainObject(file), `file ${i + 1} must be an object`);
    const { name, code } = file;
    expect(typeof name === 'string', `file ${i + 1} has no name`);
    expect(
      name.length <= WORKSPACE_LIMITS.maxFileNameLength && FILE_NAME.test(name),
      `file name ${JSON.stringify(name.slice(0, 100))} is not a plain .ts file name`,
    );
    expect(!seen.has(name), `file ${name} appears twice`);
    seen.add(name);
    expect(typeof code === 'string', `file ${name} has no code`);
    return { name, code };
  });
}

/** Copies a JSON value, checking its shape, depth and size on the way. */
function parseJson(value: unknown, where: string, depth: number, budget: { values: number }): Json {
  expect(--budget.values >= 0, `inputs and config hold more than ${WORKSPACE_LIMITS.maxValues} values`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${where} holds a number that is not finite`);
    return value;
  }
  expect(depth < WORKSPACE_LIMITS.maxDepth, `${where} is nested too deeply`);
  if (Array.isArray(value)) return value.map((v) => parseJson(v, where, depth + 1, budget));
  expect(isPlainObject(value), `${where} holds something that is not JSON`);
  return parseRecord(value, where, (v) => parseJson(v, where, depth + 1, budget));
}

function parseRecord<T>(
  value: unknown,
  where: string,
  item: (v: unknown, key: string) => T,
): Record<string, T> {
  expect(isPlainObject(value), `${where} must be an object`);
  const keys = Object.keys(value);
  expect(keys.length <= WORKSPACE_LIMITS.maxKeys, `${where} has more than ${WORKSPACE_LIMITS.maxKeys} keys`);
  // Object.fromEntries defines own data properties, so even a key like "__proto__" could not set a prototype.
  return Object.fromEntries(
    keys.map((key) => {
      checkKey(key, where);
      return [key, item(value[key], key)];
    }),
  );
}

function parseOutputs(value: unknown): string[] {
  expect(Array.isArray(value), 'outputs must be a list');
  expect(value.length <= WORKSPACE_LIMITS.maxOutputs, `at most ${WORKSPACE_LIMITS.maxOutputs} outputs`);
  return value.map((name: unknown) => {
    expect(
      typeof name === 'string' && name.length > 0 && name.length <= 200,
      'each output must be a node name',
    );
    return name;
  });
}

/**
 * Checks that `value` (parsed JSON from a link or a save) is a {@link Workspace} this version can open,
 * and returns a fresh copy. Missing optional fields (inputs, config, outputs, tables, activeFile) take
 * their empty defaults, which is how links stay short.
 */
export function parseWorkspace(value: unknown): ParseResult {
  try {
    expect(isPlainObject(value), 'the workspace must be a JSON object');
    const { version } = value;
    expect(
      typeof version === 'number' && Number.isInteger(version) && version >= 1,
      'the workspace has no valid version',
    );
    if (version > WORKSPACE_VERSION) {
      return {
        ok: false,
        reason: 'future-version',
        message: `it was made by a newer playground (format ${version}; this one reads format ${WORKSPACE_VERSION})`,
      };
    }
    const files = parseFiles(value.files);
    const activeFile = value.activeFile ?? files[0].name;
    expect(
      typeof activeFile === 'string' && files.some((f) => f.name === activeFile),
      'activeFile names no file',
    );
    const budget = { values: WORKSPACE_LIMITS.maxValues };
    const workspace: Workspace = {
      version,
      files,
      activeFile,
      inputs: parseRecord(value.inputs ?? {}, 'inputs', (v, k) => parseJson(v, `input ${k}`, 0, budget)),
      config: parseRecord(value.config ?? {}, 'config', (v, k) => parseJson(v, `config ${k}`, 0, budget)),
      outputs: parseOutputs(value.outputs ?? []),
      ...(value.outputsChosen === true && { outputsChosen: true }),
      tables: parseRecord(value.tables ?? {}, 'tables', (v, k) => {
        expect(typeof v === 'string', `table ${k} must be CSV text or a data/ path`);
        return v;
      }),
    };
    return { ok: true, workspace };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: 'invalid', message: error.message };
    // A stack overflow on absurd nesting is still just an invalid workspace.
    if (error instanceof RangeError)
      return { ok: false, reason: 'invalid', message: 'the workspace is nested too deeply' };
    throw error;
  }
}

/** True when `value` is a well-formed {@link Workspace} (what the fuzz tests assert of every decoded link). */
export function isValidWorkspace(value: unknown): value is Workspace {
  return parseWorkspace(value).ok;
}
