/**
 * Edge type checking: a hidden TypeScript file that, for every edge between two functions, assigns
 * the producer's (awaited) return type to the consumer's parameter type. The editor's TypeScript
 * service checks it; an assignability error there is put back on the consumer's parameter.
 */
import type { DescribedNode, GraphDescription } from 'hamilton';
import type { SourceFile } from '../../worker/protocol';
import { lineStarts, offsetOf, positionOf, scanParams } from './paramScan';

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

export interface EdgeCheck {
  readonly code: string;
  readonly probes: readonly EdgeProbe[];
}

/** The export a node's value comes from, when the node is that export's own value. */
function exportOf(node: DescribedNode): string | null {
  if (node.kind !== 'function' || !node.location) return null;
  const fn = node.functionName ?? node.name;
  // config.when variants (`x__batch`) produce the node `x` with the function's own return type.
  return fn === node.name || fn.startsWith(`${node.name}__`) ? fn : null;
}

const isIdentifier = (s: string) => /^[A-Za-z_$][\w$]*$/.test(s);

export function buildEdgeCheck(graph: GraphDescription, files: readonly SourceFile[]): EdgeCheck {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const code = new Map(files.map((f) => [f.name, f.code]));
  const starts = new Map(files.map((f) => [f.name, lineStarts(f.code)]));
  const modules = new Map<string, string>();
  const alias = (file: string) => {
    if (!modules.has(file)) modules.set(file, `__m${modules.size}`);
    return modules.get(file)!;
  };
  const lines: string[] = [];
  const probes: Omit<EdgeProbe, 'start' | 'end'>[] = [];
  for (const edge of graph.edges) {
    const producer = byName.get(edge.from);
    const consumer = byName.get(edge.to);
    if (!producer || !consumer) continue;
    const out = exportOf(producer);
    const into = exportOf(consumer);
    const source = consumer.location && code.get(consumer.location.file);
    if (
      !out ||
      !into ||
      !isIdentifier(out) ||
      !isIdentifier(into) ||
      !source ||
      !code.has(producer.location!.file)
    )
      continue;
    const fileStarts = starts.get(consumer.location!.file)!;
    const params = scanParams(
      source,
      offsetOf(fileStarts, consumer.location!.line, consumer.location!.column),
    );
    const index = params.findIndex((p) => p.name === edge.from);
    if (index < 0) continue;
    const place = positionOf(fileStarts, params[index].offset);
    lines.push(
      `{ const __v: Parameters<typeof ${alias(consumer.location!.file)}.${into}>[${index}] = null as unknown as Awaited<ReturnType<typeof ${alias(producer.location!.file)}.${out}>>; void __v; }`,
    );
    probes.push({ from: edge.from, to: edge.to, param: edge.from, file: consumer.location!.file, ...place });
  }
  const header = [...modules].map(
    ([file, name]) => `import type * as ${name} from './${file.replace(/\.ts$/, '')}';`,
  );
  let offset = header.join('\n').length + 1;
  const placed: EdgeProbe[] = lines.map((line, i) => {
    const probe = { ...probes[i], start: offset, end: offset + line.length };
    offset += line.length + 1;
    return probe;
  });
  return { code: [...header, ...lines].join('\n') + '\n', probes: placed };
}
