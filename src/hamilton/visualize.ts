/**
 * Graph descriptions (plain, serializable: what the UI draws) and their DOT text in Hamilton's graphviz
 * look: functions as rounded boxes filled #b4d8e4 with name and type, inputs dashed (gathered per consumer
 * in a table, as Hamilton does), config as notes with their values, requested outputs filled #FFC857,
 * overrides hatched, and a legend listing only the kinds present.
 */
import type { DescribedEdge, DescribedNode, GraphDescription, ParallelRole } from './description';
import type { Plan } from './execution';
import { CONFIG, type FunctionGraph } from './graph';
import { functionName } from './modules';
import { isCollectType, isExpander, parallelStructure } from './parallel';
import { summarize } from './summary';
import { toVariable } from './variables';

// Hamilton shows config values with Python's str(): strings without quotes.
function configText(value: unknown): string {
  return typeof value === 'string' ? value : summarize(value);
}

/**
 * Describes the whole graph; with a plan, flags its final vars as outputs, its overrides, and the nodes
 * the execution touches as on the path.
 */
export function describeGraph(graph: FunctionGraph, plan?: Plan): GraphDescription {
  const nodes: DescribedNode[] = [];
  const edges: DescribedEdge[] = [];
  const outputs = new Set(plan?.finalVars);
  // Most graphs have no parallel block: their nodes and edges need no role.
  const dynamic = parallelStructure(graph).dynamic;
  for (let i = 0; i < graph.size; i++) {
    const node = graph.nodeList[i];
    const fn = node.originatingFunction;
    const fnName = fn && functionName(fn);
    const v = toVariable(node);
    // One literal shape for every node keeps this loop monomorphic on large graphs.
    const described: DescribedNode = {
      name: v.name,
      type: v.type,
      tags: v.tags,
      documentation: v.documentation,
      isExternalInput: v.isExternalInput,
      kind: v.kind,
      requiredDependencies: v.requiredDependencies,
      optionalDependencies: v.optionalDependencies,
      location: v.location,
      isOutput: outputs.has(node.name),
      isOverride: plan ? plan.provided[i] === 2 : false,
      onPath: plan ? plan.state[i] === 2 : false,
      value: graph.kind[i] === CONFIG ? configText(graph.config[node.name]) : undefined,
      functionName: fnName && fnName !== node.name ? fnName : undefined,
    };
    const role = dynamic ? parallelRoleOf(graph, i) : undefined;
    nodes.push(role ? { ...described, parallel: role } : described);
    for (let e = graph.depStart[i], k = 0; e < graph.depStart[i + 1]; e++, k++) {
      const d = node.dependencies[k];
      const edge: DescribedEdge = { from: d.name, to: node.name, optional: d.optional };
      const role = dynamic ? edgeRoleOf(graph, e, d.type) : undefined;
      edges.push(role ? { ...edge, parallel: role } : edge);
    }
  }
  return { nodes, edges, cycles: graph.cycles };
}

function edgeRoleOf(graph: FunctionGraph, e: number, type: string): ParallelRole | undefined {
  if (isCollectType(type)) return 'collect';
  return isExpander(graph.nodeList[graph.depIds[e]]) ? 'expand' : undefined;
}

function parallelRoleOf(graph: FunctionGraph, i: number): ParallelRole | undefined {
  const node = graph.nodeList[i];
  if (isExpander(node)) return 'expand';
  return node.kind === 'function' && node.dependencies.some((d) => isCollectType(d.type))
    ? 'collect'
    : undefined;
}

/** Options of {@link toDot}. */
export interface DotOptions {
  /**
   * Draw only the nodes on the execution path when the description has one (Hamilton's
   * `visualize_execution`); with false, draw everything and outline the path in red. Default true.
   */
  readonly pathOnly?: boolean;
  /** Graph direction: `LR` (Hamilton's default), `TB`, `RL` or `BT`. */
  readonly orient?: 'LR' | 'TB' | 'RL' | 'BT';
  /** Add the legend. Default true. */
  readonly showLegend?: boolean;
}

type Attrs = Record<string, string>;

const KEYWORDS = new Set(['node', 'edge', 'graph', 'digraph', 'subgraph', 'strict']);

