/**
 * The code appended to an analysed module so the library receives the analysis at run time:
 *
 *   export const __hamilton = {"module":"features","file":"features.ts"};
 *   function __hamilton_attach(f, s) { ... }
 *   __hamilton_attach(a, {"name":"a","params":[...],...});
 *   __hamilton_attach(Features.age, {...});
 *
 * Appending (never inserting) keeps every original position, so source maps of the result stay valid.
 */
import type { ModuleSource } from '../hamilton/source';
import { analyse, MODULE_EXPORT, type ModuleAnalysis } from './analyse.ts';

/** The code to append to the analysed module (empty when the file could not be parsed). */
export function annotation(analysis: ModuleAnalysis): string {
  if (!analysis.parsed) return '';
  const attach = freeName('__hamilton_attach', analysis.bindings);
  const moduleSource: ModuleSource = { module: analysis.module, file: analysis.file };
  // `Symbol.for('hamilton.source')` is `SOURCE` of src/hamilton/source.ts; a registered symbol, so the
  // appended code needs no import and works with whichever copy of the library the host provides.
  const lines = [
    '',
    MODULE_EXPORT in analysis.exports || analysis.bindings.has(MODULE_EXPORT)
      ? ''
      : `export const ${MODULE_EXPORT} = ${JSON.stringify(moduleSource)};`,
    `function ${attach}(f, s) { const k = Symbol.for("hamilton.source"); ` +
      `if (typeof f === "function" && Object.isExtensible(f) && !Object.prototype.hasOwnProperty.call(f, k)) ` +
      `Object.defineProperty(f, k, { value: s }); }`,
  ];
  for (const { binding, source } of analysis.functions) {
    lines.push(`${attach}(${binding}, ${JSON.stringify(source)});`);
  }
  return lines.join('\n') + '\n';
}

/** Analyses `code` and returns it with its annotation appended, with the analysis. */
export function annotate(
  code: string,
  file: string,
): { readonly code: string; readonly analysis: ModuleAnalysis } {
  const analysis = analyse(code, file);
  return { code: code + annotation(analysis), analysis };
}

function freeName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}
