/**
 * Every public name of `hamilton` has a TSDoc comment: they become the playground's IntelliSense.
 * Reads the exports of index.ts with the TypeScript checker and looks at each one's declarations.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));

function documented(node: ts.Node): boolean {
  // A variable's comment sits on its statement, not on the declarator.
  const holder = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return ts.getJSDocCommentsAndTags(holder).length > 0;
}

describe('public API documentation', () => {
  it('gives every export of hamilton, and every member of exported classes and interfaces, a TSDoc comment', () => {
    const program = ts.createProgram([entry], {
      noEmit: true,
      skipLibCheck: true,
      noResolve: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry) as ts.SourceFile);
    const undocumented: string[] = [];
    const exports = checker.getExportsOfModule(moduleSymbol as ts.Symbol);
    // the whole surface is read (Driver, decorators, errors, types), not an empty module
    expect(exports.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Driver', 'Builder', 'parameterize', 'toDot']),
    );
    for (const exported of exports) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = symbol.declarations ?? [];
      if (!decls.some(documented)) undocumented.push(exported.name);
      for (const decl of decls) {
        if (!ts.isClassDeclaration(decl) && !ts.isInterfaceDeclaration(decl)) continue;
        for (const member of decl.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>) {
          const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
          const hidden = modifiers.some(
            (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
          );
          if (hidden || ts.isConstructorDeclaration(member) || !member.name) continue;
          if (ts.isPrivateIdentifier(member.name)) continue;
          // an overloaded method is documented on its overloads, not on its implementation
          const name = member.name.getText();
          const overloads = decl.members.filter(
            (m: ts.Node & { name?: ts.PropertyName }) => m.name?.getText() === name,
          );
          if (!overloads.some(documented)) undocumented.push(`${exported.name}.${name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  }, 60_000);
});
