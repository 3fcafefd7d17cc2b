/**
 * Graph descriptions (plain, serializable: what the UI draws) and their DOT text in Hamilton's graphviz
 * look: functions as rounded boxes filled #b4d8e4 with name and type, inputs dashed (gathered per consumer
 * in a table, as Hamilton does), config as notes with their values, requested outputs filled #FFC857,
 * overrides hatched, and a legend listing only the kinds present.
 */
import type { DescribedEdge, DescribedNode, GraphDescription, ParallelRole, Variable } from './description';
import { OVERRIDDEN, type Plan } from './plan';
import { CONFIG, type FunctionGraph } from './graph';
import { functionName } from './modules';
import { isCollectType, isExpander, parallelStructure } from './parallel';
import { summarize } from './summary';
import { toVariable } from './variables';

// Hamilton shows config values with Python's str(): strings without quotes.
function configText(value: unknown): string {
  return typeof value === 'string' ? value : summarize(value);
}

/** Which nodes a description shows and which it marks (Hamilton's node modifiers). */
export interface DescribeSelection {
  /** An execution: its final vars are outputs, its overrides hatched, its nodes on the path. */
  readonly plan?: Plan;
  /** By node id, 1 for the nodes to show (config notes are always shown, as Hamilton draws them). */
  readonly include?: Uint8Array;
  /** By node id, 1 for the nodes on a path (drawn outlined in red). */
  readonly path?: Uint8Array;
}

/**
 * Describes the graph, or the nodes `selection.include` picks (with only the edges between them): with a
 * plan, flags its final vars as outputs, its overrides, and the nodes the execution touches as on the path.
 */
