/**
 * Source analysis: what a TypeScript module's top-level functions look like *as written*.
 *
 * Bundlers rename parameters that shadow top-level names (`f(client_id)` beside `export function
 * client_id` becomes `f(client_id2)`), and Hamilton reads dependencies from parameter names, so they are
 * read here from the source with a real parser, before any transform. `annotate.ts` turns the result
 * into code appended to the module.
 */
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import type { FunctionSource, ParameterSource } from '../hamilton/source';
import type {
  AnalysedFunction,
  Candidate,
  FunctionLiteral,
  ImportedName,
  ImportReference,
  ModuleAnalysis,
} from './analysis';
import type { CompilerDiagnostic } from './diagnostics';
import {
  docOf,
  deepSyntax,
  type DeepSyntax,
  isIdentifierName,
  literalType,
  locationOf,
  nameOf,
  patternNames,
  spanOf,
  syntaxDiagnostic,
  unwrapExpression,
} from './syntax';

export type { AnalysedFunction, ImportedName, ImportReference, ModuleAnalysis } from './analysis';

/** Mirrors `MODULE_SOURCE_EXPORT` of `src/hamilton/source.ts` (this folder imports only its types). */
export const MODULE_EXPORT = '__hamilton';
const PARSER_PLUGINS: ['typescript', 'decorators'] = ['typescript', 'decorators'];
const JSX_PARSER_PLUGINS: ['typescript', 'decorators', 'jsx'] = ['typescript', 'decorators', 'jsx'];
const CACHE_LIMIT = 256;
const cache = new Map<string, ModuleAnalysis>();

/** The module name of a file: `src/features.ts` → `features`. */
export function moduleName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * Analyses a TypeScript module. Never throws: syntax errors come back as diagnostics with their place.
 * Results are cached by file name and content, so calling it on every keystroke is cheap for unchanged files.
 */