function id(name: string): string {
  return (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase())) ||
    /^-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)$/.test(name)
    ? name
    : `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

// Graphviz (the Python package Hamilton uses) writes a label first, then the other attributes sorted.
function attrs(label: string | undefined, a: Attrs): string {
  const parts = label === undefined ? [] : [`label=${label}`];
  for (const key of Object.keys(a).sort()) parts.push(`${key}=${id(a[key])}`);
  return `[${parts.join(' ')}]`;
}

const MAX_TYPE = 80;

function nodeLabel(name: string, type: string): string {
  const shown = type.length > MAX_TYPE ? `${type.slice(0, MAX_TYPE)}[...]` : type;
  return `<<b>${html(name)}</b><br /><br /><i>${html(shown)}</i>>`;
}

function style(kind: string): Attrs {
  if (kind === 'config') return { shape: 'note', style: 'filled', fontname: 'Helvetica' };
  if (kind === 'input')
    return { shape: 'rectangle', margin: '0.15', style: 'filled,dashed', fontname: 'Helvetica' };
  return {
    shape: 'rectangle',
    margin: '0.15',
    style: 'rounded,filled',
    fillcolor: '#b4d8e4',
    fontname: 'Helvetica',
  };
}

const MODIFIER_STYLE: Record<string, Attrs> = {
  output: { fillcolor: '#FFC857' },
  collect: { peripheries: '2', color: '#EA5556' },
  expand: { peripheries: '2', color: '#56E39F' },
  override: { style: 'filled,diagonals' },
};

// Hamilton's edge styles: a crow's foot where one value becomes many (expand) or many become one (collect).
const EDGE_STYLE: Record<ParallelRole, Attrs> = {
  expand: { dir: 'both', arrowhead: 'crow', arrowtail: 'none' },
  collect: { dir: 'both', arrowtail: 'crow' },
};

const LEGEND_ORDER = ['config', 'input', 'function', 'output', 'expand', 'collect', 'override'];
const MODIFIER_KINDS = new Set(['output', 'expand', 'collect', 'override']);

/** The DOT text of a description, in Hamilton's graphviz look. */
export function toDot(graph: GraphDescription, options: DotOptions = {}): string {
  const anyPath = graph.nodes.some((n) => n.onPath);
  const pathOnly = (options.pathOnly ?? true) && anyPath;
  const shown = graph.nodes.filter((n) => !pathOnly || n.onPath);
  const byName = new Map(shown.map((n) => [n.name, n]));
  const seen = new Set<string>();
  const lines = [
    'digraph {',
    `\tgraph [compound=true concentrate=true rankdir=${options.orient ?? 'LR'} ranksep=0.4 style=filled]`,
    '\tnode [fillcolor="#ffffff"]',
  ];
  // Config notes first, as Hamilton draws them.
  for (const n of shown) {
    if (n.kind !== 'config') continue;
    seen.add('config');
    lines.push(`\t${id(n.name)} ${attrs(nodeLabel(n.name, n.value ?? ''), style('config'))}`);
  }
  for (const n of shown) {
    if (n.kind !== 'function') continue;
    const configKey = n.tags['hamilton.config'];
    const a = style('function');
    seen.add('function');
    if (n.isOutput) {
      Object.assign(a, MODIFIER_STYLE.output);
      seen.add('output');
    }
    if (n.parallel) {
      Object.assign(a, MODIFIER_STYLE[n.parallel]);
      seen.add(n.parallel);
    }
    if (n.isOverride) {
      Object.assign(a, MODIFIER_STYLE.override);
      seen.add('override');
    }
    if (!pathOnly && anyPath && n.onPath) a.color = 'red';
    const label = nodeLabel(configKey ? `${n.name}: ${String(configKey)}` : n.name, n.type);
    lines.push(`\t${id(n.name)} ${attrs(label, a)}`);
  }
  const inputsOf = new Map<string, DescribedNode[]>();
  for (const e of graph.edges) {
    const from = byName.get(e.from);
    const to = byName.get(e.to);
    if (!from || !to) continue;
    if (from.kind === 'input') {
      const list = inputsOf.get(to.name) ?? [];
      list.push(from);
      inputsOf.set(to.name, list);
      continue;
    }
    const edge: Attrs = e.parallel ? { ...EDGE_STYLE[e.parallel] } : {};
    if (!pathOnly && anyPath && from.onPath && to.onPath) edge.color = 'red';
    lines.push(
      `\t${id(from.name)} -> ${id(to.name)}${Object.keys(edge).length ? ` ${attrs(undefined, edge)}` : ''}`,
    );
  }
  for (const [consumer, inputs] of inputsOf) {
    seen.add('input');
    const rows = inputs.map((i) => `<tr><td>${html(i.name)}</td><td>${html(i.type)}</td></tr>`).join('');
    const inputNode = `_${consumer}_inputs`;
    lines.push(`\t${id(inputNode)} ${attrs(`<<table border="0">${rows}</table>>`, style('input'))}`);
    lines.push(`\t${id(inputNode)} -> ${id(consumer)}`);
  }
  if (options.showLegend ?? true) {
    lines.push(
      '\tsubgraph cluster__legend {',
      '\t\tgraph [fillcolor="#ffffff" fontname=helvetica label=Legend rank=same]',
    );
    for (const kind of LEGEND_ORDER.filter((k) => seen.has(k))) {
      const a = MODIFIER_KINDS.has(kind) ? { ...style('function'), ...MODIFIER_STYLE[kind] } : style(kind);
      lines.push(`\t\t${id(`_legend_${kind}`)} ${attrs(kind, a)}`);
    }
    lines.push('\t}');
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