export function describeGraph(graph: FunctionGraph, selection: DescribeSelection = {}): GraphDescription {
  const { plan, include, path } = selection;
  const nodes: DescribedNode[] = [];
  const edges: DescribedEdge[] = [];
  const outputs = new Set(plan?.finalVars);
  // Most graphs have no parallel block: their nodes and edges need no role.
  const dynamic = parallelStructure(graph).dynamic;
  const shown = (i: number) => include === undefined || include[i] === 1 || graph.kind[i] === CONFIG;
  for (let i = 0; i < graph.size; i++) {
    if (!shown(i)) continue;
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
      isOverride: plan ? plan.provided[i] === OVERRIDDEN : false,
      onPath: plan ? plan.inPlan[i] === 1 : path ? path[i] === 1 : false,
      value: graph.kind[i] === CONFIG ? configText(graph.config[node.name]) : undefined,
      functionName: fnName && fnName !== node.name ? fnName : undefined,
    };
    const role = dynamic ? parallelRoleOf(graph, i) : undefined;
    nodes.push(role ? { ...described, parallel: role } : described);
    for (let e = graph.depStart[i]; e < graph.depStart[i + 1]; e++) {
      if (!shown(graph.depIds[e])) continue;
      const d = node.dependencies[e - graph.depStart[i]];
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

/** What {@link DotOptions.customStyleFunction} returns: extra attributes, and optionally a legend entry. */
export type CustomStyle = readonly [
  style: Readonly<Record<string, string>>,
  baseType?: string | null,
  legendName?: string | null,
];

/** Options of {@link toDot}: Hamilton's drawing keywords, camelCased. */
export interface DotOptions {
  /**
   * Draw only the nodes marked on the path when the description marks some (default false: draw every
   * node, and outline the path in red when other nodes are shown too, as `visualizePathBetween` does).
   */
  readonly pathOnly?: boolean;
  /** Graph direction: `LR` (Hamilton's default), `TB`, `RL` or `BT`. */
  readonly orient?: 'LR' | 'TB' | 'RL' | 'BT';
  /** Add the legend. Default true. */
  readonly showLegend?: boolean;
  /** Leave out the input tables. Default false. */
  readonly hideInputs?: boolean;
  /** Draw one input table for consumers that read the same inputs. Default false. */
  readonly deduplicateInputs?: boolean;
  /** Draw `schema.output` columns as a cluster of fields beside the node. Default true. */
  readonly showSchema?: boolean;
  /**
   * Styles nodes (Hamilton's `custom_style_function`): gets the node and its class (`function`, `input`,
   * `config`, `materializer`) and returns `[attributes, baseType, legendName]`; with a legend name, the
   * legend gets an entry drawn as `baseType` with those attributes.
   */
  readonly customStyleFunction?: (context: {
    readonly node: Variable;
    readonly nodeClass: string;
  }) => CustomStyle;
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
  materializer: { shape: 'cylinder' },
  field: { fillcolor: '#c8dae0', fontname: 'Courier' },
  cluster: { fillcolor: '#ffffff', color: '#649fb3', style: 'rounded,filled,dashed' },
};

// Hamilton's edge styles: a crow's foot where one value becomes many (expand) or many become one (collect).
const EDGE_STYLE: Record<ParallelRole, Attrs> = {
  expand: { dir: 'both', arrowhead: 'crow', arrowtail: 'none' },
  collect: { dir: 'both', arrowtail: 'crow' },
};

const LEGEND_ORDER = [
  'config',
  'input',
  'function',
  'cluster',
  'field',
  'output',
  'expand',
  'collect',
  'materializer',
  'override',
];

/** The schema tag's columns, `name=type` padded to one width (Hamilton's field labels). */
function schemaFields(tag: string): string[] {
  const cols = tag.split(',').map((c) => c.trim().replace(/:(?! )/, ': '));
  const width = Math.max(...cols.map((c) => c.length));
  return cols.map((c) => c.padEnd(width));
}

/** Data savers, and the loader nodes of `loadFrom`/`from`/`dataloader` (not the ones selecting data). */
function isMaterializer(n: DescribedNode): boolean {
  return (
    n.tags['hamilton.data_saver'] === 'true' ||
    (n.tags['hamilton.data_loader'] === 'true' &&
      (n.name.includes('load_data.') || n.tags['hamilton.data_loader.source'] === 'loader'))
  );
}

/** The legend: the kinds `seen`, in Hamilton's order, then the custom styles' entries. */
function legendLines(seen: ReadonlySet<string>, extraLegend: ReadonlyMap<string, Attrs>): string[] {
  const lines = [
    '\tsubgraph cluster__legend {',
    '\t\tgraph [fillcolor="#ffffff" fontname=helvetica label=Legend rank=same]',
  ];
  for (const kind of LEGEND_ORDER.filter((k) => seen.has(k))) {
    const a =
      kind === 'config' || kind === 'input'
        ? style(kind)
        : kind === 'materializer'
          ? { ...style('function'), shape: 'cylinder', style: 'filled', margin: '0.15,0.1' }
          : { ...style('function'), ...MODIFIER_STYLE[kind] };
    if (kind === 'materializer') delete a.fillcolor;
    lines.push(`\t\t${id(`_legend_${kind}`)} ${attrs(kind, a)}`);
  }
  for (const [name, a] of extraLegend) lines.push(`\t\t${id(`_legend_${name}`)} ${attrs(id(name), a)}`);
  lines.push('\t}');
  return lines;
}

/** Hamilton's `view_run` style: retrieved nodes outlined in #F06449, on white, as "from cache". */
function cachedRunStyle({ node, nodeClass }: { node: DescribedNode; nodeClass: string }): CustomStyle {
  return node.cache === 'retrieved'
    ? [{ penwidth: '3', color: '#F06449', fillcolor: '#ffffff' }, nodeClass, 'from cache']
    : [{}, nodeClass, undefined];
}

/** The DOT text of a description, in Hamilton's graphviz look. */
export function toDot(graph: GraphDescription, options: DotOptions = {}): string {
  const anyPath = graph.nodes.some((n) => n.onPath);
  const pathOnly = (options.pathOnly ?? false) && anyPath;
  const shown = graph.nodes.filter((n) => !pathOnly || n.onPath || n.kind === 'config');
  const mixed = anyPath && shown.some((n) => n.kind !== 'config' && !n.onPath);
  const byName = new Map(shown.map((n) => [n.name, n]));
  const seen = new Set<string>();
  const extraLegend = new Map<string, Attrs>();
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
    if (n.kind === 'input') seen.add('input');
    if (n.kind !== 'function') continue;
    const configKey = n.tags['hamilton.config'];
    if (configKey) seen.add('config');
    let a = style('function');
    let nodeClass = 'function';
    let type = n.type;
    if (isMaterializer(n)) {
      nodeClass = 'materializer';
      type = String(n.tags['hamilton.data_saver.classname'] ?? n.tags['hamilton.data_loader.classname']);
      a = { ...style('function'), shape: 'cylinder', style: 'filled', margin: '0.15,0.1' };
      delete a.fillcolor;
    }
    let legendClass: string | undefined = nodeClass;
    const styleFunction = options.customStyleFunction ?? (n.cache ? cachedRunStyle : undefined);
    if (styleFunction) {
      const [custom, baseType, legendName] = styleFunction({ node: n, nodeClass });
      if (legendName) {
        extraLegend.set(legendName, { ...style(baseType ?? 'function'), ...custom });
        legendClass = undefined;
      }
      Object.assign(a, custom);
    }
    if (legendClass) seen.add(legendClass);
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
    if (!pathOnly && mixed && n.onPath) a.color ??= 'red';
    const label = nodeLabel(configKey ? `${n.name}: ${String(configKey)}` : n.name, type);
    lines.push(`\t${id(n.name)} ${attrs(label, a)}`);
    const schemaTag = n.tags['hamilton.internal.schema_output'];
    if (typeof schemaTag === 'string' && (options.showSchema ?? true)) {
      seen.add('cluster');
      seen.add('field');
      const clusterStyle = { ...a, ...MODIFIER_STYLE.cluster, margin: '10' };
      lines.push(`\tsubgraph ${id(`cluster_${n.name}`)} {`);
      lines.push(`\t\tgraph ${attrs(undefined, clusterStyle)}`);
      for (const field of schemaFields(schemaTag)) {
        const fieldStyle = { ...a, ...MODIFIER_STYLE.field, fontsize: '10' };
        lines.push(`\t\t${id(`${n.name}:${field}`)} ${attrs(id(field), fieldStyle)}`);
      }
      lines.push(`\t\t${id(n.name)}`, '\t}');
    }
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
    if (!pathOnly && mixed && from.onPath && to.onPath) edge.color = 'red';
    lines.push(
      `\t${id(from.name)} -> ${id(to.name)}${Object.keys(edge).length ? ` ${attrs(undefined, edge)}` : ''}`,
    );
  }
  const tables = new Map<string, string>();
  for (const [consumer, inputs] of options.hideInputs ? [] : inputsOf) {
    const key = inputs
      .map((i) => i.name)
      .sort()
      .join('\u0000');
    const existing = tables.get(key);
    if (existing !== undefined) {
      lines.push(`\t${id(existing)} -> ${id(consumer)}`);
      continue;
    }
    const rows = inputs.map((i) => `<tr><td>${html(i.name)}</td><td>${html(i.type)}</td></tr>`).join('');
    const inputNode = `_${consumer}_inputs`;
    if (options.deduplicateInputs) tables.set(key, inputNode);
    lines.push(`\t${id(inputNode)} ${attrs(`<<table border="0">${rows}</table>>`, style('input'))}`);
    lines.push(`\t${id(inputNode)} -> ${id(consumer)}`);
  }
  if (options.showLegend ?? true) lines.push(...legendLines(seen, extraLegend));
  lines.push('}');
  return lines.join('\n') + '\n';
}