export function analyse(code: string, file: string): ModuleAnalysis {
  const key = `${file}\0${code}`;
  const hit = cache.get(key);
  if (hit) {
    // Refresh its place in the insertion-ordered map: least recently used entries go first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = new Analyser(code, file).run();
  cache.set(key, result);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}

class Analyser {
  private readonly module: string;
  private readonly diagnostics: CompilerDiagnostic[] = [];
  private readonly exports: Record<string, string> = {};
  private readonly exportNames = new Set<string>();
  private readonly imports: ImportReference[] = [];
  private readonly bindings = new Set<string>();
  private readonly functionDeclarations = new Set<string>();
  private readonly candidates = new Map<string, Candidate>();
  private readonly members: Candidate[] = [];
  /** Local names that are exported (known once every statement is collected). */
  private exportedLocals = new Set<string>();

  constructor(
    private readonly code: string,
    private readonly file: string,
  ) {
    this.module = moduleName(file);
  }

  run(): ModuleAnalysis {
    let program: t.Program;
    let parsed = true;
    try {
      const ast = parse(this.code, {
        sourceType: 'module',
        plugins: /\.[jt]sx$/.test(this.file) ? JSX_PARSER_PLUGINS : PARSER_PLUGINS,
        errorRecovery: true,
        sourceFilename: this.file,
      });
      program = ast.program;
      for (const error of ast.errors ?? []) {
        parsed = false;
        this.syntaxError(error.message, error.loc);
      }
    } catch (error) {
      const e = error as { message?: string; loc?: { line: number; column: number } };
      this.syntaxError(e.message ?? String(error), e.loc);
      return this.result([], false);
    }
    for (const statement of program.body) this.collect(statement);
    const deep = deepSyntax(program);
    for (const source of deep.dynamicImports) this.addImport(source, false);
    if (this.bindings.has(MODULE_EXPORT) || MODULE_EXPORT in this.exports) {
      this.diagnostics.push({
        severity: 'error',
        source: 'analysis',
        message: `The name ${MODULE_EXPORT} is reserved: the compiler exports it from every analysed module.`,
        file: this.file,
      });
    }
    return this.result(this.resolveAll(), parsed, deep);
  }

  private result(
    functions: AnalysedFunction[],
    parsed: boolean,
    deep?: Pick<DeepSyntax, 'decorators' | 'strippable'>,
  ): ModuleAnalysis {
    return {
      file: this.file,
      module: this.module,
      functions,
      exports: this.exports,
      exportNames: new Set([...Object.keys(this.exports), ...this.exportNames]),
      imports: this.imports,
      bindings: this.bindings,
      functionDeclarations: this.functionDeclarations,
      diagnostics: this.diagnostics,
      parsed,
      hasDecorators: deep?.decorators ?? false,
      strippable:
        (deep?.strippable ?? false) &&
        !this.bindings.has('module') &&
        !this.imports.some((i) => i.reexportsAll && !i.typeOnly),
    };
  }

  // ---- pass 1: top-level bindings, exports, imports ----

  private collect(statement: t.Statement): void {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const typeOnly =
          statement.importKind === 'type' ||
          (statement.specifiers.length > 0 &&
            statement.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
        const names = statement.specifiers.flatMap((s) =>
          s.type === 'ImportSpecifier' && s.importKind !== 'type'
            ? [this.importedName(nameOf(s.imported), s.imported)]
            : s.type === 'ImportDefaultSpecifier'
              ? [this.importedName('default', s.local)]
              : [],
        );
        this.addImport(statement.source, typeOnly, names);
        for (const s of statement.specifiers) this.bindings.add(s.local.name);
        return;
      }
      case 'ExportAllDeclaration': {
        // `export * as ns from` (ESTree's form; Babel may give it as a named export, below).
        const exported = (statement as { exported?: t.Identifier | t.StringLiteral | null }).exported;
        if (exported) this.exportNames.add(nameOf(exported));
        this.addImport(statement.source, statement.exportKind === 'type', [], !exported);
        return;
      }
      case 'ExportNamedDeclaration':
        if (statement.source) {
          const names: ImportedName[] = [];
          for (const s of statement.specifiers) {
            this.exportNames.add(nameOf(s.exported));
            if (s.type === 'ExportSpecifier' && s.exportKind !== 'type')
              names.push(this.importedName(nameOf(s.local), s.local));
          }
          this.addImport(statement.source, statement.exportKind === 'type', names);
          return;
        }
        for (const s of statement.specifiers) {
          this.exportNames.add(nameOf(s.exported));
          if (s.type === 'ExportSpecifier' && s.local.type === 'Identifier' && s.exportKind !== 'type') {
            this.exports[nameOf(s.exported)] = s.local.name;
          }
        }
        if (statement.declaration) {
          const d = statement.declaration;
          // Types and enums: names other modules may import, though no function of this module.
          if ('id' in d && d.id?.type === 'Identifier') this.exportNames.add(d.id.name);
          this.declaration(d, statement, true);
        }
        return;
      case 'ExportDefaultDeclaration': {
        this.exportNames.add('default');
        const d = statement.declaration;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          // Exported as `default` only: `main` of `export default function main` is a local name.
          this.declaration(d, statement, false);
          this.exports.default = d.id.name;
        } else if (d.type === 'Identifier') {
          this.exports.default = d.name;
        }
        return;
      }
      default:
        this.declaration(statement, statement, false);
    }
  }

  private declaration(d: t.Node, statement: t.Node, exported: boolean): void {
    switch (d.type) {
      case 'FunctionDeclaration':
        if (!d.id || d.declare) return;
        this.bindings.add(d.id.name);
        this.functionDeclarations.add(d.id.name);
        if (exported) this.exports[d.id.name] = d.id.name;
        this.candidates.set(d.id.name, {
          binding: d.id.name,
          name: d.id.name,
          nameNode: d.id,
          value: d,
          docHosts: [statement, d],
        });
        return;
      case 'VariableDeclaration':
        if (d.declare) return;
        for (const declarator of d.declarations) {
          for (const name of patternNames(declarator.id)) {
            this.bindings.add(name);
            if (exported) this.exports[name] = name;
          }
          if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
          const init = unwrapExpression(declarator.init);
          const name = declarator.id.name;
          if (init.type === 'ClassExpression') {
            this.classBody(name, init.body);
            continue;
          }
          this.candidates.set(name, {
            binding: name,
            name,
            nameNode: declarator.id,
            value: init,
            docHosts: [statement, d, declarator],
          });
        }
        return;
      case 'ClassDeclaration':
        if (!d.id || d.declare) return;
        this.bindings.add(d.id.name);
        if (exported) this.exports[d.id.name] = d.id.name;
        this.classBody(d.id.name, d.body);
        return;
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration':
        if (!d.declare && d.id.type === 'Identifier') this.bindings.add(d.id.name);
        return;
      default:
    }
  }

  private classBody(className: string, body: t.ClassBody): void {
    for (const member of body.body) {
      if ((member.type !== 'ClassMethod' && member.type !== 'ClassProperty') || !member.static) continue;
      if (member.computed) continue;
      const key = member.key;
      const name =
        key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
      if (name === undefined) continue;
      const binding = `${className}${isIdentifierName(name) ? `.${name}` : `[${JSON.stringify(name)}]`}`;
      if (member.type === 'ClassMethod') {
        if (member.kind !== 'method') continue;
        this.members.push({ binding, name, nameNode: key, value: member, docHosts: [member], className });
      } else if (member.value && !member.declare) {
        const value = unwrapExpression(member.value);
        this.members.push({ binding, name, nameNode: key, value, docHosts: [member], className });
      }
    }
  }

  private addImport(
    source: t.StringLiteral,
    typeOnly: boolean,
    names: ImportedName[] = [],
    reexportsAll = false,
  ): void {
    if (!source.loc) return;
    this.imports.push({
      specifier: source.value,
      typeOnly,
      names,
      reexportsAll,
      ...spanOf(source, this.file),
    });
  }

  private importedName(name: string, node: t.Node): ImportedName {
    return { name, ...spanOf(node, this.file) };
  }

  // ---- pass 2: resolve each binding to the function literal that defines it ----

  private resolveAll(): AnalysedFunction[] {
    this.exportedLocals = new Set(Object.values(this.exports));
    const functions: AnalysedFunction[] = [];
    const described = new Map<string, FunctionSource | null>();
    const describe = (candidate: Candidate): FunctionSource | null => {
      if (described.has(candidate.binding)) return described.get(candidate.binding) ?? null;
      described.set(candidate.binding, null); // guards `const a = f(b); const b = f(a)`
      const source = this.describe(candidate, describe);
      described.set(candidate.binding, source);
      return source;
    };
    for (const candidate of [...this.candidates.values(), ...this.members]) {
      const source = describe(candidate);
      if (source) functions.push({ binding: candidate.binding, source });
    }
    return functions;
  }

  private describe(
    candidate: Candidate,
    describe: (c: Candidate) => FunctionSource | null,
  ): FunctionSource | null {
    const found = this.innermostFunction(candidate.value, describe);
    if (!found) return null;
    if ('source' in found) return found.source;
    const fn = found.fn;
    const ownName =
      fn.type !== 'ClassMethod' && fn.type !== 'ArrowFunctionExpression' ? fn.id?.name : undefined;
    const isNode = this.isNode(candidate);
    const host = [...candidate.docHosts, ...(fn === candidate.value ? [] : [fn])];
    return {
      name: ownName ?? candidate.name,
      module: this.module,
      params: this.parameters(fn, ownName ?? candidate.name, isNode),
      returnType: this.typeText(fn.returnType),
      doc: docOf(host),
      // The name the user wrote for the node (`export const x = tag(...)(...)` marks `x`).
      location: locationOf(candidate.nameNode, this.file),
      async: fn.async,
    };
  }

  private isNode(candidate: Candidate): boolean {
    return (
      this.exportedLocals.has(candidate.className ?? candidate.binding) && !candidate.name.startsWith('_')
    );
  }

  /**
   * Digs through decorator call chains (`tag({...})(extractColumns('a')(function f() {}))`) to the
   * function literal, or to a local function passed by name (whose own description is reused).
   */
  private innermostFunction(
    value: FunctionLiteral | t.Expression,
    describe: (c: Candidate) => FunctionSource | null,
  ): { fn: FunctionLiteral } | { source: FunctionSource } | undefined {
    if (value.type === 'ClassMethod' || value.type === 'FunctionDeclaration') return { fn: value };
    const v = unwrapExpression(value);
    switch (v.type) {
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return { fn: v };
      case 'Identifier': {
        const target = this.candidates.get(v.name);
        if (!target) return undefined;
        const source = describe(target);
        return source ? { source } : undefined;
      }
      case 'CallExpression':
        for (const arg of v.arguments) {
          if (arg.type === 'SpreadElement' || arg.type === 'ArgumentPlaceholder') continue;
          const found = this.innermostFunction(arg as t.Expression, describe);
          if (found) return found;
        }
        return undefined;
      default:
        return undefined;
    }
  }

  private parameters(fn: FunctionLiteral, functionName: string, isNode: boolean): ParameterSource[] {
    const params: ParameterSource[] = [];
    for (const p of fn.params) {
      if (p.type === 'Identifier') {
        if (p.name === 'this') continue; // a TypeScript `this` annotation, not a runtime parameter
        params.push(this.parameter(p.name, p.typeAnnotation, p.optional === true, p));
      } else if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') {
        const param = this.parameter(p.left.name, p.left.typeAnnotation, true, p);
        // `factor = 2` has the type TypeScript infers from its default.
        params.push(param.type === 'unknown' ? { ...param, type: literalType(p.right) } : param);
      } else if (p.type !== 'TSParameterProperty') {
        const annotation = 'typeAnnotation' in p ? p.typeAnnotation : undefined;
        const end = p.type === 'RestElement' ? p.argument.end : (annotation?.start ?? p.end);
        const text = this.code.slice(p.start ?? 0, end ?? 0);
        const what = p.type === 'RestElement' ? 'a rest parameter' : 'destructured';
        this.diagnostics.push({
          severity: isNode ? 'error' : 'warning',
          source: 'analysis',
          message:
            `Parameter \`${text}\` of ${functionName} is ${what}: Hamilton reads each dependency from a ` +
            `parameter's name, so write one named parameter per dependency` +
            (isNode ? '.' : ' (this matters if the function is used as a node, e.g. in step() or does()).'),
          ...this.range(p),
        });
        params.push(this.parameter(text, annotation, p.type === 'AssignmentPattern', p));
      }
    }
    return params;
  }

  private parameter(
    name: string,
    annotation: t.Node | null | undefined,
    optional: boolean,
    node: t.Node,
  ): ParameterSource {
    return { name, type: this.typeText(annotation), optional, location: locationOf(node, this.file) };
  }

  private typeText(annotation: t.Node | null | undefined): string {
    if (!annotation || annotation.type !== 'TSTypeAnnotation') return 'unknown';
    const inner = annotation.typeAnnotation;
    return this.code.slice(inner.start ?? 0, inner.end ?? 0);
  }

  private range(
    node: t.Node,
  ): Pick<CompilerDiagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
    const { location, endLine, endColumn } = spanOf(node, this.file);
    return { ...location, endLine, endColumn };
  }

  private syntaxError(message: string, loc: { line: number; column: number } | undefined): void {
    this.diagnostics.push(syntaxDiagnostic(message, loc, this.file));
  }
}
