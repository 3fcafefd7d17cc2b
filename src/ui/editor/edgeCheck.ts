/**
 * Edge type checking: a hidden TypeScript file that, for every edge between two functions, assigns
 * the producer's value (its export's awaited return type, or a column or field of it) to the consumer's
 * parameter type. The editor's TypeScript service checks it; an assignability error there is put back
 * on the consumer's parameter. Nodes are traced to their exports by location, not by function name
 * (a bundler may rename a function literal that shares its export's name).
 */
import type { DescribedNode, GraphDescription } from 'hamilton';
import type { SourceFile } from '../../worker/protocol';
import { exportAt, exportSpans, type ExportSpan } from './exports';
import { lineStarts, offsetOf, positionOf, scanParams, type ParamPlace } from './paramScan';

/** The hidden file's name (beside the user's files, so `./features` imports resolve). */
export const EDGE_CHECK_FILE = '__hamilton_edges__.ts';

/** One check: its span in the hidden file and where an error on it belongs. */
export interface EdgeProbe {
  readonly start: number;
  readonly end: number;
  readonly from: string;
  readonly to: string;
  readonly param: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Where the hidden file declares a node's value, so the TypeScript service can say its resolved type. */
export interface TypeProbe {
  readonly node: string;
  /** The offset of the declared name in the hidden file. */
  readonly offset: number;
}

export interface EdgeCheck {
  readonly code: string;
  readonly probes: readonly EdgeProbe[];
  readonly types: readonly TypeProbe[];
}

/** The hidden file's helper that reads the item type of a Parallelizable's value. */
const ITEM = '__hamilton_item';

/** Decorators that make nodes other than the function's own (each changes what a node holds). */
const NODE_MAKERS =
  /\b(parameterize|parameterizeValues|parameterizeSources|extractColumns|extractFields|unpackFields|checkOutput|checkOutputCustom|pipeInput|pipeOutput|mutate|subdag|parameterizedSubdag|does|inject)\s*\(/g;

const makersOf = (span: ExportSpan) => new Set([...span.text.matchAll(NODE_MAKERS)].map((m) => m[1]));
const isIdentifier = (s: string) => /^[A-Za-z_$][\w$]*$/.test(s);
const quoted = (text: string, name: string) => text.includes(`'${name}'`) || text.includes(`"${name}"`);

/** A node traced to the export that holds its function, and the function's parameters. */
interface Traced {
  readonly node: DescribedNode;
  readonly file: string;
  readonly span: ExportSpan;
  readonly params: readonly ParamPlace[];
  readonly starts: readonly number[];
}

/**
 * The value a producer node holds, as a TypeScript expression, where its type is knowable from the
 * export's type (a decorator keeps the wrapped function's type): the function's own result (plain,
 * `tag`, `config.when` variants `x__mode`, `checkOutput`'s final node and `x_raw`, each node of
 * `parameterize`), a column of the frame it returns (`extractColumns`) or a field of the object it
 * returns (`extractFields`). Null for everything else (validators, pipes, subdags, `does`, `inject`).
 */
function valueOf({ node, span }: Traced, module: string): string | null {
  const result = `(null as unknown as Awaited<ReturnType<typeof ${module}.${span.name}>>)`;
  const makers = makersOf(span);
  const own = node.name === span.name || span.name.startsWith(`${node.name}__`);
  if (!makers.size) return own ? result : null;
  if (makers.size > 1) return null;
  const [maker] = makers;
  if (maker === 'checkOutput' || maker === 'checkOutputCustom')
    return own || node.name === `${span.name}_raw` ? result : null;
  if (maker.startsWith('parameterize') && maker !== 'parameterizedSubdag') return result;
  if (!isIdentifier(node.name) || !quoted(span.text, node.name)) return null;
  if (maker === 'extractColumns') return `${result}.column('${node.name}')`;
  if (maker === 'extractFields') return `${result}['${node.name}']`;
  return null;
}

/** Whether a consumer node calls the export's function with the parameters as written. */
function callsFunction({ span }: Traced): boolean {
  const makers = makersOf(span);
  // These route other nodes into the parameters (renamed, piped, bound) or run another function.
  for (const m of [
    'pipeInput',
    'inject',
    'does',
    'mutate',
    'subdag',
    'parameterizedSubdag',
    'parameterizeSources',
  ])
    if (makers.has(m)) return false;
  return true;
}

/**
 * The parameters of the function at `at`. An `export const`'s location may be its name: then the
 * function is its initialiser when that is a function (`= (a, b) => ...`), else the literal inside the
 * decorator calls (`= tag(...)(function x(a, b) {...})`), the first `function` of the statement; a
 * decorated arrow is traced when nothing but its parameters stands before its `=>`.
 */
function paramsAt(text: string, at: number, span: ExportSpan): ParamPlace[] {
  const head = text.slice(span.start, at);
  if (!/^export\s+const\s+[\w$]*$/.test(head)) return scanParams(text, at);
  const rest = span.text.slice(at - span.start);
  const init = /^[\w$]*\s*(?::[^=]*)?=\s*/.exec(rest);
  if (init && /^(?:async\s*)?(?:function\b|\()/.test(rest.slice(init[0].length)))
    return scanParams(text, at + init[0].length);
  const literal = /\bfunction\b/.exec(rest);
  if (literal) return scanParams(text, at + literal.index);
  const arrow = rest.indexOf('=>');
  const open = arrow < 0 ? -1 : openingParen(rest, arrow);
  return open < 0 ? [] : scanParams(text, at + open);
}

/** The `(` that matches the `)` right before `=>` at `arrow`, or -1 (e.g. a return type in between). */
function openingParen(text: string, arrow: number): number {
  let i = arrow - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text[i] !== ')') return -1;
  for (let depth = 0; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

export function buildEdgeCheck(graph: GraphDescription, files: readonly SourceFile[]): EdgeCheck {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const code = new Map(files.map((f) => [f.name, f.code]));
  const starts = new Map(files.map((f) => [f.name, lineStarts(f.code)]));
  const spans = new Map(files.map((f) => [f.name, exportSpans(f.code)]));
  const traced = new Map<string, Traced | null>();
  const trace = (node: DescribedNode): Traced | null => {
    if (traced.has(node.name)) return traced.get(node.name)!;
    let found: Traced | null = null;
    const file = node.location?.file;
    const text = file !== undefined ? code.get(file) : undefined;
    if (node.kind === 'function' && node.location && file !== undefined && text !== undefined) {
      const fileStarts = starts.get(file)!;
      const at = offsetOf(fileStarts, node.location.line, node.location.column);
      const span = exportAt(spans.get(file)!, at);
      if (span) found = { node, file, span, params: paramsAt(text, at, span), starts: fileStarts };
    }
    traced.set(node.name, found);
    return found;
  };
  const modules = new Map<string, string>();
  const alias = (file: string) => {
    if (!modules.has(file)) modules.set(file, `__m${modules.size}`);
    return modules.get(file)!;
  };
  const lines: string[] = [];
  const probes: Omit<EdgeProbe, 'start' | 'end'>[] = [];
  for (const edge of graph.edges) {
    const producerNode = byName.get(edge.from);
    const consumerNode = byName.get(edge.to);
    const producer = producerNode && trace(producerNode);
    const consumer = consumerNode && trace(consumerNode);
    if (!producer || !consumer || !callsFunction(consumer)) continue;
    const index = consumer.params.findIndex((p) => p.name === edge.from);
    if (index < 0) continue;
    const into = alias(consumer.file);
    const produced = valueOf(producer, alias(producer.file));
    if (!produced) continue;
    // A Parallelizable's consumers read one item; a Collect parameter reads every item's value.
    const item = edge.parallel === 'expand' ? `${ITEM}(${produced})` : produced;
    const value = edge.parallel === 'collect' ? `[${item}]` : item;
    const place = positionOf(consumer.starts, consumer.params[index].offset);
    lines.push(
      `{ const __v: Parameters<typeof ${into}.${consumer.span.name}>[${index}] = ${value}; void __v; }`,
    );
    probes.push({ from: edge.from, to: edge.to, param: edge.from, file: consumer.file, ...place });
  }
  // Each node's value, declared once, so its resolved type can be read back (an input's is the
  // type of the first parameter that takes it).
  const values: [string, string][] = [];
  for (const node of graph.nodes) {
    const traced = trace(node);
    const value = traced && valueOf(traced, alias(traced.file));
    if (value) values.push([node.name, value]);
  }
  for (const edge of graph.edges) {
    const consumer = byName.get(edge.to);
    const traced = consumer && trace(consumer);
    if (byName.get(edge.from)?.kind === 'function' || values.some(([n]) => n === edge.from)) continue;
    const index = traced && callsFunction(traced) ? traced.params.findIndex((p) => p.name === edge.from) : -1;
    if (traced && index >= 0)
      values.push([
        edge.from,
        `(null as unknown as Parameters<typeof ${alias(traced.file)}.${traced.span.name}>[${index}])`,
      ]);
  }
  const header = [...modules].map(
    ([file, name]) => `import type * as ${name} from './${file.replace(/\.ts$/, '')}';`,
  );
  if (graph.edges.some((e) => e.parallel === 'expand'))
    header.push(`declare function ${ITEM}<T>(items: Iterable<T> | AsyncIterable<T>): T;`);
  let offset = header.join('\n').length + 1;
  const placed: EdgeProbe[] = lines.map((line, i) => {
    const probe = { ...probes[i], start: offset, end: offset + line.length };
    offset += line.length + 1;
    return probe;
  });
  const types: TypeProbe[] = values.map(([node], i) => {
    const line = `const __t${i} = ${values[i][1]};`;
    const probe = { node, offset: offset + 'const '.length };
    offset += line.length + 1;
    lines.push(line);
    return probe;
  });
  return { code: [...header, ...lines].join('\n') + '\n', probes: placed, types };
}
