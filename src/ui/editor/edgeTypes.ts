/**
 * Runs the edge check (edgeCheck.ts) through Monaco's TypeScript service and turns assignability
 * errors into markers on the consumers' parameters.
 */
import type { GraphDescription } from 'hamilton';
import type { SourceFile } from '../../worker/protocol';
import { buildEdgeCheck, EDGE_CHECK_FILE } from './edgeCheck';
import { fileUri, monaco, typescript } from './monaco';

export const EDGE_MARKER_OWNER = 'hamilton-edges';

/** TypeScript's "is not assignable" family of errors. */
const ASSIGNABILITY = new Set([2322, 2345, 2375, 2741, 2739, 2740, 2559]);

type MessageChain = string | { messageText: string; next?: MessageChain[] };
const flatten = (m: MessageChain): string =>
  typeof m === 'string' ? m : [m.messageText, ...(m.next ?? []).map(flatten)].join(' ');

/** What the check found: markers for each file (files without errors map to []), and nodes' resolved types. */
export interface EdgeCheckResult {
  readonly markers: Map<string, monaco.editor.IMarkerData[]>;
  /** Node → its type as TypeScript resolves it (`Series<Survey['age']>` → `Series<number>`). */
  readonly types: Map<string, string>;
}

/** Checks every edge of `graph`, and reads back the resolved type of each node TypeScript can type. */
export async function checkEdges(
  graph: GraphDescription,
  files: readonly SourceFile[],
): Promise<EdgeCheckResult> {
  const check = buildEdgeCheck(graph, files);
  const uri = fileUri(EDGE_CHECK_FILE);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel('', 'typescript', uri);
  if (model.getValue() !== check.code) model.setValue(check.code);
  const result = new Map<string, monaco.editor.IMarkerData[]>(files.map((f) => [f.name, []]));
  const types = new Map<string, string>();
  if (!check.probes.length && !check.types.length) return { markers: result, types };
  const worker = await (await typescript.getTypeScriptWorker())(uri);
  for (const probe of check.types) {
    const info = (await worker.getQuickInfoAtPosition(uri.toString(), probe.offset)) as
      { displayParts?: { text: string }[] } | undefined;
    // "const __t3: Series<number>": the type is what follows the name.
    const text = info?.displayParts?.map((p) => p.text).join('') ?? '';
    const colon = text.indexOf(': ');
    if (colon > 0) types.set(probe.node, text.slice(colon + 2));
  }
  const diagnostics = await worker.getSemanticDiagnostics(uri.toString());
  for (const d of diagnostics) {
    if (!ASSIGNABILITY.has(d.code) || d.start === undefined) continue;
    const probe = check.probes.find((p) => d.start! >= p.start && d.start! < p.end);
    if (!probe) continue;
    result.get(probe.file)?.push({
      severity: monaco.MarkerSeverity.Error,
      source: 'hamilton edge types',
      message: `${probe.from} cannot feed parameter ${probe.param} of ${probe.to}: ${flatten(d.messageText as MessageChain)}`,
      startLineNumber: probe.line,
      startColumn: probe.column,
      endLineNumber: probe.line,
      endColumn: probe.column + probe.param.length,
    });
  }
  return { markers: result, types };
}
