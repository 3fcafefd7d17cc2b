/**
 * Joins modules compiled one by one (CommonJS bodies, see compileModule.ts) into one script and one
 * source map. Each module becomes a factory `function (require, module[, exports])`; a small loader runs them
 * in import order, once each, the way a bundler's runtime would. Imports between project files go
 * through a resolution table computed at build time; `hamilton` and `hamilton/frame` are the host's
 * own modules, read from a global, so user code and the host share one library instance.
 */
import { FlattenMap, encodedMap } from '@jridgewell/trace-mapping';
import type { ModuleMap } from './compileModule';

/** One compiled module. */
export interface CompiledModule {
  /** Its file name in the project (`lib/util.ts`). */
  readonly name: string;
  /** A CommonJS body: reads `require` and `module` (and `exports` when `readsExports`). */
  readonly code: string;
  /** Whether the body reads `exports` too (one that does not may declare a binding of that name). */
  readonly readsExports: boolean;
  /** Statements run before the body, on the factory's own line (so the body's lines keep their map). */
  readonly prologue: string;
  /** Its source map, from `code` to the file. */
  readonly map: ModuleMap | undefined;
  /** Specifier → project file, for every import written in the module. */
  readonly resolutions: Readonly<Record<string, string>>;
}

/** How the script hands out the record `{ [fileName]: moduleNamespace }` of every module. */
export interface LinkOptions {
  /** `esm`: as the script's default export. `iife`: stored in `globalThis[globalName]`. */
  readonly format: 'esm' | 'iife';
  readonly globalName: string;
  /** Bare imports the host provides, and the global object holding them by name. */
  readonly runtimeModules: readonly string[];
  readonly runtimeGlobal: string;
  /** The script's name in its map. */
  readonly file: string;
}

/** The joined script, and its map (JSON text), flattened on first use: only errors and devtools need it. */
export interface Linked {
  readonly code: string;
  map(): string;
}

/** The loader, run once per evaluation. */
function loader(modules: readonly CompiledModule[], options: LinkOptions): string[] {
  const json = JSON.stringify;
  const resolutions = Object.fromEntries(modules.map((m) => [m.name, m.resolutions]));
  return [
    '"use strict";',
    `var __hamilton_resolutions = ${json(resolutions)};`,
    `var __hamilton_provided = ${json(options.runtimeModules)};`,
    'var __hamilton_factories = Object.create(null), __hamilton_loaded = Object.create(null);',
    // A module is entered before its factory runs, so an import cycle sees the exports defined so far.
    'function __hamilton_load(name) { var m = __hamilton_loaded[name]; if (m) return m.exports; m = __hamilton_loaded[name] = { exports: {} }; __hamilton_factories[name].call(undefined, __hamilton_require(name), m, m.exports); return m.exports; }',
    `function __hamilton_require(from) { var table = __hamilton_resolutions[from]; return function require(spec) { if (Object.prototype.hasOwnProperty.call(table, spec)) return __hamilton_load(table[spec]); if (__hamilton_provided.indexOf(spec) >= 0) { var runtime = globalThis[${json(options.runtimeGlobal)}]; var provided = runtime && runtime[spec]; if (!provided) throw new Error("The host did not provide the module '" + spec + "'."); return provided; } throw new Error("Cannot find '" + spec + "' from " + from + "."); }; }`,
  ];
}

/** Joins the modules; the record lists them in the order given, and they run in that order. */
export function link(modules: readonly CompiledModule[], options: LinkOptions): Linked {
  const parts: string[] = [];
  let line = 0;
  const add = (text: string) => {
    parts.push(text);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    line++;
  };
  add(
    options.format === 'esm'
      ? 'export default (function () {'
      : `globalThis[${JSON.stringify(options.globalName)}] = (function () {`,
  );
  loader(modules, options).forEach(add);
  const sections: { offset: { line: number; column: number }; map: ModuleMap }[] = [];
  for (const m of modules) {
    const params = m.readsExports ? 'require, module, exports' : 'require, module';
    add(`__hamilton_factories[${JSON.stringify(m.name)}] = function (${params}) {${m.prologue}`);
    if (m.map) sections.push({ offset: { line, column: 0 }, map: m.map });
    add(m.code.endsWith('\n') ? m.code.slice(0, -1) : m.code);
    add('};');
  }
  const record = modules.map((m) => `${JSON.stringify(m.name)}: __hamilton_load(${JSON.stringify(m.name)})`);
  add(`return { ${record.join(', ')} };`);
  add('})();\n');
  const index = { version: 3 as const, file: options.file, sections };
  let flat: string | undefined;
  return { code: parts.join('\n'), map: () => (flat ??= flatten(index)) };
}

function flatten(index: ConstructorParameters<typeof FlattenMap>[0]): string {
  const map: { sourcesContent?: readonly (string | null)[] } = encodedMap(new FlattenMap(index));
  // Flattening fills in `null` for modules compiled without their text: no text, no field.
  if (map.sourcesContent?.every((c) => c === null)) delete map.sourcesContent;
  return JSON.stringify(map);
}
