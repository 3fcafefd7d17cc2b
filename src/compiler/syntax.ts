/** Small readings of the syntax tree that need no module context: names, docs, literal types. */
import type * as t from '@babel/types';
import type { SourceLocation } from '../hamilton/source';
import type { Span } from './analysis';
import type { CompilerDiagnostic } from './diagnostics';

export function nameOf(node: t.Identifier | t.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** Strips what changes an expression's type but not its value: `(x)`, `x as T`, `x satisfies T`, `x!`. */
export function unwrapExpression(e: t.Expression): t.Expression {
  let x = e;
  for (;;) {
    switch (x.type) {
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        x = x.expression;
        break;
      default:
        return x;
    }
  }
}

export function patternNames(pattern: t.Node | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => patternNames(e));
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'RestElement':
      return patternNames(pattern.argument);
    default:
      return [];
  }
}

export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/** The text of the nearest `/** … *\/` comment before the first host that has one, without its markers. */
export function docOf(hosts: readonly t.Node[]): string {
  for (const host of hosts) {
    const comments = host.leadingComments;
    if (!comments) continue;
    for (let i = comments.length - 1; i >= 0; i--) {
      const c = comments[i];
      if (c.type === 'CommentBlock' && c.value.startsWith('*') && !c.value.startsWith('**')) {
        return cleanDoc(c.value.slice(1));
      }
    }
  }
  return '';
}

function cleanDoc(body: string): string {
  const lines = body.split('\n').map((line) => line.replace(/^\s*\*?[ \t]?/, '').trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** The type TypeScript infers for a parameter from a literal default (`2` → number); `unknown` otherwise. */
export function literalType(value: t.Node): string {
  switch (value.type) {
    case 'NumericLiteral':
      return 'number';
    case 'StringLiteral':
    case 'TemplateLiteral':
      return 'string';
    case 'BooleanLiteral':
      return 'boolean';
    case 'BigIntLiteral':
      return 'bigint';
    case 'UnaryExpression':
      return value.operator === '-' && value.argument.type === 'NumericLiteral' ? 'number' : 'unknown';
    default:
      return 'unknown';
  }
}

/** What only a walk over every node of a program finds (the analysis reads top-level statements). */
export interface DeepSyntax {
  /** Every `import('x')` with a literal specifier. */
  readonly dynamicImports: readonly t.StringLiteral[];
  /** Whether any class, at any depth, has `@decorators` or `accessor` fields. */
  readonly decorators: boolean;
  /** Whether none of the syntax listed at `ModuleAnalysis.strippable` appears (its bindings aside). */
  readonly strippable: boolean;
}

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassMethod',
  'ClassPrivateMethod',
  'ObjectMethod',
]);

/**
 * Walks every node once. (A plain `for…in` over each node, skipping locations: about 20 µs for a
 * 100-line module, so it runs on every analysis.)
 */
export function deepSyntax(program: t.Program): DeepSyntax {
  const dynamicImports: t.StringLiteral[] = [];
  let decorators = false;
  let strippable = true;
  // Each node with whether it is inside a function: `await` outside one is top-level await.
  const stack: t.Node[] = [program];
  const nested: boolean[] = [false];
  while (stack.length > 0) {
    const node = stack.pop()!;
    let inFunction = nested.pop()!;
    switch (node.type) {
      case 'ImportExpression':
        if (node.source.type === 'StringLiteral') dynamicImports.push(node.source);
        break;
      case 'Decorator':
      case 'ClassAccessorProperty':
        decorators = true;
        break;
      case 'Identifier':
        if (node.name === 'require' || node.name === 'exports') strippable = false;
        break;
      case 'TSModuleDeclaration':
        if (!node.declare) strippable = false;
        break;
      case 'TSImportEqualsDeclaration':
      case 'MetaProperty':
        strippable = false;
        break;
      case 'AwaitExpression':
        if (!inFunction) strippable = false;
        break;
      case 'ForOfStatement':
        if (node.await && !inFunction) strippable = false;
        break;
      case 'VariableDeclaration':
        if (node.kind === 'await using' && !inFunction) strippable = false;
        break;
      default:
        inFunction ||= FUNCTIONS.has(node.type);
    }
    for (const key in node) {
      if (key === 'loc' || key === 'extra' || key.endsWith('Comments')) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (typeof child !== 'object' || child === null) continue;
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as t.Node | null;
          if (item !== null && typeof item.type === 'string') {
            stack.push(item);
            nested.push(inFunction);
          }
        }
      } else if (typeof (child as t.Node).type === 'string') {
        stack.push(child as t.Node);
        nested.push(inFunction);
      }
    }
  }
  return { dynamicImports, decorators, strippable: strippable && !decorators };
}

/** Where a node starts, 1-based as diagnostics give it. */
export function locationOf(node: t.Node, file: string): SourceLocation {
  const start = node.loc?.start;
  return { file, line: start?.line ?? 1, column: (start?.column ?? 0) + 1 };
}

/** Where a node starts and ends (the end exclusive), 1-based. */
export function spanOf(node: t.Node, file: string): Span {
  const location = locationOf(node, file);
  const end = node.loc?.end;
  return {
    location,
    endLine: end?.line ?? location.line,
    endColumn: (end?.column ?? location.column - 1) + 1,
  };
}

/** A Babel syntax error as a diagnostic at its place (Babel's "(line:column)" suffix goes: the place has fields). */
export function syntaxDiagnostic(
  message: string,
  loc: { line: number; column: number } | undefined,
  file: string,
): CompilerDiagnostic {
  const line = loc?.line ?? 1;
  const column = (loc?.column ?? 0) + 1;
  return {
    severity: 'error',
    source: 'syntax',
    message: message.replace(/\s*\(\d+:\d+\)$/, ''),
    file,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
  };
}
